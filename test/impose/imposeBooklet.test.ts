import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { imposeBooklet } from '../../src/8-impose/index.js';
import { A5, expectedReading, foldAndRead, foldAndReadFromRight, makeInput, readPdf, readSheets, readSide, type Rect } from './helpers.js';

const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const LETTER_LANDSCAPE = { width: 792, height: 612 };
const MM = 72 / 25.4;

const inputs: Record<number, Uint8Array> = {};
beforeAll(async () => {
  for (const n of [4, 8, 12, 14, 16]) inputs[n] = await makeInput(n);
});

const sameRect = (actual: Rect, expected: Rect, tolerance = 0.05) =>
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `rect ${actual} vs ${expected}`).toBeLessThan(tolerance));

/** bbox of a label on an output page. */
const bboxOf = (bytes: Uint8Array, page: number, text: string): Rect => {
  const line = readPdf(bytes)[page].lines.find((l) => l.text.trim() === text);
  if (!line) throw new Error(`${text} not on page ${page}`);
  return line.bbox;
};

describe('imposeBooklet on A4', () => {
  it.each([4, 8, 12, 14])('%i pages: sheet sizes, halves, and folding order', async (n) => {
    const out = await imposeBooklet(inputs[n], { sheet: 'a4' });
    const pages = readPdf(out);
    const sheets = Math.ceil(n / 4);
    expect(pages).toHaveLength(sheets * 2);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(A4_LANDSCAPE.width, 2);
      expect(p.height).toBeCloseTo(A4_LANDSCAPE.height, 2);
    }
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(n));
  });

  it('8 pages: exact halves of each side', async () => {
    const sides = readPdf(await imposeBooklet(inputs[8], { sheet: 'a4' })).map(readSide);
    expect(sides).toEqual([
      { left: 'P08', right: 'P01', upsideDown: false },
      { left: 'P02', right: 'P07', upsideDown: false },
      { left: 'P06', right: 'P03', upsideDown: false },
      { left: 'P04', right: 'P05', upsideDown: false },
    ]);
  });

  it('14 pages: blanks sit opposite pages 3 and 4 of the first sheets, back cover stays opposite the cover', async () => {
    const sides = readPdf(await imposeBooklet(inputs[14], { sheet: 'a4' })).map(readSide);
    // Padded order P01..P13, _, _, P14.
    expect(sides[0]).toMatchObject({ left: 'P14', right: 'P01' });
    expect(sides[1]).toMatchObject({ left: 'P02', right: null });
    expect(sides[2]).toMatchObject({ left: null, right: 'P03' });
  });

  it('places A5 pages at scale 1, touching the fold', async () => {
    const input = readPdf(inputs[8])[0].lines[0].bbox; // P01 on its own page
    const out = await imposeBooklet(inputs[8], { sheet: 'a4' });
    const fold = A4_LANDSCAPE.width / 2;
    // P01 is the right page of the first side: its left edge is the fold.
    sameRect(bboxOf(out, 0, 'P01'), [fold + input[0], input[1], fold + input[2], input[3]]);
    // P08 is the left page: its right edge is the fold.
    const p8 = readPdf(inputs[8])[7].lines[0].bbox;
    sameRect(bboxOf(out, 0, 'P08'), [fold - A5.width + p8[0], p8[1], fold - A5.width + p8[2], p8[3]]);
  });

  it('keepLastPage: false puts the blanks at the end', async () => {
    const out = await imposeBooklet(inputs[14], { sheet: 'a4', keepLastPage: false });
    const reading = foldAndRead(readSheets(out));
    expect(reading.slice(-3)).toEqual(['P14', null, null]);
  });
});

describe('signatures', () => {
  it('16 pages in signatures of 8: each signature folds to its own run of pages', async () => {
    const out = await imposeBooklet(inputs[16], { sheet: 'a4', signature: 8 });
    const sheets = readSheets(out);
    expect(sheets).toHaveLength(4);
    expect([...foldAndRead(sheets.slice(0, 2)), ...foldAndRead(sheets.slice(2))]).toEqual(expectedReading(16));
    expect(sheets[2].front).toEqual({ left: 'P16', right: 'P09' });
  });
});

describe('flip long', () => {
  it('rotates every back side 180° and leaves fronts upright', async () => {
    const out = await imposeBooklet(inputs[8], { sheet: 'a4', flip: 'long' });
    const sides = readPdf(out).map(readSide);
    expect(sides.map((s) => s.upsideDown)).toEqual([false, true, false, true]);
    // Upside down, P02 (normally left) appears in the right half.
    expect(sides[1]).toEqual({ left: 'P07', right: 'P02', upsideDown: true });
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
  });

  it('the rotated back is the short-flip back turned about the sheet centre', async () => {
    const short = await imposeBooklet(inputs[8], { sheet: 'a4' });
    const long = await imposeBooklet(inputs[8], { sheet: 'a4', flip: 'long' });
    const { width: W, height: H } = A4_LANDSCAPE;
    for (const text of ['P02', 'P07']) {
      const [x0, y0, x1, y1] = bboxOf(short, 1, text);
      sameRect(bboxOf(long, 1, text), [W - x1, H - y1, W - x0, H - y0], 0.5);
    }
    sameRect(bboxOf(long, 0, 'P01'), bboxOf(short, 0, 'P01'));
  });
});

describe('Letter', () => {
  it('scales uniformly, touches the fold, centres vertically', async () => {
    const out = await imposeBooklet(inputs[8], { sheet: 'letter' });
    const pages = readPdf(out);
    expect(pages[0].width).toBeCloseTo(LETTER_LANDSCAPE.width, 2);
    expect(pages[0].height).toBeCloseTo(LETTER_LANDSCAPE.height, 2);

    const k = LETTER_LANDSCAPE.width / 2 / A5.width; // width-limited: ≈ 0.944
    const offsetY = (LETTER_LANDSCAPE.height - A5.height * k) / 2;
    const fold = LETTER_LANDSCAPE.width / 2;
    const [a, b, c, d] = readPdf(inputs[8])[0].lines[0].bbox;
    const placed = bboxOf(out, 0, 'P01');
    // Same scale on both axes: not distorted.
    expect((placed[2] - placed[0]) / (c - a)).toBeCloseTo(k, 3);
    expect((placed[3] - placed[1]) / (d - b)).toBeCloseTo(k, 3);
    sameRect(placed, [fold + k * a, offsetY + k * b, fold + k * c, offsetY + k * d]);
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
  });
});

describe('bound on the right', () => {
  it('8 pages: the cover on the left of the first front, pages running right to left', async () => {
    const sides = readPdf(await imposeBooklet(inputs[8], { binding: 'right' })).map(readSide);
    expect(sides).toEqual([
      { left: 'P01', right: 'P08', upsideDown: false },
      { left: 'P07', right: 'P02', upsideDown: false },
      { left: 'P03', right: 'P06', upsideDown: false },
      { left: 'P05', right: 'P04', upsideDown: false },
    ]);
  });

  it.each([4, 8, 12, 14, 16])('%i pages: folded and read from the right, in order', async (n) => {
    const out = await imposeBooklet(inputs[n], { binding: 'right' });
    expect(foldAndReadFromRight(readSheets(out))).toEqual(expectedReading(n));
  });

  it('with a long-edge flip, signatures and creep', async () => {
    const out = await imposeBooklet(inputs[16], { binding: 'right', flip: 'long', signature: 8, creep: 1 });
    const sheets = readSheets(out);
    expect([...foldAndReadFromRight(sheets.slice(0, 2)), ...foldAndReadFromRight(sheets.slice(2))]).toEqual(expectedReading(16));
  });
});

describe('mixed page sizes', () => {
  it('scales an odd-sized page uniformly into the slot set by the first page', async () => {
    const A4_PORTRAIT = { width: A4_LANDSCAPE.height, height: A4_LANDSCAPE.width };
    const small = await PDFDocument.load(inputs[4]);
    const big = await PDFDocument.load(await makeInput(2, A4_PORTRAIT));
    const [bigP02] = await small.copyPages(big, [1]);
    small.removePage(1);
    small.insertPage(1, bigP02);
    const out = await imposeBooklet(await small.save(), { sheet: 'a4' });

    // A4 is not quite A5 × √2 in rounded points: width-limited, ≈ 0.7048.
    const k = Math.min(A5.width / A4_PORTRAIT.width, A5.height / A4_PORTRAIT.height);
    const fold = A4_LANDSCAPE.width / 2;
    const offsetY = (A4_LANDSCAPE.height - A4_PORTRAIT.height * k) / 2;
    const [a, b, c, d] = readPdf(await big.save())[1].lines[0].bbox;
    // P02 is the left page of sheet 1's back: right edge of the scaled page on the fold.
    const left = fold - A4_PORTRAIT.width * k;
    sameRect(bboxOf(out, 1, 'P02'), [left + k * a, offsetY + k * b, left + k * c, offsetY + k * d]);
  });
});

describe('creep', () => {
  it('moves inner sheets toward the fold by the ramped amount', async () => {
    const plain = await imposeBooklet(inputs[16], { sheet: 'a4' });
    const crept = await imposeBooklet(inputs[16], { sheet: 'a4', creep: 3 });
    const dx = (page: number, text: string) => bboxOf(crept, page, text)[0] - bboxOf(plain, page, text)[0];
    // Sheet 0 (outermost): no shift. Sheet 3 (innermost): full 3 mm.
    expect(dx(0, 'P16')).toBeCloseTo(0, 2);
    expect(dx(0, 'P01')).toBeCloseTo(0, 2);
    expect(dx(2, 'P14')).toBeCloseTo(1 * MM, 2); // left page moves right
    expect(dx(2, 'P03')).toBeCloseTo(-1 * MM, 2); // right page moves left
    expect(dx(7, 'P08')).toBeCloseTo(3 * MM, 2);
    expect(dx(7, 'P09')).toBeCloseTo(-3 * MM, 2);
  });
});

describe('marks', () => {
  const inside = (r: Rect, x0: number, y0: number, x1: number, y1: number) =>
    r[0] >= x0 - 0.2 && r[2] <= x1 + 0.2 && r[1] >= y0 - 0.2 && r[3] <= y1 + 0.2;

  it('none unless asked', async () => {
    expect(readPdf(await imposeBooklet(inputs[4], { sheet: 'a4' }))[0].vectors).toEqual([]);
  });

  it('A4: only short fold ticks on the fold line at top and bottom', async () => {
    const pages = readPdf(await imposeBooklet(inputs[4], { sheet: 'a4', marks: true }));
    const { width: W, height: H } = A4_LANDSCAPE;
    for (const p of pages) {
      expect(p.vectors).toHaveLength(2);
      for (const v of p.vectors) {
        expect((v[0] + v[2]) / 2).toBeCloseTo(W / 2, 1);
        expect(v[3] - v[1]).toBeLessThan(8 * MM);
        expect(v[3] - v[1]).toBeGreaterThan(4 * MM); // long enough to survive an unprintable edge
      }
      expect(p.vectors.some((v) => v[1] < 1)).toBe(true); // top
      expect(p.vectors.some((v) => v[3] > H - 1)).toBe(true); // bottom
    }
  });

  it('Letter: fold ticks outside the page area', async () => {
    const [p] = readPdf(await imposeBooklet(inputs[4], { sheet: 'letter', marks: true }));
    const pageTop = (LETTER_LANDSCAPE.height - A5.height * (396 / A5.width)) / 2;
    expect(p.vectors).toHaveLength(2);
    for (const v of p.vectors) expect(v[3] < pageTop || v[1] > LETTER_LANDSCAPE.height - pageTop).toBe(true);
  });

  it('small pages on A4: crop marks outside the trim at all four corners', async () => {
    const A6 = { width: 297.64, height: 419.53 };
    const out = await imposeBooklet(await makeInput(4, A6), { sheet: 'a4', marks: true });
    const [p] = readPdf(out);
    const { width: W, height: H } = A4_LANDSCAPE;
    // Not enlarged: the spread is 2 × A6 centred on the sheet.
    const trim = { x0: W / 2 - A6.width, x1: W / 2 + A6.width, y0: (H - A6.height) / 2, y1: (H + A6.height) / 2 };
    expect(p.vectors).toHaveLength(2 + 8);
    for (const v of p.vectors) expect(inside(v, trim.x0, trim.y0, trim.x1, trim.y1)).toBe(false);
    const bbox = bboxOf(out, 0, 'P01');
    expect(bbox[0]).toBeGreaterThanOrEqual(W / 2);
    expect(bbox[2]).toBeLessThanOrEqual(trim.x1);
  });
});

describe('output metadata and determinism', () => {
  it('same input gives the same bytes, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
      const a = await imposeBooklet(inputs[14], { sheet: 'a4', marks: true, flip: 'long' });
      vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
      const b = await imposeBooklet(inputs[14], { sheet: 'a4', marks: true, flip: 'long' });
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes fixed producer/creator/dates and keeps the title', async () => {
    const date = new Date('2024-05-06T07:08:09Z');
    const input = await PDFDocument.load(await makeInput(4, A5, 'Mein Leitfaden'));
    input.setLanguage('de-DE');
    const out = await imposeBooklet(await input.save(), { sheet: 'a4', date });
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getProducer()).toBe('zine');
    expect(doc.getCreator()).toBe('zine');
    expect(doc.getCreationDate()?.getTime()).toBe(date.getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(date.getTime());
    expect(doc.getTitle()).toBe('Mein Leitfaden');
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(de-DE)');

    const epoch = await PDFDocument.load(await imposeBooklet(inputs[4], { sheet: 'a4' }), { updateMetadata: false });
    expect(epoch.getCreationDate()?.getTime()).toBe(0);
  });

  it('rejects an empty document', async () => {
    const empty = await PDFDocument.create();
    await expect(imposeBooklet(await empty.save({ addDefaultPage: false }), { sheet: 'a4' })).rejects.toThrow(/no pages/);
  });

  it('leaves a page without content stream blank instead of failing', async () => {
    const doc = await PDFDocument.load(inputs[4]);
    doc.insertPage(1, [A5.width, A5.height]); // never drawn on: no /Contents
    const sides = readPdf(await imposeBooklet(await doc.save(), { sheet: 'a4' })).map(readSide);
    // 5 pages → P01, blank, P02, P03, _, _, _, P04
    expect(sides[1]).toMatchObject({ left: null, right: null });
    expect(sides[0]).toMatchObject({ left: 'P04', right: 'P01' });
  });
});
