import { createRequire } from 'node:module';
import type { DocumentModel } from '../model/document.js';
import { walkInlines } from '../model/walk.js';
import { KeptMap, keptPath } from '../9-write/keptMap.js';
import type { HyphenModule } from './language.js';
import { language } from './languages/index.js';

export type Hyphenator = (word: string) => number[];

const modules = new Map<string, HyphenModule>();
const cache = new Map<string, Hyphenator>();
const SOFT = '\u00ad';
const base = (lang: string) => lang.split('-')[0];

/**
 * Words hyphenated, per language: those of earlier builds, kept in the bundle's folder (ZINE_CACHE, as
 * kept font subsets), and this build's. A language's patterns are read only for a word none of them
 * has: German's take 65 ms to read at each start, Dutch's and English's 15, most words come back.
 */
interface Words {
  points: KeptMap<number[]>;
  /** A word was asked that no kept word answers while the patterns were not loaded (see hyphenationMissed). */
  missed: boolean;
}
const words = new Map<string, Words>();
const isPoints = (p: unknown): p is number[] => Array.isArray(p) && p.every(Number.isInteger);
function wordsOf(key: string): Words {
  let w = words.get(key);
  if (!w) words.set(key, (w = { points: new KeptMap(keptPath('hyphenation', `${key}.json`), isPoints), missed: false }));
  return w;
}

/**
 * The words of a document that layout may ask to hyphenate: each run of letters of its texts, with and
 * without the apostrophes around it. Layout sets words across styles ("**Sicher**heit") that this
 * does not see: those it finds among the words kept from earlier builds, or says missing.
 */
export function hyphenationCandidates(doc: Pick<DocumentModel, 'chapters' | 'meta' | 'strings'>): Set<string> {
  const found = new Set<string>();
  const add = (text: string) => {
    for (const [run] of text.matchAll(/[\p{L}’'·]+/gu)) {
      for (const w of [run, run.replace(/^[’'·]+/u, ''), run.replace(/[’'·]+$/u, ''), run.replace(/^[’'·]+|[’'·]+$/gu, '')]) if (w.length >= 6 && w.length <= 60) found.add(w);
    }
  };
  for (const c of doc.chapters) walkInlines(c.blocks, (inlines) => inlines.forEach((r) => add(r.text)));
  const strings = (v: unknown): void => (typeof v === 'string' ? add(v) : v && typeof v === 'object' ? Object.values(v).forEach(strings) : undefined);
  strings(doc.meta);
  strings(doc.strings);
  return found;
}

/**
 * The hyphenator of a language. Its patterns (from the `hyphen` package, named in languages/<lang>.ts)
 * load on demand, only when one of `candidates` (all words when not given) was never hyphenated before.
 */
export async function loadHyphenator(lang: string, candidates?: Iterable<string>): Promise<Hyphenator> {
  const key = base(lang);
  const patterns = language(lang).hyphenation;
  const known = wordsOf(key);
  const asked = candidates ? [...candidates] : undefined;
  if (patterns && !modules.has(key) && (!asked || asked.some((w) => !known.points.has(w)))) {
    modules.set(key, (await patterns.load()).default);
    // A new hyphenator: a word a layout before found missing (with no break) is asked again.
    cache.delete(key);
    known.missed = false;
  }
  const h = hyphenator(lang);
  if (modules.has(key)) for (const w of asked ?? []) h(w); // kept for the next build's candidates
  return h;
}

/** Whether a word was asked that was never hyphenated while the patterns were not loaded: lay out again after loadHyphenator(lang). */
export function hyphenationMissed(lang: string): boolean {
  return wordsOf(base(lang)).missed;
}

/** Writes the words hyphenated by this build to those kept (a read-only checkout keeps none). */
export function keepHyphenation(): void {
  for (const w of words.values()) w.points.save();
}

/** The patterns, loaded now: by require() when the sources run (tests); the bundle has loadHyphenator's. */
function loadNow(patterns: string): HyphenModule | undefined {
  try {
    return createRequire(import.meta.url)(patterns) as HyphenModule;
  } catch {
    return undefined;
  }
}

/**
 * A function giving the offsets inside a word where it may break with a hyphen, memoised per word
 * (the same words come back on every layout round). Without its patterns loaded (by loadHyphenator, or
 * here when the sources run), a word no earlier build hyphenated gets none, and is said missed.
 */
export function hyphenator(lang: string): Hyphenator {
  const key = base(lang);
  let h = cache.get(key);
  if (h) return h;
  const patterns = language(lang).hyphenation;
  if (!patterns) {
    h = () => [];
  } else {
    const known = wordsOf(key);
    h = (word: string) => {
      let points = known.points.get(word);
      if (points) return points;
      // No break in words under 6 letters; at least 2 letters before a break and 3 after it.
      if (word.length < 6 || word.length > 60) return [];
      let mod = modules.get(key);
      if (!mod && (mod = loadNow(patterns.patterns))) modules.set(key, mod);
      if (!mod) {
        known.missed = true;
        return [];
      }
      points = [];
      const marked = mod.hyphenateSync(word, { hyphenChar: SOFT, minWordLength: 6 });
      let offset = 0;
      for (const ch of marked) {
        if (ch === SOFT) {
          if (offset >= 2 && word.length - offset >= 3) points.push(offset);
        } else offset += ch.length;
      }
      known.points.set(word, points);
      return points;
    };
  }
  cache.set(key, h);
  return h;
}
