/**
 * An imposition plan: where each page of the input goes on which side of which sheet. Plain data,
 * made by a plan function (src/8-impose/plans/) from the input's page sizes, and drawn by
 * imposeBooklet, which decides nothing about positions.
 *
 * Coordinates are PDF points on the sheet, origin at the bottom left, y up.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Cell {
  /** 0-based page of the input, or null: a blank cell, nothing is drawn. */
  page: number | null;
  /** Where the page's visible area (its CropBox) lands on the sheet: the page's size × scale. */
  rect: Rect;
  /**
   * The page's scale, the same on both axes (a page is never distorted). Given as the plan computed
   * it, rather than derived from rect, so that the drawn matrix is exactly that number.
   */
  scale: number;
  /** 180: the page is drawn upside down in its rect (turned about the rect's centre). */
  rotation: 0 | 180;
  /** The part of the sheet the page may print on (creep can push a page past its share of the sheet). */
  clip: Rect;
}

/**
 * One piece of paper. Both sides are laid out as they are seen when the sheet is turned over about
 * its vertical axis, like the page of a book: the back's left half is behind the front's right half.
 * A printer that turns the sheet the other way gets its back sides turned 180° by imposeBooklet.
 */
export interface PlanSheet {
  front: Cell[];
  back: Cell[];
}

/** A line to draw on every side when marks are asked for: a fold (dashed) or a cut (solid). */
export interface Mark {
  kind: 'fold' | 'crop';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Plan {
  /** Size of every sheet, as printed. */
  sheet: Size;
  /** In print order. */
  sheets: PlanSheet[];
  /** Fold and crop marks (the same on every side); drawn only with the `marks` option. */
  marks: Mark[];
}

export type Binding = 'left' | 'right';

export interface PlanOptions {
  /** The sheet to print on; undefined: the plan's own choice from the page size. */
  sheet?: Size;
  /** Pages per signature (multiple of 4). Default: one signature. */
  signature?: number;
  /** Total creep in mm (see SaddleStitchOptions.creep). Default 0. */
  creep?: number;
  /** Pad with blanks before the last page so the back cover stays last. Default true. */
  keepLastPage?: boolean;
  /**
   * The edge the booklet is bound on, as seen from its cover. 'right' for right-to-left
   * languages (Arabic, Hebrew, Persian): the cover is on the left of the fold and the pages run
   * from right to left. Default 'left'.
   */
  binding?: Binding;
}

/**
 * A plan function: the sizes of the input's pages (visible area, in order; at least one) and the
 * options -> the plan. Each plan uses the options that apply to it.
 */
export type PlanFunction = (pages: Size[], options: PlanOptions) => Plan;
