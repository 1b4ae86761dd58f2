import { createRequire } from 'node:module';
import type { HyphenModule } from './language.js';
import { language } from './languages/index.js';

export type Hyphenator = (word: string) => number[];

const modules = new Map<string, HyphenModule>();
const cache = new Map<string, Hyphenator>();
const SOFT = '\u00ad';
const base = (lang: string) => lang.split('-')[0];

/**
 * Load a language's patterns (once) and return its hyphenator. Each language's TeX patterns (from the
 * `hyphen` package, named in languages/<lang>.ts) load on demand: a build pays only for the languages it sets.
 */
export async function loadHyphenator(lang: string): Promise<Hyphenator> {
  const key = base(lang);
  const patterns = language(lang).hyphenation;
  if (patterns && !modules.has(key)) modules.set(key, (await patterns.load()).default);
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
  const patterns = language(lang).hyphenation;
  if (!patterns) {
    h = () => [];
  } else {
    let mod = modules.get(key);
    if (!mod) {
      mod = createRequire(import.meta.url)(patterns.patterns) as HyphenModule;
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
