/**
 * Layout's widths are the widths render draws: for every face of our zine, `width` agrees with the
 * run pdfkit is given (`shape`), and with a second opening of the font file by fontkit, summed here
 * glyph by glyph (text faces: advance widths; the display face: fontkit's shaped layout).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { DEFAULT_FACES } from '../../src/4-theme/design.js';
import type { FaceId } from '../../src/model/theme.js';
import { REPO } from '../safety/helpers.js';

const SAMPLES = ['Administrateur', 'visio-conférence', 'Zoom, Skype ou Discord ?', 'AVA Wa To', 'œuvre « ici »', 'https://example.org/a?b=c', 'x'.repeat(80)];

describe('font widths', () => {
  const fonts = fontSet(join(REPO, 'fonts'));
  for (const face of Object.keys(DEFAULT_FACES) as FaceId[]) {
    it(`agree with fontkit and with the run pdfkit draws (${face})`, () => {
      const font = fontkit.openSync(join(REPO, 'fonts', DEFAULT_FACES[face])) as fontkit.Font & { glyphForCodePoint(cp: number): { advanceWidth: number } };
      for (const text of SAMPLES) {
        if (![...text].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!))) continue;
        const expected =
          face === 'display'
            ? font.layout(text).advanceWidth / font.unitsPerEm
            : [...text].reduce((a, ch) => a + font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth, 0) / font.unitsPerEm;
        const before = fonts.width(face, text);
        expect(before, `${face} "${text}"`).toBeCloseTo(expected, 9);
        expect(fonts.shape(face, text).advanceWidth / font.unitsPerEm, `${face} "${text}" drawn`).toBeCloseTo(before, 9);
        expect(fonts.width(face, text), `${face} "${text}" again`).toBe(before);
      }
    });
  }
});

describe("the font's names and header pdfkit reads (PostScript name; post: italic angle, fixed pitch)", () => {
  const files = readdirSync(join(REPO, 'fonts'), { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ttf|otf)$/.test(f));
  it('are fontkit’s own decoding of the tables, for every font in fonts/', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const real = fontkit.openSync(join(REPO, 'fonts', file)) as fontkit.Font & { post: Record<string, number> };
      const mine = fontSet(join(REPO, 'fonts'), { ...DEFAULT_FACES, body: file }).pdfFont('body') as { post: Record<string, number>; italicAngle: number };
      const fields = ['italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch'];
      expect(Object.fromEntries(fields.map((k) => [k, mine.post[k]])), file).toEqual(Object.fromEntries(fields.map((k) => [k, real.post[k]])));
      expect(mine.italicAngle, file).toBe(real.post.italicAngle);
      expect((mine as unknown as { postscriptName: string }).postscriptName, file).toBe((real as unknown as { postscriptName: string }).postscriptName);
      expect((mine as unknown as { getGlyph(id: number): { advanceWidth: number } }).getGlyph(0).advanceWidth, `${file}: glyph 0`).toBe((real as unknown as { getGlyph(id: number): { advanceWidth: number } }).getGlyph(0).advanceWidth);
      // Read from their own bytes: fontkit decoded neither table (the point of reading them apart).
      const decoded = Object.keys((Object.getPrototypeOf(mine) as { _tables: object })._tables);
      expect(decoded.filter((t) => t === 'name' || t === 'post'), `${file}: tables fontkit decoded`).toEqual([]);
      const hidden = fontSet(join(REPO, 'fonts'), { ...DEFAULT_FACES, body: file }).pdfFont('body', 'hidden') as { postscriptName: string };
      expect(hidden.postscriptName, file).toBe(`${(real as unknown as { postscriptName: string }).postscriptName}-hidden`);
    }
  });
});
