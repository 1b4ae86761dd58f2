import { fail, type SourcePos } from '../errors.js';
import type { Inline } from '../model/document.js';
import type { Metrics } from './metrics.js';
import { FALLBACK, type FaceId, type TextStyle } from './style.js';
import type { Hyphenator } from '../typography/hyphenate.js';

/** A piece of a word in one face (a word may change style or fall back to another font mid-way). */
interface Piece {
  text: string;
  face: FaceId;
  link?: string;
  width: number;
}

interface Word {
  pieces: Piece[];
  width: number;
  /** The breakable space after the word (0 at the end of a paragraph). */
  spaceAfter: number;
  spaceFace: FaceId;
  hardBreakAfter: boolean;
}

export interface Fragment {
  x: number;
  text: string;
  face: FaceId;
  width: number;
  link?: string;
  wordSpacing?: number;
}

export interface Line {
  /** Width available to the line, and what its words take before justification. */
  measure: number;
  natural: number;
  fragments: Fragment[];
  links: { x: number; w: number; url: string }[];
}

export interface BreakOptions {
  style: TextStyle;
  width: number;
  metrics: Metrics;
  lang: string;
  hyphenate?: Hyphenator;
  source: SourcePos;
  align?: TextStyle['align'];
  /** Characters no font can set are collected here (all of them, for one report); without it, the first fails. */
  missing?: MissingChars;
}

/** Each character no font of its stack has, with the first place it occurs. */
export type MissingChars = Map<string, SourcePos>;

const SPECIAL_SPACE = /[\u00a0\u202f\t]/;

function faceOf(style: TextStyle, run: Inline): FaceId {
  if (run.code) return 'mono';
  if (run.bold && run.italic) return style.boldItalic ?? style.bold ?? style.face;
  if (run.bold) return style.bold ?? style.face;
  if (run.italic) return style.italic ?? style.face;
  return style.face;
}

/** Which face of a stack draws each character, memoised per metrics object (a few hundred characters). */
const coverage = new WeakMap<Metrics, Map<FaceId, Map<number, FaceId | null>>>();

function faceFor(face: FaceId, cp: number, metrics: Metrics): FaceId | null {
  let byFace = coverage.get(metrics);
  if (!byFace) coverage.set(metrics, (byFace = new Map()));
  let known = byFace.get(face);
  if (!known) byFace.set(face, (known = new Map()));
  let f = known.get(cp);
  if (f === undefined) {
    f = [face, ...(FALLBACK[face] ?? [])].find((s) => metrics.has(s, cp)) ?? null;
    known.set(cp, f);
  }
  return f;
}

/** Split text into pieces by the first face of the stack that can draw each character. */
function pieces(text: string, face: FaceId, link: string | undefined, o: BreakOptions): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  let current: FaceId | null = null;
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = faceFor(face, cp, o.metrics);
    if (!f) {
      if (!o.missing) failMissing(new Map([[ch, o.source]]));
      if (!o.missing.has(ch)) o.missing.set(ch, o.source);
      i += ch.length;
      continue;
    }
    if (f !== current) {
      if (current) out.push({ text: text.slice(start, i), face: current, link, width: 0 });
      current = f;
      start = i;
    }
    i += ch.length;
  }
  if (current) out.push({ text: text.slice(start), face: current, link, width: 0 });
  for (const p of out) p.width = measure(p.text, p.face, o);
  return out;
}

/** Stop the build naming every character that cannot be set, each at its first place. */
export function failMissing(missing: MissingChars): never {
  const list = [...missing].map(([ch, at]) => `  "${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${at.file}:${at.line}:${at.col}`);
  const [first] = missing.values();
  fail(
    `${missing.size} character${missing.size > 1 ? 's' : ''} cannot be set: no font has ${missing.size > 1 ? 'them' : 'it'}\n${list.join('\n')}`,
    first,
    'Replace them, or add a font that has them to fonts/ and to the font stacks in src/layout/style.ts.',
  );
}

function measure(text: string, face: FaceId, o: BreakOptions): number {
  const s = o.style;
  return o.metrics.width(face, text) * s.size + (s.tracking ?? 0) * [...text].length;
}

/** Runs of styled text -> words with their widths and the breakable spaces between them. */
export function toWords(runs: Inline[], o: BreakOptions): Word[] {
  const words: Word[] = [];
  let cur: Piece[] = [];
  const end = (space: number, spaceFace: FaceId, hard = false) => {
    if (cur.length) {
      words.push({ pieces: cur, width: cur.reduce((a, p) => a + p.width, 0), spaceAfter: space, spaceFace, hardBreakAfter: hard });
      cur = [];
    } else if (hard && words.length) words[words.length - 1].hardBreakAfter = true;
    else if (words.length && space) words[words.length - 1].spaceAfter = space;
  };
  for (const run of runs) {
    const face = faceOf(o.style, run);
    let text = run.text.replace(/[\u00ad\u200b]/g, '').replace(/\t/g, ' ');
    if (o.style.uppercase) text = text.toLocaleUpperCase(o.lang);
    for (const token of text.split(/( +|\n)/)) {
      if (!token) continue;
      if (token === '\n') end(0, face, true);
      else if (token[0] === ' ') end(measure(' ', face, o), face);
      else cur.push(...pieces(token, face, run.link, o));
    }
  }
  end(0, o.style.face);
  if (words.length) words[words.length - 1].spaceAfter = 0;
  return words;
}

/** Break `word` after `offset` characters; the head gets a hyphen unless it already ends with one. */
function splitWord(word: Word, offset: number, hyphen: boolean, o: BreakOptions): [Word, Word] {
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
      const wa = measure(a, p.face, o);
      head.push({ ...p, text: a, width: wa });
      // Widths add up (advance widths), so the tail needs no measuring: a long word cut many times
      // stays linear.
      tail.push({ ...p, text: b, width: p.width - wa });
    }
    seen += chars.length;
  }
  const last = head[head.length - 1];
  if (hyphen && !/[-‐–]$/.test(last.text)) {
    head[head.length - 1] = { ...last, text: last.text + '-', width: measure(last.text + '-', last.face, o) };
  }
  const sum = (ps: Piece[]) => ps.reduce((a, p) => a + p.width, 0);
  return [
    { pieces: head, width: sum(head), spaceAfter: 0, spaceFace: word.spaceFace, hardBreakAfter: false },
    { ...word, pieces: tail, width: sum(tail) },
  ];
}

/** How many characters of a word fit the line, at least one: one pass over its characters. */
function cutToFit(word: Word, o: BreakOptions): number {
  let width = 0;
  let k = 0;
  for (const p of word.pieces) {
    for (const ch of p.text) {
      width += measure(ch, p.face, o);
      if (width > o.width + 0.01) return Math.max(1, k);
      k++;
    }
  }
  return Math.max(1, k - 1);
}

/** Offsets where a word may break: hyphenation points, and after its own hyphens and slashes. */
function breakPoints(word: Word, o: BreakOptions): { at: number; hyphen: boolean }[] {
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
      const properNoun = letters && /^\p{Lu}/u.test(letters[2]) && !o.lang.startsWith('de');
      if (letters && !letters[2].includes('·') && !properNoun) {
        const pre = [...letters[1]].length;
        for (const p of o.hyphenate(letters[2])) points.push({ at: offset + pre + p, hyphen: true });
      }
      offset += [...part].length + 1;
    }
  }
  return points.sort((a, b) => b.at - a.at);
}

/**
 * First-fit line breaking with hyphenation: words fill a line; the word that overflows is hyphenated at
 * the last point that fits, and a word wider than a whole line is cut where it must be.
 */
export function breakLines(runs: Inline[], o: BreakOptions): Line[] {
  const words = toWords(runs, o);
  if ((o.align ?? o.style.align) === 'justify') {
    // Total fit first (loose tolerance on a second try); first fit only when nothing fits at all.
    const lines = totalFit(words, o, 2) ?? totalFit(words, o, 6);
    if (lines) return lines;
  }
  return firstFit(words, o);
}

function firstFit(words: Word[], o: BreakOptions): Line[] {
  const lines: Line[] = [];
  let cur: Word[] = [];
  let width = 0;
  const push = (last: boolean) => {
    lines.push(buildLine(cur, last, o));
    cur = [];
    width = 0;
  };
  for (let i = 0; i < words.length; ) {
    const w = words[i];
    const gap = cur.length ? cur[cur.length - 1].spaceAfter : 0;
    const room = o.width - width - gap;
    if (w.width <= room + 0.01) {
      cur.push(w);
      width += gap + w.width;
      i++;
      if (w.hardBreakAfter) push(true);
      continue;
    }
    const split = breakPoints(w, o)
      .map((p) => splitWord(w, p.at, p.hyphen, o))
      .find(([head]) => head.width <= room + 0.01);
    if (split) {
      cur.push(split[0]);
      push(false);
      words[i] = split[1];
      continue;
    }
    if (!cur.length) {
      // A word wider than the line (a long URL, a 5,000-letter word): cut it at the last character that fits.
      const [head, tail] = splitWord(w, cutToFit(w, o), false, o);
      cur.push(head);
      push(false);
      words[i] = tail;
      continue;
    }
    push(false);
  }
  if (cur.length) push(true);
  return lines;
}

function buildLine(words: Word[], last: boolean, o: BreakOptions): Line {
  const gaps = words.length - 1;
  let natural = 0;
  words.forEach((w, i) => (natural += w.width + (i < gaps ? w.spaceAfter : 0)));
  const align = o.align ?? o.style.align;
  let extra = 0;
  let x = 0;
  // Justified lines are spread to the measure; a last line only ever shrinks (total fit may set it
  // a little over its natural width, never leave it sticking out).
  if (align === 'justify' && gaps > 0 && (!last || natural > o.width)) {
    extra = (o.width - natural) / gaps;
    // A line too loose to justify well reads better ragged.
    if (extra > 2.2 * (o.style.size * 0.26)) extra = 0;
  } else if (align === 'center') x = (o.width - natural) / 2;
  const fragments: Fragment[] = [];
  const fragmentLinks: (string | undefined)[] = [];
  const links: Line['links'] = [];
  words.forEach((w, wi) => {
    w.pieces.forEach((p, pi) => {
      const prev = fragments[fragments.length - 1];
      // Words of one face join into one fragment (pdfkit spreads them with wordSpacing), which keeps
      // the PDF small and its text extractable as sentences. Special spaces would be stretched by
      // pdfkit too, so words holding them stay apart on justified lines.
      const canMerge =
        prev !== undefined &&
        pi === 0 &&
        wi > 0 &&
        words[wi - 1].pieces[words[wi - 1].pieces.length - 1].face === prev.face &&
        prev.face === p.face &&
        words[wi - 1].spaceFace === p.face &&
        fragmentLinks[fragmentLinks.length - 1] === p.link &&
        (extra === 0 || !SPECIAL_SPACE.test(p.text + prev.text));
      if (canMerge) {
        prev.text += ' ' + p.text;
        prev.width = x + p.width - prev.x;
        if (extra) prev.wordSpacing = extra;
      } else {
        fragments.push({ x, text: p.text, face: p.face, width: p.width, ...(p.link ? { link: p.link } : {}) });
        fragmentLinks.push(p.link);
      }
      if (p.link) {
        const l = links[links.length - 1];
        if (l && l.url === p.link && pi + wi > 0) l.w = x + p.width - l.x;
        else links.push({ x, w: p.width, url: p.link });
      }
      x += p.width;
    });
    x += w.spaceAfter + extra;
  });
  return { measure: o.width, natural, fragments, links };
}

/** A place where a paragraph may break: after word `w` (a space), or inside it at `at` characters. */
interface Breakpoint {
  w: number;
  at: number; // 0: the space before word w (w = words.length: the paragraph end)
  hyphen: boolean;
  penalty: number;
  forced: boolean;
  /** Width of word w's head up to the break (inside a word), hyphen not included. */
  head: number;
  hyphenWidth: number;
}

interface Node {
  bp: number;
  line: number;
  total: number;
  fitness: number;
  prev: Node | null;
}

const HYPHEN_PENALTY = 50;
const FLAGGED_DEMERITS = 3000;
const FITNESS_DEMERITS = 3000;
const FINAL_HYPHEN_DEMERITS = 100_000;
const RUNT = 0.15;
const RUNT_DEMERITS = 100_000;

/**
 * Knuth and Plass's total-fit line breaking, simplified: choose the breaks of the whole paragraph that
 * minimise the sum of squared badness (how far each line's spaces stretch or shrink), with penalties
 * for hyphens, for two hyphenated lines in a row and for a tight line next to a loose one. Widths are
 * additive (advance widths), so a line's width is a difference of running sums.
 */
function totalFit(words: Word[], o: BreakOptions, tolerance: number): Line[] | null {
  const n = words.length;
  if (n === 0) return [];
  // Running sums: x[w] where word w starts; stretch/shrink of the spaces before word w.
  const x: number[] = [0];
  const st: number[] = [0];
  const sh: number[] = [0];
  for (let w = 0; w < n; w++) {
    x.push(x[w] + words[w].width + words[w].spaceAfter);
    st.push(st[w] + words[w].spaceAfter * 0.6);
    sh.push(sh[w] + words[w].spaceAfter * 0.3);
  }
  const bps: Breakpoint[] = [{ w: 0, at: 0, hyphen: false, penalty: 0, forced: false, head: 0, hyphenWidth: 0 }];
  for (let w = 0; w < n; w++) {
    const word = words[w];
    for (const p of breakPoints(word, o).reverse()) {
      const [head] = splitWord(word, p.at, false, o);
      const hw = p.hyphen ? measure('-', head.pieces[head.pieces.length - 1].face, o) : 0;
      bps.push({ w, at: p.at, hyphen: p.hyphen, penalty: HYPHEN_PENALTY, forced: false, head: head.width, hyphenWidth: hw });
    }
    if (w + 1 < n) bps.push({ w: w + 1, at: 0, hyphen: false, penalty: 0, forced: word.hardBreakAfter, head: 0, hyphenWidth: 0 });
  }
  bps.push({ w: n, at: 0, hyphen: false, penalty: 0, forced: true, head: 0, hyphenWidth: 0 });

  const start = (b: Breakpoint) => (b.at === 0 ? x[b.w] : x[b.w] + b.head);
  // Where a line ending at b ends: the end of the previous word (the space is dropped), or the head.
  const end = (b: Breakpoint) => (b.at === 0 ? x[b.w] - (b.w > 0 ? words[b.w - 1].spaceAfter : 0) : x[b.w] + b.head + b.hyphenWidth);
  // Spaces inside a line from a to b: those before words a.w+1 .. last word of the line.
  const lastWord = (b: Breakpoint) => (b.at === 0 ? b.w - 1 : b.w);

  let active: Node[] = [{ bp: 0, line: 0, total: 0, fitness: 1, prev: null }];
  for (let i = 1; i < bps.length; i++) {
    const b = bps[i];
    const candidates: Node[] = [];
    const keep: Node[] = [];
    for (const a of active) {
      const A = bps[a.bp];
      const natural = end(b) - start(A);
      const lw = lastWord(b);
      const first = A.w;
      const stretch = lw > first ? st[lw] - st[first] : 0;
      const shrink = lw > first ? sh[lw] - sh[first] : 0;
      const last = b.forced; // the paragraph end or a hard line break: not justified
      let ratio: number;
      if (last) ratio = natural <= o.width ? 0 : shrink > 0 ? (o.width - natural) / shrink : -Infinity;
      else if (natural < o.width) ratio = stretch > 0 ? (o.width - natural) / stretch : Infinity;
      else ratio = shrink > 0 ? (o.width - natural) / shrink : natural - o.width < 0.01 ? 0 : -Infinity;
      if (ratio >= -1) keep.push(a);
      if (ratio < -1 || ratio > tolerance) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (1 + badness + b.penalty) ** 2;
      if (b.hyphen && A.hyphen) demerits += FLAGGED_DEMERITS;
      // A paragraph's last line should not be the end of a hyphenated word.
      if (i === bps.length - 1 && A.hyphen) demerits += FINAL_HYPHEN_DEMERITS;
      // Nor a very short last line (a runt) after other lines, when the lines above can take it.
      if (i === bps.length - 1 && a.bp !== 0 && natural < RUNT * o.width) demerits += RUNT_DEMERITS;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += FITNESS_DEMERITS;
      candidates.push({ bp: i, line: a.line + 1, total: a.total + demerits, fitness, prev: a });
    }
    active = b.forced ? [] : keep;
    if (candidates.length) {
      // One node per fitness class: the best way to reach this break with lines of that looseness.
      const best = new Map<number, Node>();
      for (const c of candidates) if (!best.has(c.fitness) || best.get(c.fitness)!.total > c.total) best.set(c.fitness, c);
      active.push(...best.values());
    }
    if (active.length === 0) return null;
    if (b.forced && i < bps.length - 1) {
      // A hard line break: everything after starts from the best node here.
      const bestHere = active.reduce((p, c) => (c.total < p.total ? c : p));
      active = [bestHere];
    }
  }
  const final = active.filter((a) => a.bp === bps.length - 1);
  if (!final.length) return null;
  const chain: number[] = [];
  for (let node: Node | null = final.reduce((p, c) => (c.total < p.total ? c : p)); node; node = node.prev) chain.unshift(node.bp);

  // Rebuild the lines' words, splitting the words broken inside.
  const lines: Line[] = [];
  for (let k = 1; k < chain.length; k++) {
    const A = bps[chain[k - 1]];
    const B = bps[chain[k]];
    const ws: Word[] = [];
    for (let w = A.w; w <= lastWord(B); w++) {
      let word = words[w];
      if (w === B.w && B.at > 0) word = splitWord(word, B.at, B.hyphen, o)[0];
      if (w === A.w && A.at > 0) {
        const offset = A.at;
        const tail = splitWord(words[w], offset, false, o)[1];
        word = w === B.w && B.at > 0 ? splitWord(tail, B.at - offset, B.hyphen, o)[0] : tail;
      }
      ws.push(w === lastWord(B) ? { ...word, spaceAfter: 0 } : word);
    }
    lines.push(buildLine(ws, k === chain.length - 1 || B.forced, o));
  }
  return lines;
}
