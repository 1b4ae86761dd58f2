/**
 * Font subsets kept between runs (src/fonts/subsetCache.ts) against fontkit's own subsets: the same
 * glyph numbers for the same glyphs in the same order, the same bytes whether made or read back, and a
 * font or a glyph list that differs never reads another's bytes.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { KeptSubset } from '../../src/fonts/subsetCache.js';
import { REPO, tempDir } from '../safety/helpers.js';

type Font = ConstructorParameters<typeof KeptSubset>[0] & { numGlyphs: number; createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } };
const open = (file: string) => fontkit.openSync(join(REPO, 'fonts', file)) as unknown as Font;

/** A glyph list with repeats, as a PDF's texts ask for them: fixed by a seed, not by the code under test. */
function uses(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: 120 }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return 1 + (x % Math.min(n - 1, 300));
  });
}

describe('kept font subsets', () => {
  // A TrueType font and a CFF one (their subsets are written by different fontkit code).
  for (const file of ['noto-serif/NotoSerif-Regular.ttf', 'inter/Inter-Bold.otf']) {
    it(`number glyphs and write bytes as fontkit does, made or read back (${file})`, () => {
      const dir = tempDir('zine-subsets-');
      const font = open(file);
      const glyphs = uses(font.numGlyphs, 7);
      const theirs = font.createSubset();
      const made = new KeptSubset(font, dir);
      expect(glyphs.map((g) => made.includeGlyph(g))).toEqual(glyphs.map((g) => theirs.includeGlyph(g)));
      expect(made.cff === true, 'CFF or not').toBe(file.endsWith('.otf'));
      const bytes = theirs.encode();
      expect(Buffer.from(made.encode()).equals(Buffer.from(bytes)), 'made').toBe(true);
      expect(readdirSync(dir)).toHaveLength(1);
      // Another run: a fresh font object and subset, the bytes read back without decoding the font's outlines.
      const fresh = open(file);
      const again = new KeptSubset(fresh, dir);
      glyphs.forEach((g) => again.includeGlyph({ id: g }));
      expect(Buffer.from(again.encode()).equals(Buffer.from(bytes)), 'read back').toBe(true);
      expect(Object.keys((fresh as unknown as { _tables: object })._tables).filter((t) => ['CFF ', 'glyf', 'loca'].includes(t)), 'tables decoded').toEqual([]);
      expect(readdirSync(dir)).toHaveLength(1);
    });
  }

  it('never gives one font or glyph list the bytes kept for another', () => {
    const dir = tempDir('zine-subsets-');
    const regular = open('noto-serif/NotoSerif-Regular.ttf');
    const bold = open('noto-serif/NotoSerif-Bold.ttf');
    const glyphs = uses(regular.numGlyphs, 11);
    const encode = (font: Font, list: number[]) => {
      const s = new KeptSubset(font, dir);
      list.forEach((g) => s.includeGlyph(g));
      return Buffer.from(s.encode());
    };
    const fresh = (font: Font, list: number[]) => {
      const s = font.createSubset();
      list.forEach((g) => s.includeGlyph(g));
      return Buffer.from(s.encode());
    };
    encode(regular, glyphs);
    expect(encode(bold, glyphs).equals(fresh(bold, glyphs)), 'another font, the same glyphs').toBe(true);
    const reordered = [...glyphs].reverse();
    expect(encode(regular, reordered).equals(fresh(regular, reordered)), 'the same glyphs in another order').toBe(true);
    expect(readdirSync(dir)).toHaveLength(3);
  });
});
