/**
 * Imposition: turn a PDF of finished pages (in reading order) into sheets
 * ready for duplex printing, folding and binding. Where each page goes is an
 * imposition plan's business (src/8-impose/plans/, plain data, see plan.ts);
 * this file reads the PDF, asks the plan, and places the pages as Form
 * XObjects, so nothing is re-laid-out: the sheets show exactly the pages that
 * were rendered.
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
import type { Cell, Mark, PlanFunction, PlanOptions, Size } from './plan.js';
import { PLANS, type PlanName } from './plans/index.js';
import type { Flip } from './saddleStitchOrder.js';
import { SHEET_SIZES, type SheetName } from './sheets.js';

export { SHEET_SIZES, type SheetName } from './sheets.js';
/** 'auto': the plan's choice from the page size (for saddle stitch, twice the page). */
export type SheetSize = 'auto' | SheetName;

/** A finished page ready to place: its Form XObject and size. */
interface Placed {
  ref: PDFRef;
  width: number;
  height: number;
}

export interface ImposeOptions extends Omit<PlanOptions, 'sheet'> {
  /** The imposition plan, by name (see plans/index.ts) or as a function. Default 'saddle-stitch'. */
  plan?: PlanName | PlanFunction;
  /** Paper the booklet is printed on. Default 'auto'. */
  sheet?: SheetSize;
  /** Duplex flip edge of the printer, see Flip. Default 'short'. */
  flip?: Flip;
  /** Draw fold and crop marks. Default false. */
  marks?: boolean;
  /** Creation/modification date written to the output; fixed so output is reproducible. Default epoch. */
  date?: Date;
}

const MARK_WIDTH = 0.25;

export async function imposeBooklet(input: Uint8Array, options: ImposeOptions = {}): Promise<Uint8Array> {
  const { plan = 'saddle-stitch', sheet = 'auto', flip = 'short', marks = false, date = new Date(0), ...planOptions } = options;

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
  // MediaBox). A page without /Contents is blank: its cell stays empty.
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

  const makePlan = typeof plan === 'function' ? plan : PLANS[plan];
  if (!makePlan) throw new Error(`imposeBooklet: no imposition plan named ${plan}`);
  const sizes: Size[] = boxes.map((b) => ({ width: b.width, height: b.height }));
  const { sheet: paper, sheets, marks: markLines } = makePlan(sizes, { ...planOptions, sheet: sheet === 'auto' ? undefined : SHEET_SIZES[sheet] });
  const { width: W, height: H } = paper;
  // Plans lay the back out for a sheet turned over about its vertical axis: the short edge of a
  // landscape sheet, the long edge of a portrait one. A printer turning it the other way prints
  // the back upside down, so the back is drawn turned 180° about the sheet centre.
  const turnBacks = flip === (W >= H ? 'long' : 'short');
  for (const s of sheets) {
    drawSide(out.addPage([W, H]), s.front, false);
    drawSide(out.addPage([W, H]), s.back, turnBacks);
  }

  function drawSide(page: PDFPage, cells: Cell[], turn: boolean): void {
    // Turning the whole side (marks included) about the sheet centre.
    if (turn) page.pushOperators(pushGraphicsState(), concatTransformationMatrix(-1, 0, 0, -1, W, H));
    for (const cell of cells) placePage(page, cell);
    if (marks) for (const m of markLines) drawMark(page, m);
    if (turn) page.pushOperators(popGraphicsState());
  }

  // The page's visible area onto cell.rect (at cell.scale), clipped to cell.clip.
  function placePage(page: PDFPage, { page: index, rect, scale: k, rotation, clip: c }: Cell): void {
    const p = index === null ? undefined : embedded.get(index);
    if (!p) return;
    page.pushOperators(pushGraphicsState(), rectangle(c.x, c.y, c.width, c.height), clip(), endPath());
    const name = page.node.newXObject('Page', p.ref);
    const matrix = rotation === 180 ? ([-k, 0, 0, -k, rect.x + rect.width, rect.y + rect.height] as const) : ([k, 0, 0, k, rect.x, rect.y] as const);
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
    page.pushOperators(popGraphicsState());
  }

  function drawMark(page: PDFPage, m: Mark): void {
    page.drawLine({
      start: { x: m.x1, y: m.y1 },
      end: { x: m.x2, y: m.y2 },
      thickness: MARK_WIDTH,
      color: rgb(0, 0, 0),
      dashArray: m.kind === 'fold' ? [3, 2] : undefined,
    });
  }

  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
