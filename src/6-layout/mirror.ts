/**
 * A right-to-left book's pages are the mirror of what layout set from the left: every mark's box goes
 * to the other side (x becomes width - x - its width). That one step moves the margins, list markers,
 * callout rules, running heads and folios, contents leaders, covers and the links page to where a
 * reader from the right expects them, and puts each line's right-to-left words in reading order (the
 * left-to-right runs inside were reversed beforehand, see bidi.ts). Nothing is drawn flipped: text keeps
 * its own direction, images and QR codes are only placed.
 */
import type { PageItem, PageModel } from '../model/page.js';

type Box = { x: number; y: number; w: number; h: number };

export function mirrorPages(model: PageModel): PageModel {
  const W = model.width;
  /** How far a figure's box moves: its mirrored place. */
  const shift = (box: Box) => W - 2 * box.x - box.w;
  const flip = (it: PageItem, figures: Box[]): PageItem => {
    switch (it.type) {
      case 'text': {
        // The text of an SVG figure moves with its figure's box, like the figure's shapes.
        const figure = figures.find((f) => it.x >= f.x && it.x + it.width <= f.x + f.w && it.y >= f.y && it.y <= f.y + f.h);
        return { ...it, x: figure ? it.x + shift(figure) : W - it.x - it.width };
      }
      case 'qr':
        return { ...it, x: W - it.x - it.size };
      case 'path': {
        // An SVG figure's shapes move with their figure's box (its clip), the drawing kept as it is.
        if (it.clip) return { ...it, x: it.x + shift(it.clip), clip: { ...it.clip, x: it.clip.x + shift(it.clip) } };
        return { ...it, x: W - it.x - (it.span ?? 0) };
      }
      default:
        return { ...it, x: W - it.x - it.w };
    }
  };
  return {
    ...model,
    pages: model.pages.map((p) => {
      const figures = p.items.flatMap((i) => (i.type === 'path' && i.clip ? [i.clip] : []));
      return { ...p, items: p.items.map((i) => flip(i, figures)) };
    }),
  };
}
