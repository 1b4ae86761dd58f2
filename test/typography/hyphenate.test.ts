import { describe, expect, it, vi } from 'vitest';

/**
 * Every language hyphenate.ts lists really hyphenates: a long word of that language, split by hand into
 * its syllables (the break points TeX's patterns give it), comes back with those points, less the ones
 * our minima remove: at least 2 letters before a break and 3 after it.
 */
const KNOWN: Record<string, string> = {
  fr: 'an-ti-cons-ti-tu-tion-nel-le-ment',
  en: 'un-der-stand-ing',
  nl: 'on-af-han-ke-lijk-heid',
  de: 'Bun-des-ver-fas-sungs-ge-richt',
  es: 'an-ti-cons-ti-tu-cio-nal-men-te',
  it: 'pre-ci-pi-te-vo-lis-si-me-vol-men-te',
  pt: 'in-cons-ti-tu-ci-o-na-li-da-de',
  ca: 'u-ni-ver-si-tat',
  da: 'sam-men-lig-ning',
  sv: 'järn-vägs-sta-tion',
  pl: 'nie-bez-pie-czeń-stwo',
};

/** The word without hyphens, and the offsets of the hyphens kept by the 2-before / 3-after rule. */
function expected(syllables: string): { word: string; points: number[] } {
  const parts = syllables.split('-');
  const word = parts.join('');
  const points: number[] = [];
  let at = 0;
  for (const p of parts.slice(0, -1)) {
    at += [...p].length;
    if (at >= 2 && [...word].length - at >= 3) points.push(at);
  }
  return { word, points };
}

const rebuilt = (word: string, points: number[]) => [...word].map((ch, i) => (points.includes(i) ? '-' : '') + ch).join('');

/** A fresh copy of the module, so each way of loading the patterns is exercised on its own. */
async function freshModule() {
  vi.resetModules();
  return import('../../src/3-typography/hyphenate.js');
}

describe('hyphenation patterns for every listed language', () => {
  it('the hand-made expectations are what they claim (every word long, at least one break left)', () => {
    for (const [lang, s] of Object.entries(KNOWN)) {
      const { word, points } = expected(s);
      expect(word.length, lang).toBeGreaterThanOrEqual(10);
      expect(points.length, lang).toBeGreaterThanOrEqual(2);
    }
    expect(expected('an-ti-cons-ti-tu-cio-nal-men-te').points).toEqual([2, 4, 8, 10, 12, 15, 18]); // not men-te: "te" is too short
    expect(expected('u-ni-ver-si-tat').points).toEqual([3, 6, 8]); // u-: one letter is too few
  });

  for (const [lang, syllables] of Object.entries(KNOWN)) {
    const { word, points } = expected(syllables);
    it(`${lang}: ${rebuilt(word, points)} (patterns loaded on demand, as the build does)`, async () => {
      const { loadHyphenator } = await freshModule();
      const h = await loadHyphenator(lang);
      expect(rebuilt(word, h(word))).toBe(rebuilt(word, points));
    });
    it(`${lang}: the same with the patterns loaded synchronously`, async () => {
      const { hyphenator } = await freshModule();
      expect(rebuilt(word, hyphenator(lang)(word))).toBe(rebuilt(word, points));
    });
  }

  it('a language without patterns hyphenates nothing', async () => {
    const { hyphenator } = await freshModule();
    expect(hyphenator('xx')('anticonstitutionnellement')).toEqual([]);
  });
});
