import type { Mark, Size } from './plan.js';

const MM = 72 / 25.4;
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

/** Edges of the trimmed spread on the sheet, in pt. */
export interface Trim {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/**
 * Fold ticks on a vertical fold at top and bottom, crop marks at the four
 * outer corners of the spread. Marks go outside the trim, MARK_GAP away from
 * it, only where the margin has room:
 * - A5 on A4 leaves ~0 pt top/bottom and ~1.4 pt at the sides: nothing to
 *   trim and no room, so only short fold ticks on the fold line itself.
 * - A5 on Letter leaves 25 pt top/bottom but 0 pt at the sides: fold ticks
 *   go in the top/bottom margin; no crop marks, because the top/bottom cuts
 *   would need marks in the (absent) side margins and the side "cuts" are
 *   the sheet edges.
 * - Smaller pages (never enlarged) leave room all round: full crop marks.
 */
export function foldAndCropMarks({ height: H }: Size, fold: number, { left, right, bottom, top }: Trim): Mark[] {
  const marks: Mark[] = [];
  const line = (kind: Mark['kind'], x1: number, y1: number, x2: number, y2: number) => marks.push({ kind, x1, y1, x2, y2 });
  const room = MARK_GAP + MARK_MIN;
  const lenV = Math.min(MARK_MAX, bottom - MARK_GAP);
  const lenH = Math.min(MARK_MAX, left - MARK_GAP);

  if (bottom >= room) {
    line('fold', fold, top + MARK_GAP, fold, top + MARK_GAP + lenV);
    line('fold', fold, bottom - MARK_GAP, fold, bottom - MARK_GAP - lenV);
  } else {
    line('fold', fold, H, fold, H - FOLD_TICK_INSIDE);
    line('fold', fold, 0, fold, FOLD_TICK_INSIDE);
  }
  if (bottom >= room && left >= room) {
    for (const x of [left, right]) {
      line('crop', x, top + MARK_GAP, x, top + MARK_GAP + lenV);
      line('crop', x, bottom - MARK_GAP, x, bottom - MARK_GAP - lenV);
    }
    for (const y of [top, bottom]) {
      line('crop', left - MARK_GAP, y, left - MARK_GAP - lenH, y);
      line('crop', right + MARK_GAP, y, right + MARK_GAP + lenH, y);
    }
  }
  return marks;
}
