/**
 * What both ways of writing the booklet share (our own writer, and pdf-lib for PDFs our reader
 * cannot read): the plan for the input's page sizes, and each sheet side's content stream.
 */
import type { Cell, Mark, PlanFunction, PlanOptions, Size } from './plan.js';
import { PLANS, type PlanName } from './plans/index.js';
import type { Flip } from './saddleStitchOrder.js';
import { SHEET_SIZES, type SheetName } from './sheets.js';

/** 'auto': the plan's choice from the page size (for saddle stitch, twice the page). */
export type SheetSize = 'auto' | SheetName;

export interface ImposeOptions extends Omit<PlanOptions, 'sheet'> {
  /** The imposition plan, by name (see plans/index.ts) or as a function. Default 'saddle-stitch'. */
  plan?: PlanName | PlanFunction;
  /** Paper the booklet is printed on. Default 'auto'. */
  sheet?: SheetSize;
  /** Duplex flip edge of the printer, see Flip. Default 'short'. */
  flip?: Flip;
  /** Draw fold and crop marks. Default false. */
  marks?: boolean;
  /** Creation/modification date written to the output; fixed so output is reproducible. Default epoch. */
  date?: Date;
}

export interface Side {
  cells: Cell[];
  /** Drawn turned 180° about the sheet centre (see layOut). */
  turned: boolean;
}

export interface Layout {
  paper: Size;
  /** Every side in print order: front, back, front, back... */
  sides: Side[];
  /** The marks to draw on every side: none unless asked. */
  marks: Mark[];
}

const MARK_WIDTH = 0.25;

/** The plan for pages of these sizes (their visible areas, in order), side by side. */
export function layOut(sizes: Size[], options: ImposeOptions): Layout {
  const { plan = 'saddle-stitch', sheet = 'auto', flip = 'short', marks = false, date: _date, ...planOptions } = options;
  const makePlan = typeof plan === 'function' ? plan : PLANS[plan];
  if (!makePlan) throw new Error(`imposeBooklet: no imposition plan named ${plan}`);
  const { sheet: paper, sheets, marks: markLines } = makePlan(sizes, { ...planOptions, sheet: sheet === 'auto' ? undefined : SHEET_SIZES[sheet] });
  // Plans lay the back out for a sheet turned over about its vertical axis: the short edge of a
  // landscape sheet, the long edge of a portrait one. A printer turning it the other way prints
  // the back upside down, so the back is drawn turned 180° about the sheet centre.
  const turnBacks = flip === (paper.width >= paper.height ? 'long' : 'short');
  const sides = sheets.flatMap((s) => [
    { cells: s.front, turned: false },
    { cells: s.back, turned: turnBacks },
  ]);
  return { paper, sides, marks: marks ? markLines : [] };
}

/** A number for a content stream: at most 6 decimals, no trailing zeros, never an exponent. */
export function pdfNumber(n: number): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

const line = (...parts: (number | string)[]) => parts.map((p) => (typeof p === 'number' ? pdfNumber(p) : p)).join(' ');

/**
 * The content stream of one side. xobject(page) names the Form XObject showing that input page in
 * the side's resources, or is undefined for a page without content (its cell stays blank).
 */
export function sideContent(side: Side, { paper, marks }: Layout, xobject: (page: number) => string | undefined): string {
  const ops: string[] = [];
  // Turning the whole side (marks included) about the sheet centre.
  if (side.turned) ops.push('q', line(-1, 0, 0, -1, paper.width, paper.height, 'cm'));
  // Each page's visible area onto cell.rect (at cell.scale), clipped to cell.clip.
  for (const { page, rect, scale: k, rotation, clip: c } of side.cells) {
    const name = page === null ? undefined : xobject(page);
    if (!name) continue;
    const matrix = rotation === 180 ? [-k, 0, 0, -k, rect.x + rect.width, rect.y + rect.height] : [k, 0, 0, k, rect.x, rect.y];
    ops.push('q', line(c.x, c.y, c.width, c.height, 're'), 'W', 'n', 'q', line(...matrix, 'cm'), `/${name} Do`, 'Q', 'Q');
  }
  for (const m of marks) {
    const dash = m.kind === 'fold' ? '[3 2] 0 d' : '[] 0 d';
    ops.push('q', '0 0 0 RG', line(MARK_WIDTH, 'w'), dash, line(m.x1, m.y1, 'm'), line(m.x2, m.y2, 'l'), 'S', 'Q');
  }
  if (side.turned) ops.push('Q');
  return ops.join('\n');
}
