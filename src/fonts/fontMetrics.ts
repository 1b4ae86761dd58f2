import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { FACES, type FaceId } from '../layout/style.js';
import type { Metrics } from '../layout/metrics.js';

type Font = fontkit.Font;

/**
 * Metrics read with fontkit from the same files pdfkit embeds, so measured and drawn widths agree.
 * Faces open on first use and widths are memoised per face: the same words recur across layout rounds.
 */
export function fontMetrics(fontsDir: string): Metrics & { path(face: FaceId): string } {
  const fonts = new Map<FaceId, Font>();
  const widths = new Map<FaceId, Map<string, number>>();
  const open = (face: FaceId): Font => {
    let f = fonts.get(face);
    if (!f) {
      f = fontkit.openSync(join(fontsDir, FACES[face])) as Font;
      fonts.set(face, f);
      widths.set(face, new Map());
    }
    return f;
  };
  return {
    path: (face) => join(fontsDir, FACES[face]),
    width(face, text) {
      const font = open(face);
      const memo = widths.get(face)!;
      let w = memo.get(text);
      if (w === undefined) {
        w = font.layout(text).advanceWidth / font.unitsPerEm;
        memo.set(text, w);
      }
      return w;
    },
    has: (face, cp) => open(face).hasGlyphForCodePoint(cp),
    ascent: (face) => open(face).ascent / open(face).unitsPerEm,
    descent: (face) => open(face).descent / open(face).unitsPerEm,
  };
}
