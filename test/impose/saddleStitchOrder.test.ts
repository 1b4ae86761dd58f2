import { describe, expect, it } from 'vitest';
import { padPages, planBooklet, saddleStitch, type Sheet } from '../../src/8-impose/saddleStitchOrder.js';
import { foldAndRead } from './helpers.js';

/** Sheets as 1-based [left, right] pairs, the way printers write them down. */
const table = (sheets: Sheet[]) =>
  sheets.map((s) => ({
    front: [s.front.left, s.front.right].map((i) => (i === null ? null : i + 1)),
    back: [s.back.left, s.back.right].map((i) => (i === null ? null : i + 1)),
  }));

describe('saddleStitch', () => {
  it('n=4: one sheet', () => {
    expect(table(saddleStitch(4))).toEqual([{ front: [4, 1], back: [2, 3] }]);
  });

  it('n=8: the classic two sheets', () => {
    expect(table(saddleStitch(8))).toEqual([
      { front: [8, 1], back: [2, 7] },
      { front: [6, 3], back: [4, 5] },
    ]);
  });

  it('n=12', () => {
    expect(table(saddleStitch(12))).toEqual([
      { front: [12, 1], back: [2, 11] },
      { front: [10, 3], back: [4, 9] },
      { front: [8, 5], back: [6, 7] },
    ]);
  });

  it('n=16', () => {
    expect(table(saddleStitch(16))).toEqual([
      { front: [16, 1], back: [2, 15] },
      { front: [14, 3], back: [4, 13] },
      { front: [12, 5], back: [6, 11] },
      { front: [10, 7], back: [8, 9] },
    ]);
  });

  it('folds back into reading order for every size', () => {
    for (let n = 4; n <= 64; n += 4) {
      expect(foldAndRead(saddleStitch(n))).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('signatures: 16 pages in signatures of 8 are two 8-page booklets in a row', () => {
    const sheets = saddleStitch(16, { signature: 8 });
    expect(table(sheets)).toEqual([
      { front: [8, 1], back: [2, 7] },
      { front: [6, 3], back: [4, 5] },
      { front: [16, 9], back: [10, 15] },
      { front: [14, 11], back: [12, 13] },
    ]);
    expect(sheets.map((s) => [s.signature, s.index])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
  });

  it('signatures: the last signature takes the remainder', () => {
    const sheets = saddleStitch(20, { signature: 8 });
    expect(sheets.map((s) => s.signature)).toEqual([0, 0, 1, 1, 2]);
    expect(table(sheets.slice(4))).toEqual([{ front: [20, 17], back: [18, 19] }]);
    const read = [0, 1, 2].flatMap((g) => foldAndRead(sheets.filter((s) => s.signature === g)));
    expect(read).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('flip long rotates every back, flip short none', () => {
    expect(saddleStitch(8, { flip: 'long' }).map((s) => s.rotateBack)).toEqual([true, true]);
    expect(saddleStitch(8, { flip: 'short' }).map((s) => s.rotateBack)).toEqual([false, false]);
    expect(saddleStitch(8).map((s) => s.rotateBack)).toEqual([false, false]);
    // Rotation is applied when drawing; the page order itself does not change.
    expect(table(saddleStitch(8, { flip: 'long' }))).toEqual(table(saddleStitch(8)));
  });

  it('creep ramps linearly from 0 (outermost) to the total (innermost), per signature', () => {
    expect(saddleStitch(16, { creep: 3 }).map((s) => s.creep)).toEqual([0, 1, 2, 3]);
    expect(saddleStitch(16, { creep: 1, signature: 8 }).map((s) => s.creep)).toEqual([0, 1, 0, 1]);
    expect(saddleStitch(4, { creep: 5 }).map((s) => s.creep)).toEqual([0]);
    expect(saddleStitch(8).map((s) => s.creep)).toEqual([0, 0]);
  });

  it('rejects counts and signatures that are not multiples of 4', () => {
    expect(() => saddleStitch(6)).toThrow(RangeError);
    expect(() => saddleStitch(8, { signature: 6 })).toThrow(RangeError);
    expect(() => saddleStitch(8, { signature: 0 })).toThrow(RangeError);
  });
});

describe('padPages', () => {
  const _ = null;
  it('inserts blanks before the back cover', () => {
    expect(padPages(14, { keepLast: true })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, _, _, 13]);
    expect(padPages(5)).toEqual([0, 1, 2, 3, _, _, _, 4]);
    expect(padPages(6)).toEqual([0, 1, 2, 3, 4, _, _, 5]);
    expect(padPages(7)).toEqual([0, 1, 2, 3, 4, 5, _, 6]);
  });

  it('leaves multiples of 4 alone', () => {
    expect(padPages(4)).toEqual([0, 1, 2, 3]);
    expect(padPages(8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(padPages(0)).toEqual([]);
  });

  it('appends blanks without keepLast, and for a lone page (no back cover)', () => {
    expect(padPages(6, { keepLast: false })).toEqual([0, 1, 2, 3, 4, 5, _, _]);
    expect(padPages(1)).toEqual([0, _, _, _]);
  });
});

describe('planBooklet', () => {
  it('maps padded positions to source pages, blanks as null', () => {
    const sheets = planBooklet(6);
    // Padded order [0,1,2,3,4,_,_,5]: back cover (5) opposite the front cover.
    expect(sheets.map((s) => [s.front, s.back])).toEqual([
      [{ left: 5, right: 0 }, { left: 1, right: null }],
      [{ left: null, right: 2 }, { left: 3, right: 4 }],
    ]);
    expect(foldAndRead(sheets)).toEqual([0, 1, 2, 3, 4, null, null, 5]);
  });
});

describe('counts that cannot be imposed', () => {
  const _ = null;
  it('padPages refuses a negative or fractional count, and names it', () => {
    expect(() => padPages(-1)).toThrow(new RangeError('page count must be a non-negative integer, got -1'));
    expect(() => padPages(2.5)).toThrow(new RangeError('page count must be a non-negative integer, got 2.5'));
  });

  it('padPages keeps the back cover last from two pages on', () => {
    expect(padPages(2)).toEqual([0, _, _, 1]);
  });

  it('saddleStitch refuses a page count that is not a multiple of 4, even with a valid signature, and names it', () => {
    expect(() => saddleStitch(6, { signature: 4 })).toThrow(new RangeError('page count must be a multiple of 4, got 6'));
    expect(() => saddleStitch(-4, { signature: 4 })).toThrow(new RangeError('page count must be a multiple of 4, got -4'));
    expect(() => saddleStitch(8, { signature: 6 })).toThrow(new RangeError('signature must be a positive multiple of 4, got 6'));
  });

  it('saddleStitch of no pages, in signatures of 4, is no sheets', () => {
    expect(saddleStitch(0, { signature: 4 })).toEqual([]);
  });

  it('planBooklet appends the blanks when the last page is not a back cover', () => {
    // Padded order [0, 1, 2, 3, 4, 5, _, _].
    expect(planBooklet(6, { keepLastPage: false }).map((s) => [s.front, s.back])).toEqual([
      [{ left: _, right: 0 }, { left: 1, right: _ }],
      [{ left: 5, right: 2 }, { left: 3, right: 4 }],
    ]);
  });
});
