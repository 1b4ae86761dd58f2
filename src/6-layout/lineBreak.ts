/** Line breaking: words (words.ts) into lines of positioned fragments, justified or ragged. */
import type { Inline } from '../model/document.js';
import type { FaceId } from '../model/theme.js';
import { totalFit } from './totalFit.js';
import { breakPoints, cutToFit, sameLook, splitWord, toWords, type BreakOptions, type Look, type Word } from './words.js';

export { failMissing, missingCharErrors, type BreakOptions, type MissingChars } from './words.js';

const SPECIAL_SPACE = /[\u00a0\u202f\t]/;

/** Widths are sums of floating-point numbers: a word that overflows by less than this (points) fits. */
export const FIT_TOLERANCE = 0.01;

/**
 * A justified line whose spaces would stretch past this many times a normal space's stretch (a
 * quarter of the type size, stretching by up to 2.2 of it) reads better ragged.
 */
const MAX_SPACE_STRETCH = 2.2;
const SPACE_SHARE_OF_SIZE = 0.26;

export interface Fragment extends Look {
  x: number;
  text: string;
  face: FaceId;
  width: number;
  link?: string;
  wordSpacing?: number;
  /** A word space follows (inside the line, or where the line breaks): drawn as a glyph, see TextItem. */
  spaceAfter?: true;
  hyphen?: true;
  lang?: string;
  /** Right-to-left paragraphs: bidirectional level, and logical text of a right-to-left fragment (words.ts Piece). */
  level?: number;
  actual?: string;
}

export interface Line {
  /** Width available to the line, and what its words take before justification. */
  measure: number;
  natural: number;
  fragments: Fragment[];
  links: { x: number; w: number; url: string }[];
  /** Keys' boxes and highlights behind the text, each spanning its run (the spaces inside it too). */
  boxes: { x: number; w: number; box: NonNullable<Look['box']>; size: number }[];
}

/**
 * A paragraph's lines: total fit (Knuth–Plass, totalFit.ts) for justified text, first fit for ragged
 * text (headings, captions) and whenever no total-fit solution exists.
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

/**
 * First fit with hyphenation: words fill a line; the word that overflows is hyphenated at the last
 * point that fits, and a word wider than a whole line is cut where it must be.
 */
export function firstFit(input: readonly Word[], o: BreakOptions): Line[] {
  // Words split at a line end are replaced by their tails in a copy: the caller's words stay whole.
  const words = [...input];
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
    if (w.width <= room + FIT_TOLERANCE) {
      cur.push(w);
      width += gap + w.width;
      i++;
      if (w.hardBreakAfter) push(true);
      continue;
    }
    const split = breakPoints(w, o)
      .map((p) => splitWord(w, p.at, p.hyphen, o))
      .find(([head]) => head.width <= room + FIT_TOLERANCE);
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

/** A piece's look, without the keys it does not set (fragments of running text stay as they were). */
function lookOf(p: Look): Look {
  return { ...(p.size ? { size: p.size } : {}), ...(p.rise ? { rise: p.rise } : {}), ...(p.box ? { box: p.box } : {}) };
}

export function buildLine(words: Word[], last: boolean, o: BreakOptions): Line {
  const gaps = words.length - 1;
  let natural = 0;
  // Only the spaces of running text are stretched: code keeps its own spacing.
  let flexible = 0;
  words.forEach((w, i) => {
    natural += w.width + (i < gaps ? w.spaceAfter : 0);
    if (i < gaps && !w.fixedSpace) flexible++;
  });
  const align = o.align ?? o.style.align;
  let extra = 0;
  let x = 0;
  // Justified lines are spread to the measure; a last line only ever shrinks (total fit may set it
  // a little over its natural width, never leave it sticking out).
  if (align === 'justify' && flexible > 0 && (!last || natural > o.width)) {
    extra = (o.width - natural) / flexible;
    // A line too loose to justify well reads better ragged.
    if (extra > MAX_SPACE_STRETCH * (o.style.size * SPACE_SHARE_OF_SIZE)) extra = 0;
  } else if (align === 'center') x = (o.width - natural) / 2;
  else if (align === 'right') x = Math.max(0, o.width - natural);
  const fragments: Fragment[] = [];
  const fragmentLinks: (string | undefined)[] = [];
  const links: Line['links'] = [];
  const boxes: Line['boxes'] = [];
  let open: Look['box']; // the box of the previous piece, which this one extends if it has the same
  words.forEach((w, wi) => {
    w.pieces.forEach((p, pi) => {
      const prev = fragments[fragments.length - 1];
      // Words of one face join into one fragment (pdfkit spreads them with wordSpacing), which keeps
      // the PDF small and its text extractable as sentences. Special spaces would be stretched by
      // pdfkit too, so words holding them stay apart on justified lines; so do code's words, whose
      // spaces (one or several) are placed as they are.
      const canMerge =
        prev !== undefined &&
        pi === 0 &&
        wi > 0 &&
        !words[wi - 1].fixedSpace &&
        words[wi - 1].pieces[words[wi - 1].pieces.length - 1].face === prev.face &&
        prev.face === p.face &&
        words[wi - 1].spaceFace === p.face &&
        fragmentLinks[fragmentLinks.length - 1] === p.link &&
        sameLook(prev, p) &&
        prev.lang === p.lang &&
        // Right-to-left words stay apart: pdfkit would set a justified run's words left to right.
        prev.level === p.level &&
        (p.level ?? 0) % 2 === 0 &&
        (extra === 0 || !SPECIAL_SPACE.test(p.text + prev.text));
      if (canMerge) {
        prev.text += ' ' + p.text;
        prev.width = x + p.width - prev.x;
        delete prev.spaceAfter; // the space is inside its text now
        if (p.hyphen) prev.hyphen = true;
        if (extra) prev.wordSpacing = extra;
      } else {
        const bidi = { ...(p.level !== undefined ? { level: p.level } : {}), ...(p.actual !== undefined ? { actual: p.actual } : {}) };
        fragments.push({ x, text: p.text, face: p.face, width: p.width, ...(p.link ? { link: p.link } : {}), ...(p.hyphen ? { hyphen: true as const } : {}), ...(p.lang ? { lang: p.lang } : {}), ...lookOf(p), ...bidi });
        fragmentLinks.push(p.link);
      }
      if (p.box) {
        const b = boxes[boxes.length - 1];
        if (open === p.box) b.w = x + p.width - b.x;
        else boxes.push({ x, w: p.width, box: p.box, size: p.size ?? 1 });
      }
      open = p.box;
      if (p.link) {
        const l = links[links.length - 1];
        if (l && l.url === p.link && pi + wi > 0) l.w = x + p.width - l.x;
        else links.push({ x, w: p.width, url: p.link });
      }
      x += p.width;
    });
    // Only the fragment that ends the word can be followed by its space (drawn as a glyph, see TextItem).
    const last = fragments[fragments.length - 1];
    delete last.spaceAfter;
    // Right to left, extractors see no space between words set apart (a right-to-left word, a change of
    // direction): the space is drawn, at the level of the words around it (left to right only between
    // two such words). Two left-to-right words of one fragment have theirs in it.
    const next = words[wi + 1]?.pieces[0];
    const before = w.pieces[w.pieces.length - 1];
    const apart = before.level !== undefined && next?.level !== undefined && (before.level !== next.level || before.level % 2 === 1);
    if (apart && w.spaceAfter > 0) {
      const width = w.spaceAfter + (w.fixedSpace ? 0 : extra);
      fragments.push({ x, text: ' ', face: w.spaceFace, width, level: Math.min(before.level!, next!.level!) });
      fragmentLinks.push(undefined);
    } else if (w.spaceAfter > 0 && last.level === undefined) last.spaceAfter = true; // left-to-right paragraphs
    x += w.spaceAfter + (w.fixedSpace ? 0 : extra);
    if (w.spaceBox !== open) open = undefined;
  });
  return { measure: o.width, natural, fragments, links, boxes };
}
