/**
 * Saddle stitch: sheets two pages wide, nested, folded once in the middle and stapled on the fold.
 * The page order comes from saddleStitchOrder.ts (pure arithmetic); this file puts it on paper.
 */
import { foldAndCropMarks } from '../marks.js';
import type { Cell, PlanFunction, Rect, Size } from '../plan.js';
import { planBooklet, type PageSlot } from '../saddleStitchOrder.js';
import { SHEET_SIZES } from '../sheets.js';

const MM = 72 / 25.4;

/**
 * The sheet for two pages side by side: a named sheet when its halves are the page within 1 mm
 * (A5 -> A4, A6 -> A5, A4 -> A3, half-letter -> Letter), else exactly 2W × H.
 */
export function twiceThePage(page: Size): Size {
  const named = Object.values(SHEET_SIZES).find((s) => Math.abs(s.width / 2 - page.width) <= MM && Math.abs(s.height - page.height) <= MM);
  return named ? { ...named } : { width: 2 * page.width, height: page.height };
}

export const saddleStitchPlan: PlanFunction = (pages, options) => {
  const { signature, creep = 0, keepLastPage = true, binding = 'left' } = options;
  if (pages.length === 0) throw new RangeError('saddle stitch: no pages');
  const first = pages[0];
  const sheet = options.sheet ?? twiceThePage(first);
  const { width: W, height: H } = sheet;
  // Layout from the first page: one uniform scale, never enlarged (a page
  // smaller than half a sheet keeps its designed size, e.g. for QR codes).
  // A5 on A4 gives exactly 1; A5 on Letter ≈ 0.944, limited by the width.
  const scale = Math.min(1, W / 2 / first.width, H / first.height);
  const slot = { width: first.width * scale, height: first.height * scale };

  // Each page touches the fold and is centred vertically in its half, so the
  // pair is centred on the sheet. Creep moves it further toward (and past) the
  // fold; the clip to its own half keeps it from printing over its neighbour.
  // A page of another size is scaled uniformly into the first page's slot.
  function cell(page: PageSlot, half: 'left' | 'right', shift: number): Cell {
    const size = page === null ? slot : pages[page];
    const k = Math.min(slot.width / size.width, slot.height / size.height);
    const w = size.width * k;
    const h = size.height * k;
    const x = half === 'left' ? W / 2 - w + shift : W / 2 - shift;
    const clip: Rect = { x: half === 'left' ? 0 : W / 2, y: 0, width: W / 2, height: H };
    return { page, rect: { x, y: (H - h) / 2, width: w, height: h }, scale: k, rotation: 0, clip };
  }

  // Bound on the right, every side holds the same two pages as bound on the left, swapped: the
  // page order is mirrored (the pages themselves are not), so the booklet reads from the right.
  const side = (s: { left: PageSlot; right: PageSlot }, shift: number): Cell[] => {
    const [left, right] = binding === 'right' ? [s.right, s.left] : [s.left, s.right];
    return [cell(left, 'left', shift), cell(right, 'right', shift)];
  };

  return {
    sheet: { width: W, height: H },
    sheets: planBooklet(pages.length, { signature, creep, keepLastPage }).map((s) => ({
      front: side(s.front, s.creep * MM),
      back: side(s.back, s.creep * MM),
    })),
    marks: foldAndCropMarks(sheet, W / 2, {
      left: W / 2 - slot.width,
      right: W / 2 + slot.width,
      bottom: (H - slot.height) / 2,
      top: (H + slot.height) / 2,
    }),
  };
};
