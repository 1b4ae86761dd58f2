/** The print shop's sheet, decided by layout: bleed, trim offset and crop marks, checked by geometry. */
import { describe, expect, it } from 'vitest';
import { pressEdition } from '../../src/6-layout/press.js';
import type { PageModel } from '../../src/model/page.js';

const MM = 72 / 25.4;
const W = 148 * MM;
const H = 210 * MM;
const model: PageModel = {
  width: W,
  height: H,
  lang: 'en',
  title: 'T',
  outline: [],
  warnings: [],
  pages: [
    {
      index: 0,
      kind: 'cover',
      folio: null,
      items: [
        { type: 'rect', x: 0, y: 0, w: W, h: H, fill: '#f00', bleeds: true },
        { type: 'rect', x: 0, y: 100, w: 50, h: 20, fill: '#000', bleeds: true }, // touches the left edge only
        { type: 'rect', x: 10, y: 10, w: 20, h: 20, fill: '#000', bleeds: true }, // touches nothing
        { type: 'rect', x: 0, y: 0, w: 30, h: 30, fill: '#00f' }, // not a background
      ],
    },
  ],
};

describe('the press edition', () => {
  const bleed = 3 * MM;
  const press = pressEdition(model, bleed);
  const sheet = press.press!;
  const [full, left, inner, plain] = press.pages[0].items as Extract<PageModel['pages'][0]['items'][0], { type: 'rect' }>[];

  it('runs backgrounds on into the bleed on the sides they touch, and only those', () => {
    expect([full.x, full.y, full.x + full.w, full.y + full.h]).toEqual([-bleed, -bleed, W + bleed, H + bleed]);
    expect([left.x, left.y, left.x + left.w, left.y + left.h]).toEqual([-bleed, 100, 50, 120]);
    expect([inner.x, inner.y, inner.w, inner.h]).toEqual([10, 10, 20, 20]);
    expect([plain.x, plain.y, plain.w, plain.h]).toEqual([0, 0, 30, 30]);
  });

  it('leaves the reading model as it was', () => {
    expect(model.pages[0].items[0]).toEqual({ type: 'rect', x: 0, y: 0, w: W, h: H, fill: '#f00', bleeds: true });
    expect(model.press).toBeUndefined();
  });

  it('puts the trimmed page on a sheet with room for the bleed and the marks', () => {
    expect(sheet.bleed).toBe(bleed);
    expect(sheet.offset).toBeGreaterThanOrEqual(bleed + 5 * MM);
  });

  it('draws eight crop marks on the trim lines, outside the bleed and inside the sheet', () => {
    const off = sheet.offset;
    const trim = { left: off, top: off, right: off + W, bottom: off + H };
    const side = 2 * off;
    expect(sheet.marks.length).toBe(8);
    for (const [x1, y1, x2, y2] of sheet.marks) {
      const horizontal = y1 === y2;
      // On the extension of a trim line…
      if (horizontal) expect([trim.top, trim.bottom]).toContain(y1);
      else expect([trim.left, trim.right]).toContain(x1);
      for (const [x, y] of [[x1, y1], [x2, y2]]) {
        // …inside the sheet, and outside the trim box grown by the bleed.
        expect(x).toBeGreaterThanOrEqual(-0.001);
        expect(y).toBeGreaterThanOrEqual(-0.001);
        expect(x).toBeLessThanOrEqual(W + side + 0.001);
        expect(y).toBeLessThanOrEqual(H + side + 0.001);
        const insideBleed = x > trim.left - bleed - 0.5 && x < trim.right + bleed + 0.5 && y > trim.top - bleed - 0.5 && y < trim.bottom + bleed + 0.5;
        expect(insideBleed, `mark point ${x.toFixed(1)}, ${y.toFixed(1)}`).toBe(false);
      }
    }
  });
});
