import { ZineError, ZineErrors, type SourcePos } from '../errors.js';
import type { Inline } from '../model/document.js';
import type { Metrics } from './metrics.js';
import { trackingOf, type FaceId, type TextStyle, type Theme } from '../model/theme.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { language, numeral } from '../3-typography/languages/index.js';
import { showsUrl, urlShape } from './links.js';
import { bidiLevels, mirrored } from './bidi.js';

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
  /** Inline code: it breaks at its own spaces and after / . - and is never hyphenated. */
  code?: boolean;
  width: number;
  /** Ends with the hyphen added where the word is broken: printed, but not part of the text read. */
  hyphen?: true;
  /** The language of a `<span lang>`, for the structure (tagged PDF). */
  lang?: string;
  /**
   * Right-to-left paragraphs only: the bidirectional embedding level of every character of the piece
   * (odd: right to left), and the text to copy where brackets are drawn mirrored ("(" drawn as ")").
   */
  level?: number;
  actual?: string;
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
  /** The space after is code's own spacing: never stretched or shrunk by justification. */
  fixedSpace?: boolean;
  /** The space after the word is inside a key or a highlight (`<mark>two words</mark>`). */
  spaceBox?: Look['box'];
  hardBreakAfter: boolean;
  /** An address: where its scheme and domain end (characters), for its breaks. */
  url?: { scheme: number; host: number };
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

export function faceFor(face: FaceId, cp: number, metrics: Metrics, fallback: Theme['fallback']): FaceId | null {
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

/** Joiners (ZWNJ in Persian words) and combining marks belong to the shaping of the letter before them. */
const STAYS_WITH_LETTER = /[\p{M}\u200c\u200d]/u;

/**
 * Text cut where the drawing face changes: each character goes to the first face of the stack that
 * has it; one no face has is left out and recorded in `missing` (or fails at once without it).
 */
export function faceRuns(text: string, face: FaceId, o: Pick<BreakOptions, 'metrics' | 'fallback' | 'missing' | 'source'>): { text: string; face: FaceId }[] {
  const out: { text: string; face: FaceId }[] = [];
  let start = 0;
  let current: FaceId | null = null;
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f: FaceId | null = current && STAYS_WITH_LETTER.test(ch) && o.metrics.has(current, cp) ? current : faceFor(face, cp, o.metrics, o.fallback ?? NO_FALLBACK);
    if (!f) {
      if (!o.missing) failMissing(new Map([[ch, o.source]]));
      if (!o.missing.has(ch)) o.missing.set(ch, o.source);
      i += ch.length;
      continue;
    }
    if (f !== current) {
      if (current) out.push({ text: text.slice(start, i), face: current });
      current = f;
      start = i;
    }
    i += ch.length;
  }
  if (current) out.push({ text: text.slice(start), face: current });
  return out;
}

/**
 * Split text into pieces by the first face of the stack that can draw each character, and, in a
 * right-to-left paragraph, where the bidirectional level changes (`levels` from the paragraph's text,
 * `at` the text's offset in it): each piece then runs one way only.
 */
function pieces(text: string, face: FaceId, run: Inline, look: Look, o: BreakOptions, levels?: Uint8Array, at = 0): Piece[] {
  const link = run.link;
  const code = run.code ? { code: true } : {};
  const lang = run.lang ? { lang: run.lang } : {};
  let out: Piece[] = faceRuns(text, face, o).map((r) => ({ text: r.text, face: r.face, link, ...code, ...lang, ...look, width: 0 }));
  if (levels) {
    // Characters no font has are left out of the pieces: each piece is found in the text from where the last ended.
    let from = 0;
    out = out.flatMap((p) => {
      const i = text.indexOf(p.text, from);
      from = i + p.text.length;
      return byLevel(p, levels, at + i);
    });
  }
  for (const p of out) p.width = measure(p.text, p.face, o, p.size);
  return out;
}

/** A piece cut where its characters' levels change; right-to-left parts draw mirrored brackets. */
function byLevel(p: Piece, levels: Uint8Array, at: number): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (let i = 1; i <= p.text.length; i++) {
    if (i < p.text.length && levels[at + i] === levels[at + start]) continue;
    const text = p.text.slice(start, i);
    const level = levels[at + start];
    const drawn = level % 2 ? mirrored(text) : text;
    out.push(drawn === text ? { ...p, text, level } : { ...p, text: drawn, level, actual: text });
    start = i;
  }
  return out;
}

/** Arabic letters and their presentation forms: set by the Arabic face (theme: fonts: arabic:). */
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/;
/** Hebrew, Syriac, Thaana, N'Ko, Samaritan, Mandaic: right-to-left scripts with no font or shaping here yet. */
const OTHER_RIGHT_TO_LEFT = /[\u0590-\u05ff\u0700-\u074f\u0780-\u085f\ufb1d-\ufb4f]/;

/** Every character that cannot be set, each at its first place: one error per file, naming them all. */
export function missingCharErrors(missing: MissingChars): ZineError[] {
  const byFile = new Map<string, [string, SourcePos][]>();
  for (const [ch, at] of missing) byFile.set(at.file, [...(byFile.get(at.file) ?? []), [ch, at]]);
  return [...byFile.values()].map((chars) => {
    const list = chars.map(([ch, at]) => `  "${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${at.file}:${at.line}:${at.col}`);
    return new ZineError(
      `${chars.length} character${chars.length > 1 ? 's' : ''} cannot be set: no font has ${chars.length > 1 ? 'them' : 'it'}\n${list.join('\n')}`,
      chars[0][1],
      hintFor(chars.map(([ch]) => ch).join('')),
    );
  });
}

function hintFor(chars: string): string {
  if (OTHER_RIGHT_TO_LEFT.test(chars)) return 'Hebrew, Syriac, Thaana and N\'Ko cannot be set yet: zine sets Arabic and Persian only among right-to-left scripts. Remove them, or build this language later.';
  if (ARABIC.test(chars)) return 'Arabic letters are set in the Arabic font folder: restore fonts/noto-sans-arabic/, or name a folder with Arabic letters in content/zine.yml (theme: fonts: arabic:), see README.';
  return 'Replace them, or set a font folder that has them in content/zine.yml (theme: fonts:), see README.';
}

/** Stop the build naming every character that cannot be set. */
export function failMissing(missing: MissingChars): never {
  const errors = missingCharErrors(missing);
  throw errors.length === 1 ? errors[0] : new ZineErrors(errors);
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A footnote's number raised: in superscript digits where the face stack has them, else in brackets.
 * A language with digits of its own (Persian) has no superscript forms: its digits are set small and
 * raised, as `<sup>` (toWords).
 */
function noteNumber(text: string, face: FaceId, o: BreakOptions): string {
  if (language(o.lang).digits) return numeral(Number(text), o.lang);
  const raised = text.replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
  return [...raised].every((ch) => faceFor(face, ch.codePointAt(0)!, o.metrics, o.fallback ?? NO_FALLBACK)) ? raised : `[${text}]`;
}

/** `size`: a share of the style's size (a piece's Look). */
export function measure(text: string, face: FaceId, o: BreakOptions, size = 1): number {
  const s = o.style;
  return o.metrics.width(face, text) * s.size * size + trackingOf(s, face) * [...text].length;
}

/** A run's text as it is set: soft hyphens dropped, capitals, a note's number raised. */
function setTextOf(run: Inline, o: BreakOptions): string {
  const face = faceOf(o.style, run);
  let text = run.text.replace(/[\u00ad\u200b]/g, '').replace(/\t/g, ' ');
  // Text set in capitals keeps a URL as written: its path is case-sensitive.
  if (o.style.uppercase) text = text.replace(/\S+/g, (t) => (isUrl(t, run.link) ? t : t.toLocaleUpperCase(language(o.lang).uppercase)));
  if (run.note) text = noteNumber(text, face, o);
  return text;
}

/** Runs of styled text -> words with their widths and the breakable spaces between them. */
export function toWords(runs: Inline[], o: BreakOptions): Word[] {
  const words: Word[] = [];
  let cur: Piece[] = [];
  const end = (space: number, spaceFace: FaceId, hard = false, fixed = false, spaceBox?: Look['box']) => {
    if (cur.length) {
      const text = cur.map((p) => p.text).join('');
      const url = isUrl(text, cur.find((p) => p.link)?.link) ? { url: urlShape(text) } : {};
      words.push({ pieces: cur, width: cur.reduce((a, p) => a + p.width, 0), spaceAfter: space, spaceFace, ...(fixed ? { fixedSpace: true } : {}), ...(spaceBox ? { spaceBox } : {}), hardBreakAfter: hard, ...url });
      cur = [];
    } else if (hard && words.length) words[words.length - 1].hardBreakAfter = true;
    else if (words.length && space) words[words.length - 1].spaceAfter = space;
  };
  const texts = runs.map((run) => setTextOf(run, o));
  // A right-to-left language's paragraph gets its levels once, from all its text (UAX #9).
  const levels = language(o.lang).rtl ? bidiLevels(texts.join('')) : undefined;
  let at = 0;
  runs.forEach((run, k) => {
    const face = faceOf(o.style, run);
    const look = lookOf(run.note && language(o.lang).digits ? { ...run, sup: true } : run);
    for (const token of texts[k].split(/( +|\n)/)) {
      if (!token) continue;
      if (token === '\n') end(0, face, true);
      // Code keeps its own spacing, every space of it; a space of running text is one, and stretches.
      else if (token[0] === ' ') end(measure(run.code ? token : ' ', face, o, look.size), face, false, run.code, look.box);
      else cur.push(...pieces(token, face, run, look, o, levels, at));
      at += token.length;
    }
  });
  end(0, o.style.face);
  if (words.length) words[words.length - 1].spaceAfter = 0;
  return words;
}

/** A word that is an address: one with a scheme, or the text of a link that shows its own URL. */
function isUrl(text: string, link: string | undefined): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || (link !== undefined && showsUrl(text, link));
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
      // Mirrored brackets are one character for one: the copy text is cut at the same place.
      const copy = p.actual === undefined ? undefined : [...p.actual];
      head.push({ ...p, text: a, width: wa, ...(copy ? { actual: copy.slice(0, cut).join('') } : {}) });
      // Widths add up (advance widths), so the tail needs no measuring: a long word cut many times
      // stays linear.
      tail.push({ ...p, text: b, width: p.width - wa, ...(copy ? { actual: copy.slice(cut).join('') } : {}) });
    }
    seen += chars.length;
  }
  const last = head[head.length - 1];
  if (hyphen && !/[-‐–]$/.test(last.text)) {
    head[head.length - 1] = { ...last, text: last.text + '-', width: measure(last.text + '-', last.face, o, last.size), hyphen: true };
  }
  const sum = (ps: Piece[]) => ps.reduce((a, p) => a + p.width, 0);
  // The rest of an address keeps what is left of its scheme and domain.
  const url = word.url && { url: { scheme: Math.max(0, word.url.scheme - offset), host: Math.max(0, word.url.host - offset) } };
  return [
    { pieces: head, width: sum(head), spaceAfter: 0, spaceFace: word.spaceFace, hardBreakAfter: false },
    { ...word, pieces: tail, width: sum(tail), ...url },
  ];
}

/**
 * The width of `word`'s first `offset` characters and the piece they end in (for the hyphen's face
 * and size): what `splitWord(word, offset, false, o)[0]` measures, without building its pieces, for
 * total fit, which asks it at every place every word may break.
 */
export function headOf(word: Word, offset: number, o: BreakOptions): { width: number; end: Piece } {
  let width = 0;
  let seen = 0;
  let end = word.pieces[0];
  for (const p of word.pieces) {
    const n = p.text.length === 1 ? 1 : [...p.text].length;
    if (seen >= offset) break;
    end = p;
    if (seen + n <= offset) width += p.width;
    else width += measure([...p.text].slice(0, offset - seen).join(''), p.face, o, p.size);
    seen += n;
  }
  return { width, end };
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

/** After these characters a URL may break, past its domain; code, after these in a long token. */
const URL_BREAK_AFTER = new Set(['/', '?', '&', '=', '#']);
const CODE_BREAK_AFTER = new Set(['/', '.', '-']);
/** A code token wider than this share of the line is long enough to break inside. */
const LONG_CODE_SHARE = 0.25;

/**
 * Offsets where a word may break: hyphenation points, and after its own hyphens (never with a hyphen
 * added). An address breaks only after / ? & = # in its path (or after its scheme), never inside its
 * domain; code breaks after / . - as well.
 */
export function breakPoints(word: Word, o: BreakOptions): BreakPoint[] {
  const text = word.pieces.length === 1 ? word.pieces[0].text : word.pieces.map((p) => p.text).join('');
  const isLink = word.pieces.some((p) => p.link);
  const isCode = word.pieces.some((p) => p.code);
  // A plain word's points depend on its letters, its language and its hyphenator only: the same words
  // come back in every paragraph and every layout pass, so they are found once.
  if (isLink || isCode || word.url) return findBreakPoints(word, text, isLink, isCode, o);
  const hyphenate = o.hyphenate && o.style.hyphenate && word.pieces.every((p) => p.face !== 'mono') ? o.hyphenate : NO_HYPHENATION;
  let byLang = plainPoints.get(hyphenate);
  if (!byLang) plainPoints.set(hyphenate, (byLang = new Map()));
  let known = byLang.get(o.lang);
  if (!known) byLang.set(o.lang, (known = new Map()));
  let points = known.get(text);
  if (!points) known.set(text, (points = findBreakPoints(word, text, false, false, { ...o, hyphenate })));
  return [...points];
}

export interface BreakPoint {
  at: number;
  hyphen: boolean;
}

const NO_HYPHENATION: Hyphenator = () => [];
/** Plain words' break points, by hyphenator, language and text. */
const plainPoints = new WeakMap<Hyphenator, Map<string, Map<string, BreakPoint[]>>>();

function findBreakPoints(word: Word, text: string, isLink: boolean, isCode: boolean, o: BreakOptions): BreakPoint[] {
  const chars = [...text];
  const points: BreakPoint[] = [];
  // Code breaks inside a token only when the token is long: a short one moves to the next line whole.
  const longCode = isCode && word.width > o.width * LONG_CODE_SHARE;
  const url = word.url;
  if (url) {
    if (url.scheme > 0 && url.scheme < chars.length - 1) points.push({ at: url.scheme, hyphen: false });
    for (let i = url.host + 1; i < chars.length - 1; i++) if (URL_BREAK_AFTER.has(chars[i - 1])) points.push({ at: i, hyphen: false });
    return points.sort((a, b) => b.at - a.at);
  }
  for (let i = 2; i < chars.length - 1; i++) {
    const c = chars[i - 1];
    // A run of dashes (`--user`) stays whole.
    const dash = c === '-' && chars[i] !== '-' && chars[i - 2] !== '-';
    if (dash || (isLink && c === '/') || (longCode && c !== '-' && CODE_BREAK_AFTER.has(c))) points.push({ at: i, hyphen: false });
  }
  if (o.hyphenate && o.style.hyphenate && !isLink && !isCode && word.pieces.every((p) => p.face !== 'mono')) {
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
