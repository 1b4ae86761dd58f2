import { beforeAll, describe, expect, it } from 'vitest';
import { imposeBooklet, type SheetSize } from '../../src/8-impose/index.js';
import { expectedReading, foldAndRead, makeInput, readPdf, readSheets, readSide, type PageInfo, type Rect } from './helpers.js';

/**
 * Booklets for every page size: the sheet is twice the page unless one is named. Sizes here come
 * from millimetres and inches, not from the code's table.
 */
const MM = 72 / 25.4;
const IN = 72;
const mm = (w: number, h: number) => ({ width: w * MM, height: h * MM });

type Size = { width: number; height: number };
const PAGES: Record<string, { page: Size; sheet: Size }> = {
  A5: { page: mm(148, 210), sheet: mm(297, 210) },
  A6: { page: mm(105, 148), sheet: mm(210, 148) },
  'half-letter': { page: { width: 5.5 * IN, height: 8.5 * IN }, sheet: { width: 11 * IN, height: 8.5 * IN } },
  '120 × 170 mm': { page: mm(120, 170), sheet: mm(240, 170) },
};
const NAMED: Record<Exclude<SheetSize, 'auto'>, Size> = {
  a5: mm(210, 148),
  a4: mm(297, 210),
  a3: mm(420, 297),
  letter: { width: 11 * IN, height: 8.5 * IN },
};

const inputs: Record<string, Uint8Array> = {};
beforeAll(async () => {
  for (const [name, { page }] of Object.entries(PAGES)) inputs[name] = await makeInput(8, page, undefined, { frame: true });
});

const expectSize = (p: PageInfo, s: Size) => {
  expect(p.width).toBeCloseTo(s.width, 1);
  expect(p.height).toBeCloseTo(s.height, 1);
};
const near = (actual: Rect, expected: Rect, tolerance = 0.05) =>
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `rect ${actual} vs ${expected}`).toBeLessThan(tolerance));

/** Where the two pages of a side landed (their gray frames), left one first. */
const placed = (p: PageInfo): [Rect, Rect] => {
  expect(p.vectors).toHaveLength(2);
  const [a, b] = [...p.vectors].sort((u, v) => u[0] - v[0]);
  return [a, b];
};

/** Both pages of every side are `size`, touch each other on the centre line, and the pair is centred on the sheet. */
function expectCentredPair(pages: PageInfo[], size: Size) {
  for (const p of pages) {
    const [left, right] = placed(p);
    const [cx, cy] = [p.width / 2, p.height / 2];
    near(left, [cx - size.width, cy - size.height / 2, cx, cy + size.height / 2]);
    near(right, [cx, cy - size.height / 2, cx + size.width, cy + size.height / 2]);
    // The pair's box is symmetric about the sheet centre.
    expect(left[0] + right[2]).toBeCloseTo(p.width, 1);
    expect(left[1] + left[3]).toBeCloseTo(p.height, 1);
  }
}

describe('the sheet is twice the page', () => {
  it.each(Object.keys(PAGES))('%s', async (name) => {
    const { page, sheet } = PAGES[name];
    const out = await imposeBooklet(inputs[name]);
    const sides = readPdf(out);
    expect(sides).toHaveLength(4);
    for (const s of sides) expectSize(s, sheet);
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
    expectCentredPair(sides, page); // full size, never scaled
  });

  it('a page within 1 mm of A5 (420 × 595 pt, as some programs round it) takes A4', async () => {
    const out = readPdf(await imposeBooklet(await makeInput(4, { width: 420, height: 595 })));
    expectSize(out[0], NAMED.a4);
  });

  it('a page 2 mm wider than A5 does not: 2W × H', async () => {
    const out = readPdf(await imposeBooklet(await makeInput(4, mm(150, 210))));
    expectSize(out[0], mm(300, 210));
  });

  it('"auto" is the default', async () => {
    const auto = await imposeBooklet(inputs.A6, { sheet: 'auto' });
    expect(Buffer.from(auto).equals(Buffer.from(await imposeBooklet(inputs.A6)))).toBe(true);
  });
});

describe('a named sheet bigger than two pages: pages at their size, the pair centred', () => {
  it.each([
    ['A6', 'a4'],
    ['A6', 'letter'],
    ['A5', 'a3'],
    ['half-letter', 'a3'],
    ['120 × 170 mm', 'a4'],
    ['120 × 170 mm', 'letter'],
  ] as const)('%s on %s', async (name, sheet) => {
    const out = await imposeBooklet(inputs[name], { sheet });
    const sides = readPdf(out);
    for (const s of sides) expectSize(s, NAMED[sheet]);
    expectCentredPair(sides, PAGES[name].page);
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
  });
});

describe('a named sheet smaller than two pages: pages scaled down uniformly, the pair centred', () => {
  it.each([
    ['A5', 'a5'],
    ['120 × 170 mm', 'a5'],
    ['half-letter', 'a5'],
    ['half-letter', 'a4'],
  ] as const)('%s on %s', async (name, sheet) => {
    const { page } = PAGES[name];
    const paper = NAMED[sheet];
    const out = await imposeBooklet(inputs[name], { sheet });
    const sides = readPdf(out);
    for (const s of sides) expectSize(s, paper);
    // The largest uniform scale at which two pages fit side by side.
    const k = Math.min(paper.width / 2 / page.width, paper.height / page.height);
    expect(k).toBeLessThan(1);
    expectCentredPair(sides, { width: page.width * k, height: page.height * k });
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
  });
});

describe('very tall pages give portrait sheets', () => {
  // 100 × 300 mm pages: the sheet is 200 × 300 mm, portrait. Its short edge is the top edge, so a
  // printer flipping on the short edge turns the sheet over top to bottom: the back must be
  // printed upside down; flipping on the long edge turns it like a book page: the back stays upright.
  let input: Uint8Array;
  beforeAll(async () => {
    input = await makeInput(8, mm(100, 300));
  });

  it.each([
    ['long', false],
    ['short', true],
  ] as const)('flip %s: backs upside down = %s, and the sheets fold in order', async (flip, upsideDown) => {
    const out = await imposeBooklet(input, { flip });
    const sides = readPdf(out);
    expectSize(sides[0], mm(200, 300));
    expect(sides.map((s) => readSide(s).upsideDown)).toEqual([false, upsideDown, false, upsideDown]);
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(8));
  });
});
