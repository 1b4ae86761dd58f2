import { describe, expect, it } from 'vitest';
import { saddleStitchPlan, type Cell, type Plan, type PlanOptions } from '../../src/8-impose/index.js';
import { expectedReading, foldAndRead, foldAndReadFromRight, type Spread } from './helpers.js';

/** The saddle-stitch plan as data, before any PDF: folded with the paper model of helpers.ts. */
const MM = 72 / 25.4;
const A5 = { width: 148 * MM, height: 210 * MM };
const pagesOf = (n: number) => Array.from({ length: n }, () => A5);

/**
 * Reading order as 0-based page indices, blanks before the back cover (from the labels P01...); a
 * single page has no back cover, its blanks follow it.
 */
const expected = (n: number) => (n === 1 ? [0, null, null, null] : expectedReading(n).map((l) => (l === null ? null : Number(l.slice(1)) - 1)));

/** The page in each half of each side, found from where the cells lie on the sheet. */
function halves(plan: Plan): Spread<number | null>[] {
  const fold = plan.sheet.width / 2;
  const side = (cells: Cell[]) => {
    const left = cells.filter((c) => c.rect.x + c.rect.width / 2 < fold);
    const right = cells.filter((c) => c.rect.x + c.rect.width / 2 > fold);
    expect([left.length, right.length]).toEqual([1, 1]);
    return { left: left[0].page, right: right[0].page };
  };
  return plan.sheets.map((s) => ({ front: side(s.front), back: side(s.back) }));
}

/** Signatures of `size` pages, each folded on its own, read one after the other. */
function read(plan: Plan, fold: typeof foldAndRead, size?: number): (number | null)[] {
  const sheets = halves(plan);
  const per = size ? size / 4 : sheets.length;
  const out: (number | null)[] = [];
  for (let i = 0; i < sheets.length; i += per) out.push(...fold(sheets.slice(i, i + per)));
  return out;
}

const cases: [number, PlanOptions][] = [];
for (let n = 1; n <= 40; n++) cases.push([n, {}]);
for (const n of [16, 20, 28]) cases.push([n, { signature: 8 }], [n, { signature: 12 }]);

describe('saddle-stitch plan: page order', () => {
  it('bound on the left, folded and read from the left: pages in order', () => {
    for (const [n, o] of cases) expect(read(saddleStitchPlan(pagesOf(n), o), foldAndRead, o.signature), `${n} pages ${JSON.stringify(o)}`).toEqual(expected(n));
  });

  it('bound on the right, folded and read from the right: pages in order', () => {
    for (const [n, o] of cases) {
      const plan = saddleStitchPlan(pagesOf(n), { ...o, binding: 'right' });
      expect(read(plan, foldAndReadFromRight, o.signature), `${n} pages ${JSON.stringify(o)}`).toEqual(expected(n));
    }
  });

  it('bound on the right: cover on the left half of the first front, pages running right to left', () => {
    // 8 pages, 1-based, as a printer would write the sheets down.
    const table = halves(saddleStitchPlan(pagesOf(8), { binding: 'right' })).map((s) => ({
      front: [s.front.left, s.front.right].map((p) => p! + 1),
      back: [s.back.left, s.back.right].map((p) => p! + 1),
    }));
    expect(table).toEqual([
      { front: [1, 8], back: [7, 2] },
      { front: [3, 6], back: [5, 4] },
    ]);
  });

  it('the two bindings differ: a right-bound booklet read from the left is out of order', () => {
    const plan = saddleStitchPlan(pagesOf(8), { binding: 'right' });
    expect(read(plan, foldAndRead)).not.toEqual(expected(8));
  });
});

describe('saddle-stitch plan: geometry', () => {
  it('cells keep the page proportions, each clipped to its half of the sheet', () => {
    const plan = saddleStitchPlan([A5, { width: 200, height: 200 }, A5, A5], { sheet: { width: 792, height: 612 } });
    const { width: W, height: H } = plan.sheet;
    for (const c of plan.sheets.flatMap((s) => [...s.front, ...s.back])) {
      const page = c.page === 1 ? { width: 200, height: 200 } : A5;
      expect(c.rect.width).toBeCloseTo(page.width * c.scale, 6);
      expect(c.rect.height).toBeCloseTo(page.height * c.scale, 6);
      expect(c.rotation).toBe(0);
      const inLeft = c.rect.x + c.rect.width / 2 < W / 2;
      expect(c.clip).toEqual({ x: inLeft ? 0 : W / 2, y: 0, width: W / 2, height: H });
      // Touching the fold, centred vertically.
      expect(inLeft ? c.rect.x + c.rect.width : c.rect.x).toBeCloseTo(W / 2, 6);
      expect(c.rect.y * 2 + c.rect.height).toBeCloseTo(H, 6);
    }
  });

  it.each(['left', 'right'] as const)('creep moves both pages of inner sheets toward the fold (bound on the %s)', (binding) => {
    const plan = saddleStitchPlan(pagesOf(16), { creep: 3, binding });
    const W = plan.sheet.width;
    // Four sheets: 0, 1, 2, 3 mm of the total 3 mm creep.
    plan.sheets.forEach((s, k) => {
      for (const cells of [s.front, s.back]) {
        const [left, right] = [...cells].sort((a, b) => a.rect.x - b.rect.x);
        expect(left.rect.x + left.rect.width - W / 2).toBeCloseTo(k * MM, 6);
        expect(W / 2 - right.rect.x).toBeCloseTo(k * MM, 6);
      }
    });
  });
});
