/**
 * A right-to-left book's pages are the mirror of what layout set from the left: every mark's box goes
 * to the other side (x becomes width - x - its width). That one step moves the margins, list markers,
 * callout rules, running heads and folios, contents leaders, covers and the links page to where a
 * reader from the right expects them, and puts each line's right-to-left words in reading order (the
 * left-to-right runs inside were reversed beforehand, see bidi.ts). Nothing is drawn flipped: text keeps
 * its own direction, images and QR codes are only placed.
 */
import type { PageItem, PageModel } from '../model/page.js';

export function mirrorPages(model: PageModel): PageModel {
  const W = model.width;
  const flip = (it: PageItem): PageItem => {
    switch (it.type) {
      case 'text':
        return { ...it, x: W - it.x - it.width };
      case 'qr':
        return { ...it, x: W - it.x - it.size };
      case 'path': {
        // An SVG figure's shapes move with their figure's box (its clip), the drawing kept as it is.
        if (it.clip) {
          const dx = W - 2 * it.clip.x - it.clip.w;
          return { ...it, x: it.x + dx, clip: { ...it.clip, x: it.clip.x + dx } };
        }
        return { ...it, x: W - it.x - (it.span ?? 0) };
      }
      default:
        return { ...it, x: W - it.x - it.w };
    }
  };
  return { ...model, pages: model.pages.map((p) => ({ ...p, items: p.items.map(flip) })) };
}
