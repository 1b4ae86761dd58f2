import { createRequire } from 'node:module';

type HyphenModule = { hyphenateSync: (t: string, o: object) => string };

/**
 * TeX hyphenation patterns from the `hyphen` package, by our language code. Each loads on demand: a
 * build pays only for the languages it sets. (Static import() calls, so a bundler can see them.)
 */
const PATTERNS: Record<string, [string, () => Promise<{ default: HyphenModule }>]> = {
  fr: ['hyphen/fr/index.js', () => import('hyphen/fr/index.js')],
  en: ['hyphen/en-gb/index.js', () => import('hyphen/en-gb/index.js')],
  nl: ['hyphen/nl/index.js', () => import('hyphen/nl/index.js')],
  de: ['hyphen/de-1996/index.js', () => import('hyphen/de-1996/index.js')],
  es: ['hyphen/es/index.js', () => import('hyphen/es/index.js')],
  it: ['hyphen/it/index.js', () => import('hyphen/it/index.js')],
  pt: ['hyphen/pt/index.js', () => import('hyphen/pt/index.js')],
  ca: ['hyphen/ca/index.js', () => import('hyphen/ca/index.js')],
  da: ['hyphen/da/index.js', () => import('hyphen/da/index.js')],
  sv: ['hyphen/sv/index.js', () => import('hyphen/sv/index.js')],
  pl: ['hyphen/pl/index.js', () => import('hyphen/pl/index.js')],
};

export type Hyphenator = (word: string) => number[];

const modules = new Map<string, HyphenModule>();
const cache = new Map<string, Hyphenator>();
const SOFT = '\u00ad';
const base = (lang: string) => lang.split('-')[0];

/** Load a language's patterns (once) and return its hyphenator. */
export async function loadHyphenator(lang: string): Promise<Hyphenator> {
  const key = base(lang);
  if (PATTERNS[key] && !modules.has(key)) modules.set(key, (await PATTERNS[key][1]()).default);
  return hyphenator(lang);
}

/**
 * A function giving the offsets inside a word where it may break with a hyphen, memoised per word
 * (the same words come back on every layout round). Loads the patterns synchronously if
 * loadHyphenator has not.
 */
export function hyphenator(lang: string): Hyphenator {
  const key = base(lang);
  let h = cache.get(key);
  if (h) return h;
  if (!PATTERNS[key]) {
    h = () => [];
  } else {
    let mod = modules.get(key);
    if (!mod) {
      mod = createRequire(import.meta.url)(PATTERNS[key][0]) as HyphenModule;
      modules.set(key, mod);
    }
    const { hyphenateSync } = mod;
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
