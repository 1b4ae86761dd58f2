import { beforeAll, describe, expect, it } from 'vitest';
import * as mupdf from 'mupdf';
import { imposeBooklet, PLANS, saddleStitchPlan, type Cell, type Plan, type PlanFunction } from '../../src/8-impose/index.js';
import { makeInput, readPdf, type Rect } from './helpers.js';

/**
 * imposeBooklet draws whatever plan it is given: a hand-made plan, with the positions written out
 * here, checks the drawing on its own (the saddle-stitch plan is checked in the other files).
 */
const PAGE = { width: 200, height: 300 };
const SHEET = { width: 600, height: 400 };
const whole = { x: 0, y: 0, width: SHEET.width, height: SHEET.height };

let input: Uint8Array;
beforeAll(async () => {
  input = await makeInput(2, PAGE);
});

const planOf = (front: Cell[], back: Cell[] = []): PlanFunction => () => ({ sheet: SHEET, sheets: [{ front, back }], marks: [] }) satisfies Plan;

const near = (actual: Rect, expected: Rect, tolerance = 1) =>
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `rect ${actual} vs ${expected}`).toBeLessThan(tolerance));

/** Gray value (0 black, 255 white) at sheet point x, y (y up) of the given side, at 72 dpi. */
function grayAt(bytes: Uint8Array, side: number, x: number, y: number): number {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pix = doc.loadPage(side).toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, false);
  const row = Math.floor(pix.getHeight() - y);
  return pix.getPixels()[row * pix.getStride() + Math.floor(x)];
}

describe('drawing a plan', () => {
  it('puts each page on its rect at its scale, upright or turned 180°, on a sheet of the plan\'s size', async () => {
    const plan = planOf([
      { page: 0, rect: { x: 10, y: 20, width: 200, height: 300 }, scale: 1, rotation: 0, clip: whole },
      { page: 1, rect: { x: 300, y: 50, width: 100, height: 150 }, scale: 0.5, rotation: 180, clip: whole },
    ]);
    const out = readPdf(await imposeBooklet(input, { plan }));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject(SHEET);
    const [p1, p2] = readPdf(input).map((p) => p.lines[0].bbox);
    const [l1, l2] = ['P01', 'P02'].map((t) => out[0].lines.find((l) => l.text.trim() === t)!);
    // mupdf's y runs down: a point at v from the top of the page lands at
    // 400 - (20 + 300 - v) = 80 + v from the top of the sheet.
    near(l1.bbox, [10 + p1[0], 80 + p1[1], 10 + p1[2], 80 + p1[3]]);
    expect(l1.dir).toEqual([1, 0]);
    // Turned about the rect's centre at half size: u -> 400 - u/2, v -> 400 - (200 - (300 - v)/2) = 350 - v/2.
    near(l2.bbox, [400 - p2[2] / 2, 350 - p2[3] / 2, 400 - p2[0] / 2, 350 - p2[1] / 2]);
    expect(l2.dir).toEqual([-1, 0]);
    expect(out[1].lines).toEqual([]); // an empty back
  });

  it('clips each page to its clip', async () => {
    // Page 1 filled black, drawn over the whole left half but clipped to its lower half.
    const { PDFDocument, rgb } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage([PAGE.width, PAGE.height]).drawRectangle({ x: 0, y: 0, width: PAGE.width, height: PAGE.height, color: rgb(0, 0, 0) });
    const plan = planOf([{ page: 0, rect: { x: 0, y: 50, width: 200, height: 300 }, scale: 1, rotation: 0, clip: { x: 0, y: 0, width: 300, height: 200 } }]);
    const out = await imposeBooklet(await doc.save(), { plan });
    expect(grayAt(out, 0, 100, 100)).toBe(0); // inside rect and clip
    expect(grayAt(out, 0, 100, 300)).toBe(255); // inside rect, outside clip
    expect(grayAt(out, 0, 250, 100)).toBe(255); // inside clip, outside rect
  });

  it('leaves blank cells and pages without content empty', async () => {
    const plan = planOf([{ page: null, rect: { x: 0, y: 0, width: 200, height: 300 }, scale: 1, rotation: 0, clip: whole }]);
    expect(readPdf(await imposeBooklet(input, { plan }))[0].lines).toEqual([]);
  });

  it('finds plans by name in the table', async () => {
    expect(PLANS['saddle-stitch']).toBe(saddleStitchPlan);
    const byName = await imposeBooklet(input, { plan: 'saddle-stitch' });
    expect(Buffer.from(byName).equals(Buffer.from(await imposeBooklet(input)))).toBe(true);
    await expect(imposeBooklet(input, { plan: 'perfect-binding' as never })).rejects.toThrow(/no imposition plan named perfect-binding/);
  });
});
