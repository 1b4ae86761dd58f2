import type { FaceId } from '../model/theme.js';

/**
 * What layout needs to know about fonts. The real implementation reads the embedded font files
 * (fonts/fontMetrics.ts); tests pass fake metrics so layout can be checked without a font.
 */
export interface Metrics {
  /** Advance width of `text` in `face` at 1 pt (multiply by the size). */
  width(face: FaceId, text: string): number;
  /** Whether `face` has a glyph for this code point. */
  has(face: FaceId, codePoint: number): boolean;
  /** Ascender and descender at 1 pt (descender negative). */
  ascent(face: FaceId): number;
  descent(face: FaceId): number;
}

/** Every character 0.5 em wide, spaces 0.25 em: simple numbers for geometry tests. */
export function fakeMetrics(missing: number[] = []): Metrics {
  return {
    width: (_f, text) => {
      let w = 0;
      for (const ch of text) w += ch === ' ' ? 0.25 : 0.5;
      return w;
    },
    has: (_f, cp) => !missing.includes(cp),
    ascent: () => 0.8,
    descent: () => -0.2,
  };
}
