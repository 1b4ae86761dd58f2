import { buildLine, type Line } from './lineBreak.js';
import { breakPoints, headOf, measure, splitWord, type BreakOptions, type Word } from './words.js';
import { work } from './work.js';

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
/** How far a space may stretch and shrink, as a share of its width (TeX: a third and a half of it). */
const SPACE_STRETCH = 0.6;
const SPACE_SHRINK = 0.3;
/** A line this close to the measure (points) with nothing to shrink is exact. */
const EXACT = 0.01;

/**
 * Knuth and Plass's total-fit line breaking, simplified: choose the breaks of the whole paragraph that
 * minimise the sum of squared badness (how far each line's spaces stretch or shrink), with penalties
 * for hyphens, for two hyphenated lines in a row and for a tight line next to a loose one. Widths are
 * additive (advance widths), so a line's width is a difference of running sums.
 */
export function totalFit(words: Word[], o: BreakOptions, tolerance: number): Line[] | null {
  const n = words.length;
  if (n === 0) return [];
  // Running sums: x[w] where word w starts; stretch/shrink of the spaces before word w.
  // Code's own spaces neither stretch nor shrink; fixed[w] is what they would stretch if they did,
  // to rate how ragged a line of code alone is.
  const x: number[] = [0];
  const st: number[] = [0];
  const sh: number[] = [0];
  const fixed: number[] = [0];
  for (let w = 0; w < n; w++) {
    const glue = words[w].fixedSpace ? 0 : words[w].spaceAfter;
    x.push(x[w] + words[w].width + words[w].spaceAfter);
    st.push(st[w] + glue * SPACE_STRETCH);
    sh.push(sh[w] + glue * SPACE_SHRINK);
    fixed.push(fixed[w] + (words[w].spaceAfter - glue) * SPACE_STRETCH);
  }
  const bps: Breakpoint[] = [{ w: 0, at: 0, hyphen: false, penalty: 0, forced: false, head: 0, hyphenWidth: 0 }];
  for (let w = 0; w < n; w++) {
    const word = words[w];
    for (const p of breakPoints(word, o).reverse()) {
      const head = headOf(word, p.at, o);
      const hw = p.hyphen ? measure('-', head.end.face, o, head.end.size) : 0;
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

  // Each line's ends, once per breakpoint: the inner loop below runs for every (active node,
  // breakpoint) pair, some twenty per breakpoint in a long paragraph.
  const starts = bps.map(start);
  const ends = bps.map(end);
  const lastWords = bps.map(lastWord);

  let active: Node[] = [{ bp: 0, line: 0, total: 0, fitness: 1, prev: null }];
  // The best way to reach the current break with lines of each looseness (fitness class), and the
  // order the classes were first reached in (ties keep the first).
  const best: (Node | undefined)[] = [undefined, undefined, undefined, undefined];
  const classes: number[] = [];
  for (let i = 1; i < bps.length; i++) {
    const b = bps[i];
    const lw = lastWords[i];
    const last = b.forced; // the paragraph end or a hard line break: not justified
    const final = i === bps.length - 1;
    work.breaksWeighed += active.length;
    // Nodes too far back for any later line (it would have to shrink past its limit) are dropped,
    // the others kept in order, in place.
    let kept = 0;
    for (let k = 0; k < active.length; k++) {
      const a = active[k];
      const natural = ends[i] - starts[a.bp];
      const first = bps[a.bp].w;
      const stretch = lw > first ? st[lw] - st[first] : 0;
      const shrink = lw > first ? sh[lw] - sh[first] : 0;
      let ratio: number;
      if (last) ratio = natural <= o.width ? 0 : shrink > 0 ? (o.width - natural) / shrink : -Infinity;
      // A line of code alone has nothing to stretch: it is set ragged, rated as if its spaces stretched
      // (the fuller the better), and never refused.
      else if (natural < o.width) ratio = stretch > 0 ? (o.width - natural) / stretch : lw > first && fixed[lw] > fixed[first] ? Math.min(tolerance, (o.width - natural) / (fixed[lw] - fixed[first])) : Infinity;
      else ratio = shrink > 0 ? (o.width - natural) / shrink : natural - o.width < EXACT ? 0 : -Infinity;
      if (ratio >= -1) active[kept++] = a;
      if (ratio < -1 || ratio > tolerance) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (1 + badness + b.penalty) ** 2;
      const A = bps[a.bp];
      if (b.hyphen && A.hyphen) demerits += FLAGGED_DEMERITS;
      // A paragraph's last line should not be the end of a hyphenated word.
      if (final && A.hyphen) demerits += FINAL_HYPHEN_DEMERITS;
      // Nor a very short last line (a runt) after other lines, when the lines above can take it.
      if (final && a.bp !== 0 && natural < RUNT * o.width) demerits += RUNT_DEMERITS;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += FITNESS_DEMERITS;
      const total = a.total + demerits;
      const known = best[fitness];
      if (!known) classes.push(fitness);
      if (!known || known.total > total) best[fitness] = { bp: i, line: a.line + 1, total, fitness, prev: a };
    }
    active.length = last ? 0 : kept;
    for (const c of classes) {
      active.push(best[c]!);
      best[c] = undefined;
    }
    classes.length = 0;
    if (active.length === 0) return null;
    if (last && !final) {
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
      ws.push(word); // the last word keeps its space after: it is drawn, for text read without positions
    }
    lines.push(buildLine(ws, k === chain.length - 1 || B.forced, o));
  }
  return lines;
}
