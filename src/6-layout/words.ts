import { fail, type SourcePos } from '../errors.js';
import type { Inline } from '../model/document.js';
import type { Metrics } from './metrics.js';
import type { FaceId, TextStyle, Theme } from '../model/theme.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { language } from '../3-typography/languages/index.js';

/** Widths are sums of floating-point numbers: overflowing by less than this (points) still fits. */
const FIT_TOLERANCE = 0.01;

/**
 * Words for the line breakers: styled runs cut at breakable spaces, each word in pieces of one face
 * (fallback fonts included), measured, with the places it may be hyphenated or cut.
 */

/** How a run is set apart from the text around it (inline HTML): all optional, absent in running text. */
export interface Look {
  /** Share of the style's size (`<small>`, `<sub>`, `<sup>`). */
  size?: number;
  /** Baseline shift, in ems of the style's size, upwards (`<sup>`) or downwards (negative, `<sub>`). */
  rise?: number;
  /** Drawn behind the text: a key's thin box (`<kbd>`) or a highlight (`<mark>`). */
  box?: 'kbd' | 'mark';
}

/** A piece of a word in one face and look (a word may change style or fall back to another font mid-way). */
export interface Piece extends Look {
  text: string;
  face: FaceId;
  link?: string;
  width: number;
}

/** `<small>` text, and sub- and superscripts (smaller again), as shares of the size; their baseline shifts. */
const SMALL = 0.85;
const SCRIPT = 0.7;
const SUP_RISE = 0.35;
const SUB_RISE = -0.15;

function lookOf(run: Inline): Look {
  const size = (run.small ? SMALL : 1) * (run.sub || run.sup ? SCRIPT : 1);
  const look: Look = {};
  if (size !== 1) look.size = size;
  if (run.sup) look.rise = SUP_RISE;
  else if (run.sub) look.rise = SUB_RISE;
  if (run.kbd) look.box = 'kbd';
  else if (run.mark) look.box = 'mark';
  return look;
}

/** Whether two pieces are set alike (one fragment may hold both). */
export const sameLook = (a: Look, b: Look) => a.size === b.size && a.rise === b.rise && a.box === b.box;

export interface Word {
  pieces: Piece[];
  width: number;
  /** The breakable space after the word (0 at the end of a paragraph). */
  spaceAfter: number;
  spaceFace: FaceId;
  /** The space after the word is inside a key or a highlight (`<mark>two words</mark>`). */
  spaceBox?: Look['box'];
  hardBreakAfter: boolean;
}

export interface BreakOptions {
  style: TextStyle;
  width: number;
  metrics: Metrics;
  lang: string;
  hyphenate?: Hyphenator;
  source: SourcePos;
  align?: TextStyle['align'];
  /** Faces tried, in order, for a character the style's face lacks. */
  fallback?: Theme['fallback'];
  /** Characters no font can set are collected here (all of them, for one report); without it, the first fails. */
  missing?: MissingChars;
}

/** Each character no font of its stack has, with the first place it occurs. */
export type MissingChars = Map<string, SourcePos>;

function faceOf(style: TextStyle, run: Inline): FaceId {
  if (run.code) return 'mono';
  if (run.bold && run.italic) return style.boldItalic ?? style.bold ?? style.face;
  if (run.bold) return style.bold ?? style.face;
  if (run.italic) return style.italic ?? style.face;
  return style.face;
}

/** Which face of a stack draws each character, memoised per metrics object (a few hundred characters). */
const coverage = new WeakMap<Metrics, WeakMap<Theme['fallback'], Map<FaceId, Map<number, FaceId | null>>>>();

function faceFor(face: FaceId, cp: number, metrics: Metrics, fallback: Theme['fallback']): FaceId | null {
  let byStack = coverage.get(metrics);
  if (!byStack) coverage.set(metrics, (byStack = new WeakMap()));
  let byFace = byStack.get(fallback);
  if (!byFace) byStack.set(fallback, (byFace = new Map()));
  let known = byFace.get(face);
  if (!known) byFace.set(face, (known = new Map()));
  let f = known.get(cp);
  if (f === undefined) {
    f = [face, ...(fallback[face] ?? [])].find((s) => metrics.has(s, cp)) ?? null;
    known.set(cp, f);
  }
  return f;
}

const NO_FALLBACK: Theme['fallback'] = {};

/** Split text into pieces by the first face of the stack that can draw each character. */
function pieces(text: string, face: FaceId, link: string | undefined, look: Look, o: BreakOptions): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let current: FaceId | null = null;
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = faceFor(face, cp, o.metrics, o.fallback ?? NO_FALLBACK);
    if (!f) {
      if (!o.missing) failMissing(new Map([[ch, o.source]]));
      if (!o.missing.has(ch)) o.missing.set(ch, o.source);
      i += ch.length;
      continue;
    }
    if (f !== current) {
      if (current) out.push({ text: text.slice(start, i), face: current, link, ...look, width: 0 });
      current = f;
      start = i;
    }
    i += ch.length;
  }
  if (current) out.push({ text: text.slice(start), face: current, link, ...look, width: 0 });
  for (const p of out) p.width = measure(p.text, p.face, o, p.size);
  return out;
}

/** Stop the build naming every character that cannot be set, each at its first place. */
export function failMissing(missing: MissingChars): never {
  const list = [...missing].map(([ch, at]) => `  "${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${at.file}:${at.line}:${at.col}`);
  const [first] = missing.values();
  fail(
    `${missing.size} character${missing.size > 1 ? 's' : ''} cannot be set: no font has ${missing.size > 1 ? 'them' : 'it'}\n${list.join('\n')}`,
    first,
    'Replace them, or set a font folder that has them in content/zine.yml (theme: fonts:), see README.',
  );
}

/** `size`: a share of the style's size (a piece's Look). */
export function measure(text: string, face: FaceId, o: BreakOptions, size = 1): number {
  const s = o.style;
  return o.metrics.width(face, text) * s.size * size + (s.tracking ?? 0) * [...text].length;
}

/** Runs of styled text -> words with their widths and the breakable spaces between them. */
export function toWords(runs: Inline[], o: BreakOptions): Word[] {
  const words: Word[] = [];
  let cur: Piece[] = [];
  const end = (space: number, spaceFace: FaceId, hard = false, spaceBox?: Look['box']) => {
    if (cur.length) {
      words.push({ pieces: cur, width: cur.reduce((a, p) => a + p.width, 0), spaceAfter: space, spaceFace, ...(spaceBox ? { spaceBox } : {}), hardBreakAfter: hard });
      cur = [];
    } else if (hard && words.length) words[words.length - 1].hardBreakAfter = true;
    else if (words.length && space) words[words.length - 1].spaceAfter = space;
  };
  for (const run of runs) {
    const face = faceOf(o.style, run);
    const look = lookOf(run);
    let text = run.text.replace(/[\u00ad\u200b]/g, '').replace(/\t/g, ' ');
    if (o.style.uppercase) text = text.toLocaleUpperCase(language(o.lang).uppercase);
    for (const token of text.split(/( +|\n)/)) {
      if (!token) continue;
      if (token === '\n') end(0, face, true);
      else if (token[0] === ' ') end(measure(' ', face, o, look.size), face, false, look.box);
      else cur.push(...pieces(token, face, run.link, look, o));
    }
  }
  end(0, o.style.face);
  if (words.length) words[words.length - 1].spaceAfter = 0;
  return words;
}

/** Break `word` after `offset` characters; the head gets a hyphen unless it already ends with one. */
export function splitWord(word: Word, offset: number, hyphen: boolean, o: BreakOptions): [Word, Word] {
  const head: Piece[] = [];
  const tail: Piece[] = [];
  let seen = 0;
  for (const p of word.pieces) {
    const chars = [...p.text];
    if (seen + chars.length <= offset) head.push(p);
    else if (seen >= offset) tail.push(p);
    else {
      const cut = offset - seen;
      const a = chars.slice(0, cut).join('');
      const b = chars.slice(cut).join('');
      const wa = measure(a, p.face, o, p.size);
      head.push({ ...p, text: a, width: wa });
      // Widths add up (advance widths), so the tail needs no measuring: a long word cut many times
      // stays linear.
      tail.push({ ...p, text: b, width: p.width - wa });
    }
    seen += chars.length;
  }
  const last = head[head.length - 1];
  if (hyphen && !/[-‐–]$/.test(last.text)) {
    head[head.length - 1] = { ...last, text: last.text + '-', width: measure(last.text + '-', last.face, o, last.size) };
  }
  const sum = (ps: Piece[]) => ps.reduce((a, p) => a + p.width, 0);
  return [
    { pieces: head, width: sum(head), spaceAfter: 0, spaceFace: word.spaceFace, hardBreakAfter: false },
    { ...word, pieces: tail, width: sum(tail) },
  ];
}

/** How many characters of a word fit the line, at least one: one pass over its characters. */
export function cutToFit(word: Word, o: BreakOptions): number {
  let width = 0;
  let k = 0;
  for (const p of word.pieces) {
    for (const ch of p.text) {
      width += measure(ch, p.face, o, p.size);
      if (width > o.width + FIT_TOLERANCE) return Math.max(1, k);
      k++;
    }
  }
  return Math.max(1, k - 1);
}

/** Offsets where a word may break: hyphenation points, and after its own hyphens and slashes. */
export function breakPoints(word: Word, o: BreakOptions): { at: number; hyphen: boolean }[] {
  const text = word.pieces.map((p) => p.text).join('');
  const chars = [...text];
  const points: { at: number; hyphen: boolean }[] = [];
  const isLink = word.pieces.some((p) => p.link);
  for (let i = 2; i < chars.length - 1; i++) {
    if (chars[i - 1] === '-' || (isLink && chars[i - 1] === '/')) points.push({ at: i, hyphen: false });
  }
  if (o.hyphenate && o.style.hyphenate && !isLink && word.pieces.every((p) => p.face !== 'mono')) {
    // Hyphenate each hyphen-free part separately so compounds keep their own hyphens.
    let offset = 0;
    for (const part of text.split('-')) {
      const letters = /^([^\p{L}]*)([\p{L}’'·]+)([^\p{L}]*)$/u.exec(part);
      // Inclusive forms (militant·e·s) stay whole; so do proper nouns, except in German where every noun is capitalised.
      const properNoun = letters && /^\p{Lu}/u.test(letters[2]) && !language(o.lang).properNounsHyphenate;
      if (letters && !letters[2].includes('·') && !properNoun) {
        const pre = [...letters[1]].length;
        for (const p of o.hyphenate(letters[2])) points.push({ at: offset + pre + p, hyphen: true });
      }
      offset += [...part].length + 1;
    }
  }
  return points.sort((a, b) => b.at - a.at);
}
