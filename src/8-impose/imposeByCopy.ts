/**
 * Imposition with our own reader and writer: each page with content becomes a Form XObject whose
 * content is the page's own, still compressed, and whose resources (fonts, images...) are copied
 * as they are read, found by walking references from the page's resources. Nothing else of the
 * input is copied: no page objects, annotations, structure tree, outlines or XMP.
 */
import { deflateSync } from 'node:zlib';
import { PdfDict, PdfFile, PdfRef, PdfStream, PdfToken, Unsupported, type PdfValue } from './pdfFile.js';
import { dictEntries, PdfWriter, serialize } from './pdfWriter.js';
import { layOut, pdfNumber, sideContent, type ImposeOptions } from './sides.js';

/** A page as the page tree gives it, inherited attributes included. */
interface SourcePage {
  /** Visible area: CropBox, else MediaBox. */
  box: { x: number; y: number; width: number; height: number };
  resources?: PdfValue;
  contents?: PdfValue;
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

/**
 * Objects of the input drawn from another PDF instead: the print edition's images in place of the
 * reading edition's (a booklet imposed from the reading PDF, src/pipeline.ts). By object number: the
 * input's -> the other PDF's; what the other objects refer to (a palette) comes from the other PDF too.
 */
export interface Swap {
  from: Uint8Array;
  objects: Map<number, number>;
}

/** The booklet, or null when the input needs pdf-lib (a PDF or a page this code does not handle). */
export function imposeByCopy(input: Uint8Array, options: ImposeOptions, swap?: Swap): Uint8Array | null {
  const pdf = PdfFile.open(input);
  const other = swap ? PdfFile.open(swap.from) : null;
  if (!pdf || (swap && !other)) return null;
  try {
    return impose(pdf, options, other && swap ? { pdf: other, objects: swap.objects } : undefined);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function impose(pdf: PdfFile, options: ImposeOptions, swap?: { pdf: PdfFile; objects: Map<number, number> }): Uint8Array {
  const catalog = pdf.dict(pdf.trailer.get('Root'));
  const pages = readPageTree(pdf, catalog.get('Pages'));
  if (pages.length === 0) throw new Error('imposeBooklet: input PDF has no pages');
  const layout = layOut(
    pages.map((p) => p.box),
    options,
  );

  const out = new PdfWriter();
  const root = out.reserve();
  const pageTree = out.reserve();
  const info = out.reserve();

  // Source object number -> output number, per source file; copied in the order first met, so always the same.
  const copied = new Map<PdfFile, Map<number, number>>([[pdf, new Map()]]);
  const toCopy: [PdfFile, number][] = [];
  const renumberIn =
    (file: PdfFile) =>
    (ref: PdfRef): number => {
      const swapped = file === pdf ? swap?.objects.get(ref.num) : undefined;
      if (swapped !== undefined) {
        // What takes an image's place is an image: a stream (a number that names nothing would be null).
        if (!(swap!.pdf.get(swapped) instanceof PdfStream)) throw new Unsupported(`object ${swapped} of the other PDF is not a stream`);
        return renumberIn(swap!.pdf)(new PdfRef(swapped, 0));
      }
      let seen = copied.get(file);
      if (!seen) copied.set(file, (seen = new Map()));
      let num = seen.get(ref.num);
      if (num === undefined) {
        num = out.reserve();
        seen.set(ref.num, num);
        toCopy.push([file, ref.num]);
      }
      return num;
    };
  const renumber = renumberIn(pdf);

  // Each page with content as a Form XObject showing its visible area.
  const forms = new Map<number, number>();
  for (const [i, page] of pages.entries()) {
    const content = formContent(pdf, page.contents);
    if (!content) continue;
    const { x, y, width, height } = page.box;
    const bbox = [x, y, x + width, y + height].map(pdfNumber).join(' ');
    const resources = page.resources === undefined ? '<<>>' : serialize(page.resources, renumber);
    const filter = content.flate ? '/Filter/FlateDecode' : '';
    forms.set(i, out.add(`/Type/XObject/Subtype/Form/FormType 1/BBox[${bbox}]/Matrix[1 0 0 1 ${pdfNumber(-x)} ${pdfNumber(-y)}]/Resources ${resources}${filter}`, content.data));
  }
  // Copying an object can find more to copy.
  for (let i = 0; i < toCopy.length; i++) {
    const [file, from] = toCopy[i];
    const obj = file.get(from);
    const num = copied.get(file)!.get(from)!;
    const refs = renumberIn(file);
    if (obj instanceof PdfStream) out.set(num, dictEntries(obj.dict, refs, 'Length'), obj.data);
    else out.set(num, serialize(obj, refs));
  }

  const kids: number[] = [];
  const [W, H] = [layout.paper.width, layout.paper.height].map(pdfNumber);
  for (const side of layout.sides) {
    const used: string[] = [];
    const content = sideContent(side, layout, (page) => {
      const form = forms.get(page);
      if (form === undefined) return undefined;
      used.push(`/P${page + 1} ${form} 0 R`);
      return `P${page + 1}`;
    });
    // A few hundred bytes: compressing them would cost more time than it saves room.
    const contents = out.add('', Buffer.from(content, 'latin1'));
    kids.push(out.add(`<</Type/Page/Parent ${pageTree} 0 R/MediaBox[0 0 ${W} ${H}]/Resources<</XObject<<${used.join('')}>>>>/Contents ${contents} 0 R>>`));
  }

  out.set(pageTree, `<</Type/Pages/Kids[${kids.map((k) => `${k} 0 R`).join(' ')}]/Count ${kids.length}>>`);
  const lang = pdf.resolve(catalog.get('Lang'));
  out.set(root, `<</Type/Catalog/Pages ${pageTree} 0 R${lang instanceof PdfToken ? `/Lang ${lang.raw}` : ''}>>`);
  const srcInfo = pdf.resolve(pdf.trailer.get('Info'));
  const title = srcInfo instanceof PdfDict ? pdf.resolve(srcInfo.get('Title')) : undefined;
  const date = `(${pdfDate(options.date ?? new Date(0))})`;
  out.set(info, `<</Producer (zine)/Creator (zine)/CreationDate ${date}/ModDate ${date}${title instanceof PdfToken ? `/Title ${title.raw}` : ''}>>`);
  return out.toBytes(root, info);
}

/** The leaf pages in order, with what they inherit from the Pages nodes above them. */
function readPageTree(pdf: PdfFile, top: PdfValue | undefined): SourcePage[] {
  const pages: SourcePage[] = [];
  const visit = (node: PdfDict, inherited: Map<string, PdfValue>, depth: number) => {
    if (depth > 64) throw new Unsupported('page tree too deep');
    const here = new Map(inherited);
    for (const key of INHERITED) if (node.has(key)) here.set(key, node.get(key)!);
    if (node.has('Kids')) {
      for (const kid of pdf.array(node.get('Kids'))) visit(pdf.dict(kid), here, depth + 1);
      return;
    }
    if (here.has('Rotate') && pdf.number(here.get('Rotate')) % 360 !== 0) throw new Unsupported('a rotated page');
    const [x1, y1, x2, y2] = pdf.array(here.get('CropBox') ?? here.get('MediaBox')).map((v) => pdf.number(v));
    if (y2 === undefined) throw new Unsupported('a page box of fewer than 4 numbers');
    pages.push({ box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, resources: here.get('Resources'), contents: node.get('Contents') });
  };
  visit(pdf.dict(top), new Map(), 0);
  return pages;
}

/**
 * A page's content for its Form XObject, or undefined for a page without any. One Flate stream (or
 * an unfiltered one) is copied as it is: inflating and deflating it again was the slowest part of
 * imposing. Several streams are decoded, joined and compressed again.
 */
function formContent(pdf: PdfFile, contents: PdfValue | undefined): { data: Uint8Array; flate: boolean } | undefined {
  const value = pdf.resolve(contents);
  if (value === undefined || value instanceof PdfToken) return undefined;
  const streams = (Array.isArray(value) ? value.map((v) => pdf.resolve(v)) : [value]).map((s) => (s instanceof PdfStream ? s : undefined));
  if (streams.length === 0) return undefined;
  if (streams.includes(undefined)) throw new Unsupported('page contents that are not streams');
  const [only] = streams as PdfStream[];
  if (streams.length === 1 && !only.dict.has('DecodeParms')) {
    const filter = pdf.resolve(only.dict.get('Filter'));
    if (filter === undefined) return { data: only.data, flate: false };
    if (pdf.name(filter) === 'FlateDecode') return { data: only.data, flate: true };
  }
  const joined = Buffer.concat((streams as PdfStream[]).flatMap((s, i) => (i ? [Buffer.from('\n'), pdf.decode(s)] : [pdf.decode(s)])));
  return { data: deflateSync(joined), flate: true };
}

/** D:YYYYMMDDHHmmSSZ, in UTC. */
function pdfDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `D:${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
}
