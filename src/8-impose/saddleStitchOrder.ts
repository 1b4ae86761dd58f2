/**
 * Saddle-stitch page order: which booklet page goes where on which sheet.
 * Pure arithmetic, no PDF code, so it can be tested exhaustively.
 *
 * Vocabulary (from print):
 * - Sheet: one piece of paper, printed on both sides (front and back),
 *   folded once in the middle (the Fold) to give four booklet pages.
 * - Side: one face of a sheet, holding a left and a right page.
 * - Signature: a stack of sheets nested and folded together. Thin booklets are
 *   one signature; thick ones are several signatures sewn/glued in a row.
 * - Creep: nested sheets stick out at the fore-edge the further inside they
 *   are (paper thickness), so after trimming their content sits off-centre.
 *   Shifting inner pages toward the fold compensates.
 */

/** 0-based page index, or null for a blank page. */
export type PageSlot = number | null;

export interface Side {
  left: PageSlot;
  right: PageSlot;
}

/**
 * 'short': the printer flips the sheet on its short edge, so the back is laid
 * out the normal way up. 'long': the printer only flips on the long edge,
 * which turns the back upside down relative to the front; we compensate by
 * rotating the back side 180°. (That is for landscape sheets; imposeBooklet
 * turns the back of a portrait sheet for 'short' instead.)
 */
export type Flip = 'short' | 'long';

export interface Sheet {
  /** 0-based signature this sheet belongs to. */
  signature: number;
  /** 0-based position in its signature's stack; 0 = outermost sheet. */
  index: number;
  front: Side;
  back: Side;
  /** Draw the whole back side rotated 180° (flip: 'long'). */
  rotateBack: boolean;
  /** Creep compensation in mm: move each page's content this far toward the fold. */
  creep: number;
}

export interface SaddleStitchOptions {
  flip?: Flip;
  /** Pages per signature, a multiple of 4. Default: all pages in one signature. */
  signature?: number;
  /**
   * Total creep in mm: the shift of the innermost sheet of each signature. The
   * outermost sheet gets 0 and each sheet inward gets creep / (sheets - 1)
   * more, i.e. a linear ramp. This is the usual "total creep" input of
   * imposition software; measure it as (sheets - 1) × paper thickness, or
   * from a folded dummy.
   */
  creep?: number;
}

/**
 * Booklet page order (indices into the final booklet) padded to a multiple
 * of 4 with blanks. With keepLast the blanks go before the last page so the
 * back cover stays on the back; a 1-page document has no back cover, so its
 * blanks go after it.
 */
export function padPages(count: number, { keepLast = true }: { keepLast?: boolean } = {}): PageSlot[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`page count must be a non-negative integer, got ${count}`);
  const blanks: PageSlot[] = new Array((4 - (count % 4)) % 4).fill(null);
  const pages = Array.from({ length: count }, (_, i) => i);
  if (keepLast && count >= 2) return [...pages.slice(0, -1), ...blanks, count - 1];
  return [...pages, ...blanks];
}

/**
 * Sheets for n booklet pages (n a multiple of 4). Returned indices are
 * positions 0..n-1 in the booklet. Within one signature of m pages starting at
 * `start`, sheet k carries (1-based, for m = 8, k = 0: front [8, 1], back [2, 7]):
 *   front: left m-1-2k, right 2k      back: left 2k+1, right m-2-2k
 * which is what makes the stacked, folded sheets read 1..m.
 */
export function saddleStitch(n: number, options: SaddleStitchOptions = {}): Sheet[] {
  const { flip = 'short', creep = 0 } = options;
  const size = options.signature ?? n;
  if (!Number.isInteger(n) || n < 0 || n % 4 !== 0) throw new RangeError(`page count must be a multiple of 4, got ${n}`);
  if (!Number.isInteger(size) || size <= 0 || size % 4 !== 0) throw new RangeError(`signature must be a positive multiple of 4, got ${size}`);

  const sheets: Sheet[] = [];
  // Consecutive signatures; the last one takes what is left (still a multiple of 4).
  for (let start = 0, signature = 0; start < n; start += size, signature++) {
    const m = Math.min(size, n - start);
    const count = m / 4;
    for (let k = 0; k < count; k++) {
      sheets.push({
        signature,
        index: k,
        front: { left: start + m - 1 - 2 * k, right: start + 2 * k },
        back: { left: start + 2 * k + 1, right: start + m - 2 - 2 * k },
        rotateBack: flip === 'long',
        creep: count > 1 ? (creep * k) / (count - 1) : 0,
      });
    }
  }
  return sheets;
}

/**
 * Sheets for a document of `pageCount` source pages: pads (see padPages) and
 * maps booklet positions back to source page indices, null = blank.
 */
export function planBooklet(pageCount: number, options: SaddleStitchOptions & { keepLastPage?: boolean } = {}): Sheet[] {
  const order = padPages(pageCount, { keepLast: options.keepLastPage ?? true });
  const at = (i: PageSlot): PageSlot => (i === null ? null : order[i]);
  const side = (s: Side): Side => ({ left: at(s.left), right: at(s.right) });
  return saddleStitch(order.length, options).map((s) => ({ ...s, front: side(s.front), back: side(s.back) }));
}
