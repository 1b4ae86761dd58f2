import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Languages with TeX hyphenation patterns in the `hyphen` package, by our language code. */
const PATTERNS: Record<string, string> = {
  fr: 'hyphen/fr',
  en: 'hyphen/en-gb',
  nl: 'hyphen/nl',
  de: 'hyphen/de-1996',
  es: 'hyphen/es',
  it: 'hyphen/it',
  pt: 'hyphen/pt',
  ca: 'hyphen/ca',
  da: 'hyphen/da',
  sv: 'hyphen/sv',
  pl: 'hyphen/pl',
};

export type Hyphenator = (word: string) => number[];

const cache = new Map<string, Hyphenator>();
const SOFT = '\u00ad';

export function hasHyphenation(lang: string): boolean {
  return lang.split('-')[0] in PATTERNS;
}

/**
 * Returns a function giving the offsets inside a word where it may break with a hyphen. Patterns load
 * lazily (only the languages a command builds) and results are memoised per word, since the same words
 * come back on every layout round.
 */
export function hyphenator(lang: string): Hyphenator {
  const key = lang.split('-')[0];
  let h = cache.get(key);
  if (h) return h;
  const mod = PATTERNS[key];
  if (!mod) {
    h = () => [];
  } else {
    const { hyphenateSync } = require(mod) as { hyphenateSync: (t: string, o: object) => string };
    const memo = new Map<string, number[]>();
    h = (word: string) => {
      let points = memo.get(word);
      if (points) return points;
      points = [];
      // No break in words under 6 letters; at least 2 letters before a break and 3 after it.
      const marked = word.length >= 6 && word.length <= 60 ? hyphenateSync(word, { hyphenChar: SOFT, minWordLength: 6 }) : word;
      let offset = 0;
      for (const ch of marked) {
        if (ch === SOFT) {
          if (offset >= 2 && word.length - offset >= 3) points.push(offset);
        } else offset += ch.length;
      }
      memo.set(word, points);
      return points;
    };
  }
  cache.set(key, h);
  return h;
}
