/**
 * The Unicode bidirectional algorithm (UAX #9, bidi-js: it passes the Unicode conformance tests) for
 * right-to-left languages: levels per character of a paragraph, and the mirrored brackets of its
 * right-to-left parts.
 */
import bidiModule from 'bidi-js';

// bidi-js is CommonJS: Node's default import is the factory itself, its types say `.default`.
const factory = (typeof bidiModule === 'function' ? bidiModule : bidiModule.default) as typeof bidiModule.default;
const bidi = factory();

/** Each UTF-16 unit's embedding level in a right-to-left paragraph (odd: right to left). */
export function bidiLevels(text: string): Uint8Array {
  return bidi.getEmbeddingLevels(text, 'rtl').levels;
}

/** Text drawn right to left shows its brackets the other way round: "(" as ")", "«" as "»" (Bidi_Mirrored). */
export function mirrored(text: string): string {
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}

/**
 * Rule L2 of UAX #9 as reflections, for a line set in logical order from the left: each run of
 * fragments at level k or more is reversed in place, for k from the highest level down to 2. A
 * right-to-left page is then mirrored whole (mirror.ts), which reverses level 1: so the words of a
 * left-to-right run ("Android 10", a URL) keep their order, and an Arabic run inside them is turned again.
 * Returns the spans [left, right] to reflect, in order.
 */
export function reflections(fragments: readonly { x: number; width: number; level?: number }[]): [number, number][] {
  const spans: [number, number][] = [];
  const level = (i: number) => fragments[i].level ?? 0;
  const highest = Math.max(0, ...fragments.map((_, i) => level(i)));
  for (let k = highest; k >= 2; k--) {
    for (let i = 0; i < fragments.length; i++) {
      if (level(i) < k) continue;
      let j = i;
      while (j + 1 < fragments.length && level(j + 1) >= k) j++;
      spans.push([fragments[i].x, fragments[j].x + fragments[j].width]);
      i = j;
    }
  }
  return spans;
}

/** Where the box at x, w of a line goes once the spans are reflected (a box that straddles a span's edge stays). */
export function reflect(x: number, w: number, spans: readonly [number, number][]): number {
  const EPS = 0.001;
  for (const [a, b] of spans) if (x >= a - EPS && x + w <= b + EPS) x = a + b - x - w;
  return x;
}
