/**
 * The print shop's edition of a page model: the same pages on a bigger sheet, backgrounds that touch
 * the trim run on into the bleed (so no white edge shows after cutting), and crop marks outside the
 * bleed. Layout decides all of it; render draws the sheet it is given.
 */
import type { PageItem, PageModel, PressSheet } from '../model/page.js';
import { MM } from '../model/theme.js';

/** Room outside the bleed for the crop marks (the slug). */
const SLUG = 7 * MM;
/** Crop marks start this far outside the bleed, so neither the cut nor the bleed ever shows them. */
const MARK_GAP = 1;
const MARK_WEIGHT = 0.25;
/** A background within this distance of the trim touches it. */
const TOUCHES = 0.01;

export function pressEdition(model: PageModel, bleed: number): PageModel {
  const W = model.width;
  const H = model.height;
  const off = bleed + SLUG;
  const extend = (it: PageItem): PageItem => {
    if (it.type !== 'rect' || !it.bleeds) return it;
    let { x, y, w, h } = it;
    if (x <= TOUCHES) (x -= bleed), (w += bleed);
    if (y <= TOUCHES) (y -= bleed), (h += bleed);
    if (x + w >= W - TOUCHES) w += bleed;
    if (y + h >= H - TOUCHES) h += bleed;
    return { ...it, x, y, w, h };
  };
  const marks: PressSheet['marks'] = [];
  for (const [x, y] of [[off, off], [off + W, off], [off, off + H], [off + W, off + H]] as const) {
    const dx = x === off ? -1 : 1;
    const dy = y === off ? -1 : 1;
    marks.push([x + dx * (bleed + MARK_GAP), y, x + dx * off, y]);
    marks.push([x, y + dy * (bleed + MARK_GAP), x, y + dy * off]);
  }
  return {
    ...model,
    pages: model.pages.map((p) => ({ ...p, items: p.items.map(extend) })),
    press: { offset: off, bleed, marks, markWeight: MARK_WEIGHT },
  };
}
