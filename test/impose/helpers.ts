import * as mupdf from 'mupdf';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { PageModel } from '../../src/model/page.js';

export const A5 = { width: 419.53, height: 595.28 };

export type Spread<T> = { front: { left: T; right: T }; back: { left: T; right: T } };

/**
 * Physical model of folding, independent of the imposition formula: nest the
 * sheets of a signature (first = outermost, front outside), fold, and read.
 * With a short-edge flip the back's left half lies behind the front's right half.
 */
export function foldAndRead<T>(sheets: Spread<T>[]): T[] {
  const firstHalf = sheets.flatMap((s) => [s.front.right, s.back.left]);
  const secondHalf = [...sheets].reverse().flatMap((s) => [s.back.right, s.front.left]);
  return [...firstHalf, ...secondHalf];
}

/**
 * The same folded stack read from the right, as a booklet bound on the right (Arabic, Hebrew) is:
 * held with the fold on the right, its cover is the outermost sheet's front left half. Turning that
 * leaf to the right shows what is behind it, the back's right half (short-edge flip), and facing it
 * on the left the next sheet's front left half; past the middle, the back's left half is followed
 * by the front's right half behind it.
 */
export function foldAndReadFromRight<T>(sheets: Spread<T>[]): T[] {
  const firstHalf = sheets.flatMap((s) => [s.front.left, s.back.right]);
  const secondHalf = [...sheets].reverse().flatMap((s) => [s.back.left, s.front.right]);
  return [...firstHalf, ...secondHalf];
}

export const label = (i: number) => `P${String(i).padStart(2, '0')}`;

/** Labels of an n-page booklet in reading order, padded to a multiple of 4 with blanks before the back cover. */
export const expectedReading = (n: number) => {
  const labels: (string | null)[] = Array.from({ length: n }, (_, i) => label(i + 1));
  while (labels.length % 4) labels.splice(labels.length - 1, 0, null);
  return labels;
};

/**
 * A booklet of `count` pages, each showing only its big label P01, P02, ... With frame, each page
 * is first filled edge to edge with light gray, so that mupdf reports where the page landed.
 */
export async function makeInput(count: number, size = A5, title?: string, { frame = false } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  if (title) doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++) {
    const page = doc.addPage([size.width, size.height]);
    if (frame) page.drawRectangle({ x: 0, y: 0, width: size.width, height: size.height, color: rgb(0.9, 0.9, 0.9) });
    const text = label(i);
    const fontSize = size.width / 4;
    page.drawText(text, {
      x: (size.width - font.widthOfTextAtSize(text, fontSize)) / 2,
      y: size.height / 2,
      size: fontSize,
      font,
    });
  }
  return doc.save();
}

export type Rect = [number, number, number, number];
export interface Line {
  text: string;
  bbox: Rect;
  /** Writing direction: [1, 0] upright, [-1, 0] upside down. */
  dir: [number, number];
}
export interface PageInfo {
  width: number;
  height: number;
  lines: Line[];
  vectors: Rect[];
}

/** Text lines and stroked/filled vector boxes of every page (mupdf, y down). */
export function readPdf(bytes: Uint8Array): PageInfo[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages: PageInfo[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const [x0, y0, x1, y1] = page.getBounds();
    const lines: Line[] = [];
    const vectors: Rect[] = [];
    let current: Line | undefined;
    page.toStructuredText('preserve-whitespace,vectors').walk({
      beginLine(bbox, _wmode, dir) {
        current = { text: '', bbox: [...bbox] as Rect, dir: [Math.round(dir[0]), Math.round(dir[1])] };
        lines.push(current);
      },
      onChar(c) {
        if (current) current.text += c;
      },
      onVector(bbox) {
        vectors.push([...bbox] as Rect);
      },
    });
    pages.push({ width: x1 - x0, height: y1 - y0, lines: lines.filter((l) => l.text.trim()), vectors });
  }
  return pages;
}

export interface SeenSide {
  /** Labels as seen in the left and right half of the PDF page. */
  left: string | null;
  right: string | null;
  /** All text on the side is upside down. */
  upsideDown: boolean;
}

export function readSide(page: PageInfo): SeenSide {
  const half = (inLeft: boolean) => {
    const found = page.lines.filter((l) => (l.bbox[0] + l.bbox[2]) / 2 < page.width / 2 === inLeft).map((l) => l.text.trim());
    if (found.length > 1) throw new Error(`more than one label in a half: ${found}`);
    return found[0] ?? null;
  };
  const dirs = new Set(page.lines.map((l) => l.dir[0]));
  if (dirs.size > 1) throw new Error('mixed text directions on one side');
  return { left: half(true), right: half(false), upsideDown: dirs.has(-1) };
}

/**
 * Sheets as they would come out of a duplex printer flipping on the short
 * edge: an upside-down back (printed for a long-edge flip) is turned back
 * upright, which also swaps its halves.
 */
export function readSheets(bytes: Uint8Array): Spread<string | null>[] {
  const sides = readPdf(bytes).map(readSide);
  const upright = (s: SeenSide) => (s.upsideDown ? { left: s.right, right: s.left } : { left: s.left, right: s.right });
  const sheets: Spread<string | null>[] = [];
  for (let i = 0; i < sides.length; i += 2) sheets.push({ front: upright(sides[i]), back: upright(sides[i + 1]) });
  return sheets;
}

// PDFs written by hand, for the reader: object text as given, offsets counted here.
export type Body = string | Buffer;
const bytes = (parts: Body[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
export const obj = (num: number, body: Body): Buffer => bytes([`${num} 0 obj\n`, body, '\nendobj\n']);
export const stream = (dict: string, data: Body): Buffer => bytes([`<<${dict}>>\nstream\n`, data, '\nendstream']);

/** A PDF with a classic xref table, appended to `before` (an earlier version: an incremental update). */
export function classic(objects: Record<number, Body>, trailer: string, before: Buffer = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [before.length ? before : Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0].length;
  const table: string[] = [];
  for (const [num, body] of Object.entries(objects)) {
    table.push(`${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`);
    const o = obj(Number(num), body);
    parts.push(o);
    at += o.length;
  }
  parts.push(Buffer.from(`xref\n0 1\n0000000000 65535 f \n${table.join('')}trailer\n${trailer}\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * A page model of n pages as our renderer gets them, each its big label (a tagged paragraph) under a
 * rule (an artifact) and a link to `url`: rendered, a PDF whose pages readSheets can tell apart.
 */
export function labelledPages(n: number, title: string, url = 'https://example.org'): PageModel {
  const pages = Array.from({ length: n }, (_, i) => ({
    index: i,
    kind: 'body' as const,
    folio: i + 1,
    items: [
      { type: 'rect' as const, x: 40, y: 40, w: 300, h: 1, fill: '#888888' },
      { type: 'text' as const, x: 60, y: 300, text: label(i + 1), face: 'body' as const, size: 100, color: '#000000', width: 200, tag: { role: 'P' as const } },
      { type: 'link' as const, x: 60, y: 400, w: 100, h: 20, url, tag: { role: 'Link' as const } },
    ],
  }));
  return { width: 419.53, height: 595.28, lang: 'en', title, pages, outline: [], warnings: [] };
}
