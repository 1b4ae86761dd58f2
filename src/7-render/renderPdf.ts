import PDFDocument from 'pdfkit';
import type { PageItem, PageModel, StructNode } from '../model/page.js';
import type { ProcessedImage } from '../5-images/processImage.js';
import type { FaceId } from '../model/theme.js';
import type { FontVariant, HiddenLetter, PlacedPosition } from '../fonts/fontMetrics.js';
import { pngImage } from './pngImage.js';

export interface RenderOptions {
  /** Parsed fonts by face: the very objects layout measured with (pdfkit takes fontkit fonts). */
  font: (face: FaceId, variant?: FontVariant) => unknown;
  images: Map<string, ProcessedImage>;
  /** Dates written into the PDF: from SOURCE_DATE_EPOCH or the content, never the clock. */
  date: Date;
  grayscale?: boolean;
  /** Colours that print as a chosen gray rather than their luminance (the theme's accent). */
  grayOverrides?: Record<string, string>;
  /** A tagged PDF (PDF/UA-1): the page model's structure nodes as structure elements, the rest artifacts. */
  tagged?: boolean;
  /** Filled, when given, with each image's object number in the PDF: by its key (an edition imposed from this PDF swaps them). */
  imageObjects?: Map<string, number>;
}

type Doc = PDFKit.PDFDocument;
type Opened = Parameters<PDFKit.PDFDocument['image']>[0];

/** An image as pdfkit draws it: a PNG as it is (pngImage.ts), anything else read by pdfkit. */
function openImage(doc: Doc, processed: ProcessedImage, label: string): Opened {
  const png = processed.format === 'png' ? (pngImage(processed.data, label) as unknown as Opened | null) : null;
  return png ?? (doc as unknown as { openImage(data: Buffer): Opened }).openImage(processed.data);
}

/** Glyphs as pdfkit's fonts encode them: hex glyph ids and their positions, in thousandths of the size. */
type Encoded = [string[], PlacedPosition[]];

/** A number as pdfkit writes it in content streams (its PDFObject.number): rounded to a millionth. */
const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** The object number pdfkit gave an image it drew. */
const objectNumber = (img: Opened) => (img as unknown as { obj: { id: number } }).obj.id;

/**
 * A PDF of nothing but the images, each drawn once, and the object number of each, by key: the images
 * an imposed edition puts in place of those of the PDF it is imposed from (print ones for screen ones).
 */
export function renderImages(images: Map<string, ProcessedImage>, font: RenderOptions['font']): Promise<{ pdf: Buffer; objects: Map<string, number> }> {
  // Our body face as the default font (never used, so never embedded): pdfkit would load Helvetica's metrics.
  const doc = new PDFDocument({ autoFirstPage: false, font: font('body') as string, compress: true, pdfVersion: '1.7', info: { Producer: 'zine', Creator: 'zine', CreationDate: new Date(0), ModDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const objects = new Map<string, number>();
  const done = new Promise<{ pdf: Buffer; objects: Map<string, number> }>((resolve, reject) => {
    doc.on('end', () => resolve({ pdf: Buffer.concat(chunks), objects }));
    doc.on('error', reject);
  });
  doc.addPage({ size: [1, 1], margin: 0 });
  for (const [key, processed] of images) {
    const img = openImage(doc, processed, `Im${objects.size + 1}`);
    doc.image(img, 0, 0, { width: 1, height: 1 });
    objects.set(key, objectNumber(img));
  }
  doc.end();
  return done;
}

/** XML text: a title may hold `&` or `<`. */
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Luminance gray for photocopier editions: a page drawn with it has no coloured pixel. */
export function toGray(hex: string, overrides: Record<string, string> = {}): string {
  if (overrides[hex]) return overrides[hex];
  const n = parseInt(hex.slice(1), 16);
  const l = Math.round(0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255));
  const h = l.toString(16).padStart(2, '0');
  return `#${h}${h}${h}`;
}

/**
 * Draw the page model with pdfkit. Nothing is decided here: every line sits where layout put it
 * (lineBreak: false), and pdfkit never wraps text or adds pages on its own.
 */
export function renderPdf(model: PageModel, o: RenderOptions): Promise<Buffer> {
  // The press edition's sheet (layout/press.ts): the page `off` in from its edges, TrimBox and BleedBox.
  const press = model.press;
  const off = press?.offset ?? 0;
  const color = o.grayscale ? (c: string) => toGray(c, o.grayOverrides) : (c: string) => c;
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true, // pages stay open until the end, for the contents' links (see `internal`)
    // Our body face as pdfkit's default font, so pdfkit never loads its Helvetica metrics.
    font: o.font('body') as string,
    compress: true,
    pdfVersion: '1.7',
    lang: model.lang,
    displayTitle: true,
    info: {
      Title: model.title,
      ...(model.subject ? { Subject: model.subject } : {}),
      Producer: 'zine',
      Creator: 'zine',
      CreationDate: o.date,
      ModDate: o.date,
    },
    // pdfkit 0.20 knows 'PDF/UA' (its XMP pdfuaid:part 1); its types list only the PDF/A subsets.
    ...(o.tagged ? ({ tagged: true, subset: 'PDF/UA' } as object) : {}),
  });
  if (o.tagged) {
    // PDF/UA's XMP: the title (and pdfuaid:part, added by pdfkit), no tool, producer or date.
    (doc as unknown as { _addInfo(): void })._addInfo = () =>
      (doc as unknown as { appendXML(xml: string): void }).appendXML(
        `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(model.title)}</rdf:li></rdf:Alt></dc:title></rdf:Description>`,
      );
  }
  // What of pdfkit's state writing text ourselves needs (writeText): the current font, its size, the page.
  const pdfkit = doc as unknown as {
    _font: { id: string; ref(): unknown; encode(t: string): Encoded };
    _fontSize: number;
    page: { height: number; fonts: Record<string, unknown> };
    addContent(s: string): unknown;
  };
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const used = new Set<FaceId>();
  for (const p of model.pages) for (const it of p.items) if (it.type === 'text') used.add(it.face);
  for (const face of used) {
    doc.registerFont(face, o.font(face) as Buffer);
    // Embedded only if used: by the hidden letters of right-to-left ligatures, by mirrored brackets.
    for (const variant of ['hidden', 'mirrored'] as const) doc.registerFont(`${face} ${variant}`, o.font(face, variant) as Buffer);
  }
  // pdfkit keeps a registered font under its name only if no font of the same PostScript name is open:
  // the body face, already open as the document's default font, was opened again (a font subset made
  // and thrown away) for every text set in it. Each face is opened once here and kept by its name.
  const fonts = doc as unknown as { _font: unknown; _fontFamilies: Record<string, unknown> };
  for (const face of used) fonts._fontFamilies[face] = doc.font(face) && fonts._font;
  // Each image is opened once, so a figure used twice is stored once.
  const images = new Map<string, Opened>();
  const image = (key: string) => {
    let img = images.get(key);
    if (!img) {
      const processed = o.images.get(key);
      if (!processed) throw new Error(`internal: no processed image for ${key}`);
      img = openImage(doc, processed, `Im${images.size + 1}`);
      images.set(key, img);
    }
    return img;
  };

  const W = model.width;
  const H = model.height;
  const outlineByLevel: ReturnType<typeof doc.outline.addItem>[] = [];
  // Links inside the document (the contents) point at page objects directly, added once every page
  // exists: no named destinations, whose name tree pdfkit sorts with a locale collator at each run.
  const internal: { page: number; x: number; y: number; w: number; h: number; id: string; element?: ReturnType<typeof doc.struct> }[] = [];
  const targets = new Map(model.outline.map((e) => [e.id, e]));
  const pageDicts: unknown[] = [];

  // Tagged editions: each structure node becomes an element when its first mark is drawn, in the
  // element of its parent (the Document for a node without one), so elements follow the reading order.
  type Element = ReturnType<typeof doc.struct>;
  const documentElement = o.tagged ? doc.struct('Document') : null;
  if (documentElement) doc.addStructure(documentElement);
  const elements = new Map<StructNode, Element>();
  let notes = 0;
  const element = (node: StructNode): Element => {
    const known = elements.get(node);
    if (known) return known;
    const e = doc.struct(node.role, { ...(node.alt ? { alt: node.alt } : {}), ...(node.actual ? { actual: node.actual } : {}), ...(node.scope ? { scope: node.scope } : {}), ...(node.lang ? { lang: node.lang } : {}) });
    // PDF/UA asks every note for an ID of its own.
    if (node.role === 'Note') (e as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.ID = new String(`note-${++notes}`);
    (node.parent ? element(node.parent) : documentElement!).add(e);
    elements.set(node, e);
    return e;
  };
  // A link's reference to its annotation names the page pdfkit is on when the element ends: each Link
  // element ends with its page (a link running onto the next page is a second element there), or,
  // for the contents' links, once their annotation is added.
  const awaiting = new Set<Element>();
  const endPageLinks = () => {
    for (const [node, e] of elements) {
      if (node.role !== 'Link') continue;
      if (!awaiting.has(e)) e.end();
      elements.delete(node);
    }
  };
  /** The page's marks, each run of marks of one element in one marked-content sequence; untagged ones as artifacts. */
  const drawTagged = (items: PageItem[]) => {
    for (let i = 0; i < items.length; ) {
      const { tag } = items[i];
      let j = i + 1;
      if (items[i].type !== 'link') while (j < items.length && items[j].type !== 'link' && items[j].tag === tag) j++;
      const run = items.slice(i, j);
      i = j;
      if (run[0].type === 'link') drawItem(run[0]);
      else if (!tag) {
        doc.markContent('Artifact');
        run.forEach(drawItem);
        doc.endMarkedContent();
      } else {
        const e = element(tag);
        const content = doc.markStructureContent(tag.role);
        run.forEach(drawItem);
        doc.endMarkedContent();
        e.add(content);
      }
    }
  };

  // The page's fill colour, as the texts, rectangles and QR codes drawn at its top level set it (what a
  // shape sets inside a save is undone by its restore): written again only when it changes, not before
  // every text (a fifth of a page's operators).
  let fill: string | undefined;
  const setFill = (c: string) => {
    if (c !== fill) doc.fillColor(c);
    fill = c;
  };

  for (const page of model.pages) {
    doc.addPage({ size: [W + 2 * off, H + 2 * off], margin: 0 });
    fill = undefined; // a new page starts from the default graphics state
    if (press) {
      const bleed = press.bleed;
      const d = doc.page.dictionary.data as Record<string, unknown>;
      d.TrimBox = [off, off, off + W, off + H];
      d.BleedBox = [off - bleed, off - bleed, off + W + bleed, off + H + bleed];
    }
    doc.save();
    doc.translate(off, off);
    if (o.tagged) drawTagged(page.items);
    else for (const it of page.items) drawItem(it);
    doc.restore();
    if (o.tagged) endPageLinks();
    if (press) cropMarks(press);
    pageDicts.push(doc.page.dictionary);
    for (const e of model.outline.filter((e) => e.page === page.index)) {
      const parent = e.level === 0 ? doc.outline : outlineByLevel[e.level - 1] ?? doc.outline;
      outlineByLevel[e.level] = parent.addItem(e.title);
    }
  }
  for (const l of internal) {
    const target = targets.get(l.id);
    if (!target) continue;
    doc.switchToPage(l.page);
    // pdfkit writes JS strings as PDF names: 'XYZ' is /XYZ. Dest y is from the page bottom.
    const tagging = l.element ? { structParent: l.element, Contents: new String(target.title) } : {};
    doc.annotate(l.x, l.y, l.w, l.h, { Subtype: 'Link', Dest: [pageDicts[target.page], 'XYZ', 0, H + 2 * off - (target.y + off), null], ...tagging } as unknown as Parameters<typeof doc.annotate>[4]);
    l.element?.end();
  }
  doc.end();
  if (o.imageObjects) for (const [key, img] of images) o.imageObjects.set(key, objectNumber(img));
  return done;

  function drawItem(it: PageItem) {
    switch (it.type) {
      case 'rect': {
        doc.rect(it.x, it.y, it.w, it.h);
        setFill(color(it.fill));
        doc.fill();
        break;
      }
      case 'text':
        drawText(it);
        break;
      case 'image':
        doc.image(image(it.image), it.x, it.y, { width: it.w, height: it.h });
        break;
      case 'link': {
        // Tagged, an annotation is a child of its Link element and says where it leads (/Contents).
        const e = o.tagged && it.tag ? element(it.tag) : undefined;
        if (it.url.startsWith('#')) {
          internal.push({ page: pageDicts.length, x: it.x + off, y: it.y + off, w: it.w, h: it.h, id: it.url.slice(1), ...(e ? { element: e } : {}) });
          if (e) awaiting.add(e);
        } else doc.link(it.x + off, it.y + off, it.w, it.h, it.url, e ? ({ structParent: e, Contents: new String(it.url) } as unknown as Parameters<typeof doc.link>[5]) : undefined);
        break;
      }
      case 'path':
        if (!it.transform && !it.stroke && !it.clip && it.fill) doc.save().translate(it.x, it.y).scale(it.scale).path(it.d).fill(color(it.fill), it.evenOdd ? 'even-odd' : 'non-zero').restore();
        else drawShape(it);
        break;
      case 'qr': {
        const n = it.modules.length;
        // One rectangle per horizontal run of dark modules, in modules under one matrix (whole numbers,
        // a third of the bytes of points with six decimals), filled at once: small and crisp.
        const runs: string[] = [];
        it.modules.forEach((row, r) => {
          for (let c = 0; c < n; c++) {
            if (!row[c]) continue;
            let e = c;
            while (e + 1 < n && row[e + 1]) e++;
            runs.push(`${c} ${r} ${e - c + 1} 1 re`);
            c = e;
          }
        });
        setFill(color(it.color));
        const s = it.size / n;
        pdfkit.addContent(['q', `${num(s)} 0 0 ${num(s)} ${num(it.x)} ${num(it.y)} cm`, ...runs, 'f', 'Q'].join('\n'));
        break;
      }
    }
  }

  /**
   * Text with its word spaces as glyphs. pdfkit spreads a justified line by dropping its spaces and
   * widening the letter before each (wordSpacing), and a fragment ends without the space that follows
   * it: text read without positions (the structure tree, screen readers, some copy and paste) would run
   * the words together. Here every space is the font's space glyph, widened by the line's extra
   * spacing, and a space that follows the item is drawn after it (invisible, past its measured width).
   *
   * The letters of a right-to-left word that no visible glyph carries (a ligature's further letters,
   * marks: fontMetrics.ts logicalOrder) are written where they stand in the glyph stream, in the face's
   * hidden variant and text render mode 3 (neither filled nor stroked), a mark's glyph drawn as a shape:
   * the text is drawn in runs, each from its own start.
   */
  function drawText(it: Extract<PageItem, { type: 'text' }>) {
    // Text drawn other than it reads (mirrored brackets) in the variant that copies as it reads.
    const face = it.actual === undefined ? it.face : `${it.face} mirrored`;
    doc.font(face).fontSize(it.size);
    setFill(color(it.color));
    const text = it.spaceAfter ? `${it.text} ` : it.text;
    const font = pdfkit._font;
    const extra = ((it.wordSpacing ?? 0) * 1000) / it.size; // pdfkit's glyph positions are in thousandths of the size
    const encoded = (t: string): Encoded => {
      if (!it.wordSpacing || !t.includes(' ')) return font.encode(t);
      const glyphs: string[] = [];
      const positions: PlacedPosition[] = [];
      t.split(' ').forEach((word, i) => {
        if (i > 0) {
          const [g, p] = font.encode(' ');
          glyphs.push(...g);
          // Copies: pdfkit caches layouts, so its position objects are shared.
          positions.push(...p.map((q, k) => (k === p.length - 1 ? { ...q, xAdvance: q.xAdvance + extra } : q)));
        }
        if (word) {
          const [g, p] = font.encode(word);
          glyphs.push(...g);
          positions.push(...p);
        }
      });
      return [glyphs, positions];
    };
    // Runs of visible glyphs, each hidden letter a run of its own at its place.
    const [glyphs, positions] = encoded(text);
    const runs: ({ x: number; glyphs: Encoded } | { x: number; hidden: HiddenLetter })[] = [];
    let x = it.x;
    positions.forEach((p, i) => {
      const last = runs[runs.length - 1];
      if (p.hidden) runs.push({ x: it.x + (p.xOffset * it.size) / 1000, hidden: p.hidden });
      else if (last && 'glyphs' in last) last.glyphs.forEach((list, k) => (list as unknown[]).push(k ? p : glyphs[i]));
      else runs.push({ x, glyphs: [[glyphs[i]], [p]] });
      x += (p.xAdvance * it.size) / 1000;
    });
    // A right-to-left run in logical order places each glyph by its offset, with no advance
    // (fontMetrics.ts logicalOrder): writeText, as pdfkit, moves the text position (Tm) before each, six
    // times the operators of a left-to-right line, most of an Arabic page's rendering. The same places
    // as advances from one glyph to the next: one TJ, glyphs where they were, in the same order.
    for (const run of runs) {
      if (!('glyphs' in run)) continue;
      const ps = run.glyphs[1];
      if (!ps.every((p) => p.xAdvance === 0 && p.drawn !== undefined) || !ps.some((p) => p.xOffset)) continue;
      run.x += (ps[0].xOffset * it.size) / 1000;
      run.glyphs[1] = ps.map((p, k) => ({ ...p, xOffset: 0, xAdvance: k + 1 < ps.length ? ps[k + 1].xOffset - p.xOffset : p.drawn }));
    }
    for (const run of runs) {
      if ('glyphs' in run) {
        writeText(run.glyphs, run.x, it.y, it.tracking ?? 0, false);
        continue;
      }
      const { letter, ink } = run.hidden;
      doc.font(`${it.face} hidden`);
      writeText(pdfkit._font.encode(String.fromCodePoint(letter)), run.x, it.y, it.tracking ?? 0, true);
      doc.font(face);
      if (ink) {
        // A mark's glyph as a shape, where shaping put it: its letter is the hidden one.
        const scale = it.size / ink.em;
        doc.save().translate(it.x + ink.x * scale, it.y - ink.y * scale).scale(scale, -scale).path(ink.d).fill(color(it.color)).restore();
      }
    }
  }

  /**
   * Glyphs already encoded by the current font, written where pdfkit's text() would write them, as it
   * would (its _fragment, for what we ask of it: left aligned on the baseline, no width, no word spacing,
   * no link, underline or strike), in one write: pdfkit made each operator a buffer of its own, and went
   * through its text options, wrapping and measuring for every text. `hidden`: render mode 3, neither
   * filled nor stroked (the letters no visible glyph carries, there for copy and search).
   */
  function writeText([encoded, positions]: Encoded, x: number, y: number, characterSpacing: number, hidden: boolean) {
    if (!encoded.length) return;
    const font = pdfkit._font;
    const page = pdfkit.page;
    page.fonts[font.id] ??= font.ref();
    const size = pdfkit._fontSize;
    const scale = size / 1000;
    y = page.height - y;
    const ops = ['q', `1 0 0 -1 0 ${num(page.height)} cm`, 'BT', `1 0 0 1 ${num(x)} ${num(y)} Tm`, `/${font.id} ${num(size)} Tf`];
    if (hidden) ops.push('3 Tr');
    if (characterSpacing) ops.push(`${num(characterSpacing)} Tc`);
    const commands: string[] = [];
    let last = 0;
    let hadOffset = false;
    const segment = (cur: number) => {
      if (last < cur) commands.push(`<${encoded.slice(last, cur).join('')}> ${num(-(positions[cur - 1].xAdvance - positions[cur - 1].advanceWidth))}`);
      last = cur;
    };
    const flush = (i: number) => {
      segment(i);
      if (commands.length) ops.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    };
    let i = 0;
    for (; i < positions.length; i++) {
      const p = positions[i];
      if (p.xOffset || p.yOffset) {
        flush(i);
        ops.push(`1 0 0 1 ${num(x + p.xOffset * scale)} ${num(y + p.yOffset * scale)} Tm`);
        flush(i + 1);
        hadOffset = true;
      } else {
        if (hadOffset) ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
        hadOffset = false;
        if (p.xAdvance - p.advanceWidth !== 0) segment(i + 1);
      }
      x += p.xAdvance * scale;
    }
    flush(i);
    ops.push('ET', 'Q');
    pdfkit.addContent(ops.join('\n'));
  }

  /** A shape of an SVG figure: its own transform, fill and stroke, clipped to the figure's box. */
  function drawShape(it: Extract<PageItem, { type: 'path' }>) {
    doc.save();
    if (it.clip) doc.rect(it.clip.x, it.clip.y, it.clip.w, it.clip.h).clip();
    doc.translate(it.x, it.y).scale(it.scale);
    if (it.transform) doc.transform(...it.transform);
    doc.path(it.d);
    const rule = it.evenOdd ? 'even-odd' : 'non-zero';
    if (it.fill) doc.fillColor(color(it.fill), it.fillOpacity ?? 1);
    if (it.stroke) {
      doc.strokeColor(color(it.stroke.color), it.stroke.opacity).lineWidth(it.stroke.width).lineCap(it.stroke.cap).lineJoin(it.stroke.join);
      if (it.fill) doc.fillAndStroke(undefined, undefined, rule);
      else doc.stroke();
    } else doc.fill(rule);
    doc.restore();
  }

  function cropMarks(sheet: NonNullable<PageModel['press']>) {
    doc.save().lineWidth(sheet.markWeight).strokeColor('#000000');
    for (const [x1, y1, x2, y2] of sheet.marks) doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
    doc.restore();
  }
}
