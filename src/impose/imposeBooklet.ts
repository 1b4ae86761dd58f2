/**
 * Imposition: turn a PDF of finished booklet pages (A5, in reading order)
 * into landscape sheets with two pages per side, ready for duplex printing,
 * folding and saddle stitching. Pages are placed as Form XObjects
 * (embedPages), so nothing is re-laid-out: the sheets show exactly the
 * pages that were rendered.
 */
import {
  drawObject,
  ParseSpeeds,
  PDFDocument,
  PDFArray,
  PDFObjectCopier,
  PDFRawStream,
  type PDFPageLeaf,
  type PDFRef,
  PDFHexString,
  PDFName,
  PDFString,
  concatTransformationMatrix,
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  type PDFPage,
} from 'pdf-lib';
import { planBooklet, type Flip, type PageSlot, type Side } from './saddleStitchOrder.js';

export type SheetSize = 'a4' | 'letter';

/** A finished page ready to place: its Form XObject and size. */
interface Placed {
  ref: PDFRef;
  width: number;
  height: number;
}

/** Landscape sheet sizes in pt (A4 exact from 297 × 210 mm). */
export const SHEET_SIZES: Record<SheetSize, { width: number; height: number }> = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
};

export interface ImposeOptions {
  /** Paper the booklet is printed on, used in landscape. Default 'a4'. */
  sheet?: SheetSize;
  /** Duplex flip edge of the printer, see Flip. Default 'short'. */
  flip?: Flip;
  /** Draw fold and crop marks. Default false. */
  marks?: boolean;
  /** Pages per signature (multiple of 4). Default: one signature. */
  signature?: number;
  /** Total creep in mm (see SaddleStitchOptions.creep). Default 0. */
  creep?: number;
  /** Pad with blanks before the last page so the back cover stays last. Default true. */
  keepLastPage?: boolean;
  /** Creation/modification date written to the output; fixed so output is reproducible. Default epoch. */
  date?: Date;
}

const MM = 72 / 25.4;
const MARK_WIDTH = 0.25;
/** Marks stay this far from the trim so a slightly-off cut does not show them. */
const MARK_GAP = 3;
const MARK_MIN = 6;
const MARK_MAX = 6 * MM;
/**
 * Fold tick length when there is no margin outside the pages (A5 on A4).
 * The tick then sits on the fold line itself, i.e. in the pages' gutter where
 * it disappears into the crease; 6 mm so some of it survives the ~4 mm
 * unprintable edge of typical office printers.
 */
const FOLD_TICK_INSIDE = 6 * MM;

export async function imposeBooklet(input: Uint8Array, options: ImposeOptions = {}): Promise<Uint8Array> {
  const { sheet = 'a4', flip = 'short', marks = false, signature, creep = 0, keepLastPage = true } = options;
  const date = options.date ?? new Date(0);

  // Parse and save in one go: pdf-lib's defaults yield to the event loop every 100 objects.
  const src = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const srcPages = src.getPages();
  if (srcPages.length === 0) throw new Error('imposeBooklet: input PDF has no pages');

  // No updateMetadata: pdf-lib would otherwise stamp the clock and its own name.
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('zine');
  out.setCreator('zine');
  out.setCreationDate(date);
  out.setModificationDate(date);
  const title = src.getTitle();
  if (title) out.setTitle(title);
  const lang = src.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
  if (lang) out.setLanguage(lang);

  // Each page becomes a Form XObject showing its visible area (CropBox, which defaults to the
  // MediaBox). A page without /Contents is blank: its slot stays empty.
  const boxes = srcPages.map((p) => p.getCropBox());
  const copy = PDFObjectCopier.for(src.context, out.context).copy;
  const embedded = new Map<number, Placed>();
  for (const [i, srcPage] of srcPages.entries()) {
    if (!srcPage.node.Contents()) continue;
    const b = boxes[i];
    const node = copy(srcPage.node) as PDFPageLeaf;
    // (normalizedEntries() would wrap the contents in extra q/Q streams: read them as they are.)
    const contents = node.Contents();
    const stream = contents instanceof PDFArray ? (contents.size() === 1 ? contents.lookup(0) : undefined) : contents;
    const Resources = node.Resources();
    let ref: PDFRef;
    if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
      // The page's compressed content goes in as it is: pdf-lib's embedPage would inflate and
      // deflate it again, the slowest part of imposing.
      const dict = out.context.obj({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [b.x, b.y, b.x + b.width, b.y + b.height], Matrix: [1, 0, 0, 1, -b.x, -b.y], Resources, Filter: 'FlateDecode' });
      ref = out.context.register(PDFRawStream.of(dict, stream.contents));
    } else {
      ref = (await out.embedPage(srcPage, { left: b.x, bottom: b.y, right: b.x + b.width, top: b.y + b.height })).ref;
    }
    embedded.set(i, { ref, width: b.width, height: b.height });
  }

  const { width: W, height: H } = SHEET_SIZES[sheet];
  // Layout from the first page: one uniform scale, never enlarged (a page
  // smaller than half a sheet keeps its designed size, e.g. for QR codes).
  // A5 on A4 gives exactly 1; A5 on Letter ≈ 0.944, limited by the width.
  const first = boxes[0];
  const scale = Math.min(1, W / 2 / first.width, H / first.height);
  const slot = { width: first.width * scale, height: first.height * scale };

  const sheets = planBooklet(srcPages.length, { flip, signature, creep, keepLastPage });
  for (const s of sheets) {
    const shift = s.creep * MM;
    drawSide(out.addPage([W, H]), s.front, false, shift);
    drawSide(out.addPage([W, H]), s.back, s.rotateBack, shift);
  }

  function drawSide(page: PDFPage, side: Side, rotate: boolean, shift: number): void {
    // Rotating the whole side (marks included) about the sheet centre.
    if (rotate) page.pushOperators(pushGraphicsState(), concatTransformationMatrix(-1, 0, 0, -1, W, H));
    placePage(page, side.left, 'left', shift);
    placePage(page, side.right, 'right', shift);
    if (marks) drawMarks(page);
    if (rotate) page.pushOperators(popGraphicsState());
  }

  // Each page touches the fold and is centred vertically in its half.
  // Creep moves it further toward (and past) the fold; the clip to its own
  // half keeps it from printing over its neighbour.
  function placePage(page: PDFPage, index: PageSlot, half: 'left' | 'right', shift: number): void {
    const p = index === null ? undefined : embedded.get(index);
    if (!p) return;
    const k = Math.min(slot.width / p.width, slot.height / p.height);
    const w = p.width * k;
    const h = p.height * k;
    const x = half === 'left' ? W / 2 - w + shift : W / 2 - shift;
    page.pushOperators(pushGraphicsState(), rectangle(half === 'left' ? 0 : W / 2, 0, W / 2, H), clip(), endPath());
    const name = page.node.newXObject('Page', p.ref);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(k, 0, 0, k, x, (H - h) / 2), drawObject(name), popGraphicsState());
    page.pushOperators(popGraphicsState());
  }

  // Fold ticks on the centre line at top and bottom, crop marks at the four
  // outer corners of the spread. Marks go outside the trim, MARK_GAP away from
  // it, only where the margin has room:
  // - A5 on A4 leaves ~0 pt top/bottom and ~1.4 pt at the sides: nothing to
  //   trim and no room, so only short fold ticks on the fold line itself.
  // - A5 on Letter leaves 25 pt top/bottom but 0 pt at the sides: fold ticks
  //   go in the top/bottom margin; no crop marks, because the top/bottom cuts
  //   would need marks in the (absent) side margins and the side "cuts" are
  //   the sheet edges.
  // - Smaller pages (never enlarged) leave room all round: full crop marks.
  function drawMarks(page: PDFPage): void {
    const top = (H + slot.height) / 2;
    const bottom = (H - slot.height) / 2;
    const left = W / 2 - slot.width;
    const right = W / 2 + slot.width;
    const room = MARK_GAP + MARK_MIN;
    const lenV = Math.min(MARK_MAX, bottom - MARK_GAP);
    const lenH = Math.min(MARK_MAX, left - MARK_GAP);
    const line = (x1: number, y1: number, x2: number, y2: number, dashed = false) =>
      page.drawLine({
        start: { x: x1, y: y1 },
        end: { x: x2, y: y2 },
        thickness: MARK_WIDTH,
        color: rgb(0, 0, 0),
        dashArray: dashed ? [3, 2] : undefined,
      });

    if (bottom >= room) {
      line(W / 2, top + MARK_GAP, W / 2, top + MARK_GAP + lenV, true);
      line(W / 2, bottom - MARK_GAP, W / 2, bottom - MARK_GAP - lenV, true);
    } else {
      line(W / 2, H, W / 2, H - FOLD_TICK_INSIDE, true);
      line(W / 2, 0, W / 2, FOLD_TICK_INSIDE, true);
    }
    if (bottom >= room && left >= room) {
      for (const x of [left, right]) {
        line(x, top + MARK_GAP, x, top + MARK_GAP + lenV);
        line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - lenV);
      }
      for (const y of [top, bottom]) {
        line(left - MARK_GAP, y, left - MARK_GAP - lenH, y);
        line(right + MARK_GAP, y, right + MARK_GAP + lenH, y);
      }
    }
  }

  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
