import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { FaceId, Theme } from '../model/theme.js';
import type { Metrics } from '../6-layout/metrics.js';
import { fail } from '../errors.js';
import { DEFAULT_FACES } from '../4-theme/design.js';
import { mirrored } from '../6-layout/bidi.js';
import { fontKey, KeptSubset, subsetCacheDir } from './subsetCache.js';
import { KeptRuns, type RunData } from './shapedRuns.js';

type Font = fontkit.Font;

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
/** What fontkit's layout returns, and what pdfkit reads from it. */
export interface ShapedRun {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
  /** fontkit's shaping: 'rtl' when it put the glyphs of a right-to-left run in drawing order. */
  direction?: 'ltr' | 'rtl';
}

/** A letter written invisible for extractors; a mark's own glyph is then drawn as a shape (`ink`). */
export interface HiddenLetter {
  letter: number;
  /** The mark's outline (SVG path, font units, y up) at x, y from the run's start, in an em of `em`. */
  ink?: { d: string; x: number; y: number; em: number };
}

/**
 * A glyph's place in a run written in logical order. `hidden`: a letter no visible glyph carries,
 * written in the font's hidden variant (see `pdfFont`). Not enumerable: pdfkit scales every
 * enumerable field of a position.
 */
export type PlacedPosition = Position & { drawn: number; hidden?: HiddenLetter };

/**
 * A right-to-left run as pdfkit should write it: glyphs in logical order, each placed at its drawn
 * position by an offset (no advance). Text extractors that read a PDF's glyphs in the order they are
 * written (mupdf, viewers' copy) get the words in reading order. `drawn` keeps each glyph's real
 * advance for the run's width. A joiner (ZWNJ) comes out of fontkit as a space of no width: it is
 * left out, or extractors would read a space inside the word.
 *
 * poppler (pdftotext) reads by position instead: it spreads the letters of one glyph left to right
 * over its width and then reads the line right to left (لا came out as ال), and a mark drawn inside
 * its letter's box cuts the line in two. So a ligature (lam-alef) carries its first letter only, and
 * each further letter, and each mark, is written as a letter of no width, invisible, just left of the
 * glyph it follows, in the order of the text (a vowel inside لًا too); a mark's own glyph is drawn as
 * a shape. Both readers then read every letter once, in order.
 */
function logicalOrder(run: ShapedRun, text: string, em: number): { glyphs: Glyph[]; positions: PlacedPosition[] } {
  let x = 0;
  const placed = run.positions.map((p, i) => {
    const at = x + p.xOffset;
    x += p.xAdvance;
    return { glyph: run.glyphs[i], position: { ...p, xOffset: at, xAdvance: 0, drawn: p.xAdvance } as PlacedPosition };
  });
  const drawn = placed.filter((g) => !(g.position.drawn === 0 && g.glyph.codePoints.length === 1 && g.glyph.codePoints[0] === 0x20)).reverse();
  // fontkit caches one glyph object per glyph id with the code points of its first use: a mark made by
  // decomposing a letter (the hamza of أ) keeps none, and a later real U+0654 would copy as nothing. The
  // characters of the text no glyph claims go to the glyphs that claim none, in copies for pdfkit.
  const chars = [...text.replace(/[\u200c\u200d]/g, '')].map((c) => c.codePointAt(0)!);
  const left = [...chars];
  for (const g of drawn) for (const cp of g.glyph.codePoints) if (left.includes(cp)) left.splice(left.indexOf(cp), 1);
  const withCodePoints = (g: Glyph, codePoints: number[]): Glyph => Object.create(g, { codePoints: { value: codePoints } });
  type Item = { glyph: Glyph; position: PlacedPosition; reads: number; hidden?: HiddenLetter };
  const items: Item[] = drawn.flatMap(({ glyph, position }): Item[] => {
    const g = glyph.codePoints.length || !left.length ? glyph : withCodePoints(glyph, [left.shift()!]);
    const [first, ...rest] = g.codePoints;
    if (first !== undefined && position.drawn === 0 && !rest.length && MARK.test(String.fromCodePoint(first))) {
      const path = (glyph as Glyph & { path: { toSVG(): string } }).path.toSVG();
      return [{ glyph: g, position, reads: first, hidden: { letter: first, ink: { d: path, x: position.xOffset, y: position.yOffset, em } } }];
    }
    const visible = rest.length ? withCodePoints(g, [first]) : g;
    return [{ glyph: visible, position, reads: first }, ...rest.map((cp) => ({ glyph: visible, position, reads: cp, hidden: { letter: cp } }))];
  });
  // In the order of the text: each item at the first place of its letter not taken by one before it.
  // (An item whose letter the text lacks stays after the one before it.)
  const taken = new Set<number>();
  const order: number[] = [];
  items.forEach((item) => {
    const at = chars.findIndex((cp, k) => cp === item.reads && !taken.has(k));
    if (at >= 0) taken.add(at);
    order.push(at >= 0 ? at : (order[order.length - 1] ?? 0));
  });
  const sorted = items.map((item, i) => ({ item, at: order[i], i })).sort((a, b) => a.at - b.at || a.i - b.i).map((e) => e.item);
  // Hidden letters stand a hundredth of an em apart, left of the visible glyph they follow.
  let edge = 0;
  let k = 0;
  const positions = sorted.map(({ position, hidden }) => {
    if (!hidden) {
      edge = position.xOffset;
      k = 0;
      return position;
    }
    const p: PlacedPosition = { xAdvance: 0, yAdvance: 0, xOffset: edge - (++k * em) / 100, yOffset: 0, advanceWidth: 0, drawn: 0 };
    Object.defineProperty(p, 'hidden', { value: hidden, enumerable: false });
    return p;
  });
  return { glyphs: sorted.map((g) => g.glyph), positions };
}

interface Stream {
  pos: number;
  readInt32BE(): number;
  readInt16BE(): number;
  readUInt16BE(): number;
  readUInt32BE(): number;
  readBuffer(length: number): Uint8Array;
}

/**
 * A font's PostScript name (the only name pdfkit reads), from its own record of the name table: fontkit
 * decodes every record of the table first, in every language (14 ms for our fonts at every run). As
 * fontkit chooses: the last English record (Unicode, Macintosh or Windows en-US) of name 6; anything
 * else (no such record, a Macintosh name outside ASCII) is left to fontkit.
 */
function postScriptName(font: Font): string {
  const f = font as Font & { _getTableStream(tag: string): Stream | null; postscriptName: string };
  const stream = f._getTableStream('name');
  if (!stream) return f.postscriptName;
  const start = stream.pos;
  stream.readUInt16BE(); // format
  const count = stream.readUInt16BE();
  const strings = start + stream.readUInt16BE();
  let found: { platform: number; length: number; offset: number } | undefined;
  for (let i = 0; i < count; i++) {
    const [platform, , language, nameId, length, offset] = [0, 0, 0, 0, 0, 0].map(() => stream.readUInt16BE());
    const english = (platform === 0 && language === 0) || (platform === 1 && language === 0) || (platform === 3 && language === 0x409);
    if (nameId === 6 && english) found = { platform, length, offset };
  }
  if (!found) return f.postscriptName;
  stream.pos = strings + found.offset;
  const bytes = stream.readBuffer(found.length);
  if (found.platform === 1) return bytes.every((b) => b < 0x80) ? String.fromCharCode(...bytes) : f.postscriptName;
  let name = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) name += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return name;
}
/**
 * The numbers pdfkit reads from a font's post table (fixed pitch, italic angle), read from its header:
 * fontkit decodes the table whole, with a name for each glyph (20 ms for Noto Serif, at every run).
 */
function postHeader(font: Font) {
  const f = font as Font & { _getTableStream(tag: string): Stream | null; post: unknown };
  const stream = f._getTableStream('post');
  if (!stream) return f.post;
  stream.readInt32BE(); // version
  const italicAngle = stream.readInt32BE() / 65536; // Fixed 16.16
  const underlinePosition = stream.readInt16BE();
  const underlineThickness = stream.readInt16BE();
  return { italicAngle, underlinePosition, underlineThickness, isFixedPitch: stream.readUInt32BE() };
}
/** A glyph's advance from the hmtx table; fonts may store one for their last glyphs (monospaced tails). */
function hmtxAdvance(font: Font): (id: number) => number {
  const metrics = (font as Font & { hmtx: { metrics: { length: number; get(i: number): { advance: number } } } }).hmtx.metrics;
  return (id) => metrics.get(Math.min(id, metrics.length - 1)).advance;
}

/** A combining mark (Arabic vowels, shadda, hamza above). */
const MARK = /^\p{M}$/u;

/**
 * Display faces are set large, where kerning shows: they go through fontkit's full OpenType shaping.
 * Text faces use plain advance widths (cmap + hmtx), 50 to 300 times faster than shaping a word, and
 * at text sizes the missing kerning is invisible. Arabic must be shaped (joining forms, lam-alef, marks;
 * fontkit also puts a right-to-left run in drawing order). Either way layout and pdfkit use the same run.
 */
/** A letter of a right-to-left script. */
const RTL_LETTER = /(?=\p{L})[\p{sc=Arab}\p{sc=Hebr}\p{sc=Syrc}\p{sc=Thaa}\p{sc=Nkoo}]/u;

/** fontkit's layout with its optional arguments, which its type declarations leave out. */
type Layout = (text: string, features?: string[], script?: string, language?: string, direction?: 'ltr' | 'rtl') => unknown;

const SHAPED: ReadonlySet<FaceId> = new Set<FaceId>(['display', 'arabic', 'arabic-bold']);

export type FontVariant = 'hidden' | 'mirrored';

export type FontSet = Metrics & {
  path(face: FaceId): string;
  /**
   * The font object to hand to pdfkit: it lays out text exactly as layout measured it. Two variants,
   * each embedded apart: `hidden`, every letter of no width, for the letters written invisible (a
   * ligature's further letters, marks); `mirrored`, the glyphs of mirrored brackets read as the
   * brackets of the text (the glyph of ")" drawn for a right-to-left "(" copies as "(").
   */
  pdfFont(face: FaceId, variant?: FontVariant): unknown;
  shape(face: FaceId, text: string): ShapedRun;
  /** Writes the shaped runs this build added to those kept between builds (shapedRuns.ts). */
  keepShapedRuns(): void;
};

const sets = new Map<string, FontSet>();

/**
 * One parsed set of fonts per folder and choice of faces, shared by layout and render and by every
 * edition of a run. Without faces, our zine's.
 */
export function fontSet(fontsDir: string, faces: Theme['faces'] = DEFAULT_FACES): FontSet {
  const key = `${fontsDir}\0${JSON.stringify(faces)}`;
  let set = sets.get(key);
  if (!set) sets.set(key, (set = openFontSet(fontsDir, faces)));
  return set;
}

function openFontSet(fontsDir: string, FACES: Theme['faces']): FontSet {
  const fonts = new Map<FaceId, Font>();
  const runs = new Map<FaceId, Map<string, ShapedRun>>();
  const pdfFonts = new Map<string, unknown>();
  const glyphGetters = new Map<FaceId, (cp: number) => Glyph>();
  const open = (face: FaceId): Font => {
    let f = fonts.get(face);
    if (!f) {
      const path = join(fontsDir, FACES[face]);
      try {
        f = fontkit.openSync(path) as Font;
      } catch (e) {
        fail(`cannot read the font for "${face}": ${(e as Error).message.split('\n')[0]}`, { file: `fonts/${FACES[face]}` }, 'Restore fonts/ from the repository, or name another font folder in content/zine.yml (theme: fonts:).');
      }
      fonts.set(face, f);
      runs.set(face, new Map());
    }
    return f;
  };
  /**
   * Glyphs by code point, cached per face: a new word costs a few map lookups. Each glyph's advance is
   * read from the hmtx table: fontkit's glyph.advanceWidth decodes the glyph's outline first (for a
   * bounding box that only vertical metrics use), a third of layout's time in a fresh process.
   */
  const glyphs = (face: FaceId): ((cp: number) => Glyph) => {
    let get = glyphGetters.get(face);
    if (!get) {
      const font = open(face) as Font & { glyphForCodePoint(cp: number): Glyph };
      const advance = advances(face);
      const chars = new Map<number, Glyph>();
      get = (cp) => {
        let g = chars.get(cp);
        if (!g) {
          const glyph = font.glyphForCodePoint(cp);
          const advanceWidth = advance(glyph.id);
          // pdfkit reads a glyph's id, advance and characters: the font object stays behind for subsetting.
          chars.set(cp, (g = { id: glyph.id, advanceWidth, codePoints: glyph.codePoints }));
        }
        return g;
      };
      glyphGetters.set(face, get);
    }
    return get;
  };
  // fontkit reads unitsPerEm through a getter each time: layout asks for it once per word.
  const emSizes = new Map<FaceId, number>();
  const unitsPerEm = (face: FaceId): number => {
    let u = emSizes.get(face);
    if (u === undefined) emSizes.set(face, (u = open(face).unitsPerEm));
    return u;
  };
  const kept = new Map<FaceId, KeptRuns>();
  const keptRuns = (face: FaceId): KeptRuns => {
    let k = kept.get(face);
    if (!k) kept.set(face, (k = new KeptRuns(fontKey(open(face) as unknown as Parameters<typeof fontKey>[0]))));
    return k;
  };
  /**
   * A glyph as one use of it in a run: its characters are this use's, its advance the hmtx table's.
   * fontkit keeps one glyph object per id with the characters of its first use in the process (a
   * space and a no-break space drawn by one glyph): a run would depend on what was shaped before it.
   */
  const glyphUse = (face: FaceId, id: number, codePoints: number[]): Glyph => {
    const font = open(face);
    // fontkit's own getGlyph (shapeWithFontkit puts this function in its place while it shapes).
    const glyph = (Object.getPrototypeOf(font) as { getGlyph(id: number, cps?: number[]): Glyph }).getGlyph.call(font, id, codePoints);
    return Object.create(glyph, { codePoints: { value: codePoints }, advanceWidth: { value: advances(face)(id) } }) as Glyph;
  };
  const advanceGetters = new Map<FaceId, (id: number) => number>();
  const advances = (face: FaceId) => {
    let a = advanceGetters.get(face);
    if (!a) advanceGetters.set(face, (a = hmtxAdvance(open(face))));
    return a;
  };
  /** fontkit's OpenType shaping, with a glyph object per use (glyphUse); the run as plain data. */
  const shapeWithFontkit = (face: FaceId, text: string): RunData => {
    const font = open(face) as Font & { getGlyph?: unknown };
    font.getGlyph = (id: number, codePoints: number[] = []) => glyphUse(face, id, codePoints);
    try {
      // A run without right-to-left letters is set left to right: fontkit would reverse Persian digits
      // (their script is Arabic), which read left to right like any number (bidi.ts cuts them apart).
      const run = (font.layout as Layout).call(font, text, undefined, undefined, undefined, RTL_LETTER.test(text) ? undefined : 'ltr') as ShapedRun;
      return { ...(run.direction ? { direction: run.direction } : {}), ids: run.glyphs.map((g) => g.id), codePoints: run.glyphs.map((g) => g.codePoints), positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })) };
    } finally {
      delete font.getGlyph; // fontkit's own again
    }
  };
  const shape = (face: FaceId, text: string): ShapedRun => {
    open(face);
    const memo = runs.get(face)!;
    let run = memo.get(text);
    if (!run) {
      if (SHAPED.has(face)) {
        const keep = text.length <= 64 ? keptRuns(face) : undefined;
        let data = keep?.get(text);
        if (!data) {
          data = shapeWithFontkit(face, text);
          keep?.set(text, data);
        }
        const positions = data.positions.map((p) => ({ ...p }));
        let advanceWidth = 0;
        for (const p of positions) advanceWidth += p.xAdvance;
        run = { glyphs: data.ids.map((id, i) => glyphUse(face, id, data.codePoints[i])), positions: positions as Position[], advanceWidth, ...(data.direction ? { direction: data.direction } : {}) };
      } else {
        const glyphFor = glyphs(face);
        const list: Glyph[] = [];
        const positions: Position[] = [];
        let advanceWidth = 0;
        for (const ch of text) {
          const g = glyphFor(ch.codePointAt(0)!);
          list.push(g);
          positions.push({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: g.advanceWidth });
          advanceWidth += g.advanceWidth;
        }
        run = { glyphs: list, positions, advanceWidth };
      }
      if (text.length <= 64) memo.set(text, run); // words, not the odd 5,000-letter string
    }
    return run;
  };
  return {
    path: (face) => join(fontsDir, FACES[face]),
    shape,
    keepShapedRuns: () => {
      for (const k of kept.values()) k.save();
    },
    pdfFont(face, variant) {
      const name = variant ? `${face} ${variant}` : face;
      let f = pdfFonts.get(name);
      if (!f) {
        // pdfkit accepts any fontkit-like object; this one is the real font with our layout, so the
        // widths pdfkit draws are the widths layout measured, glyph for glyph.
        // pdfkit scales the positions of the run it gets in place, so each call gets fresh ones.
        // Its advanceWidth is read after pdfkit has scaled the positions to 1000 units per em (as
        // fontkit's own runs do): a fixed number would be in font units, wrong for fonts not drawn
        // on 1000 units (Inter: 2816), and pdfkit would stretch justified spaces by it.
        const layout = (text: string) => {
          if (variant === 'hidden') {
            const letters = [...text].map((c) => Object.create(glyphs(face)(c.codePointAt(0)!), { advanceWidth: { value: 0 }, codePoints: { value: [c.codePointAt(0)!] } }) as Glyph);
            return { glyphs: letters, positions: letters.map(() => ({ xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 0 })), advanceWidth: 0 };
          }
          const run = shape(face, text);
          const { glyphs: list, positions } = run.direction === 'rtl' ? logicalOrder(run, text, unitsPerEm(face)) : { glyphs: run.glyphs, positions: run.positions.map((p) => ({ ...p })) };
          return {
            glyphs: variant === 'mirrored' ? list.map((g) => Object.create(g, { codePoints: { value: [...mirrored(String.fromCodePoint(...g.codePoints))].map((c) => c.codePointAt(0)!) } }) as Glyph) : list,
            positions,
            get advanceWidth() {
              let w = 0;
              for (const p of positions as (Position & { drawn?: number })[]) w += p.drawn ?? p.xAdvance;
              return w;
            },
          };
        };
        const font = open(face);
        const name = postScriptName(font);
        // A variant is a font of its own in the PDF (pdfkit would take the face's own for one of its name).
        const kept = subsetCacheDir();
        const advance = advances(face);
        f = Object.create(font, {
          layout: { value: layout },
          postscriptName: { value: variant ? `${name}-${variant}` : name },
          post: { get: () => postHeader(font) },
          // pdfkit reads glyph 0's advance when it opens a font: from hmtx, not by decoding its outline.
          getGlyph: { value: (id: number, codePoints?: number[]) => (id === 0 ? { id, advanceWidth: advance(0), codePoints: codePoints ?? [] } : (font as Font & { getGlyph(id: number, cps?: number[]): Glyph }).getGlyph(id, codePoints)) },
          // Subsets are made from the font itself (its glyphs, not the ones above), kept between runs if it can.
          createSubset: { value: () => (kept ? new KeptSubset(font as unknown as ConstructorParameters<typeof KeptSubset>[0], kept) : (font as Font & { createSubset(): unknown }).createSubset()) },
        });
        pdfFonts.set(name, f);
      }
      return f;
    },
    // Layout measures every word and every hyphenated head: a text face's width is the sum of its
    // advances (as `shape` adds them up), without building a run that only render needs.
    width: (face, text) => {
      if (SHAPED.has(face)) return shape(face, text).advanceWidth / unitsPerEm(face);
      const glyphFor = glyphs(face);
      let advance = 0;
      for (const ch of text) advance += glyphFor(ch.codePointAt(0)!).advanceWidth;
      return advance / unitsPerEm(face);
    },
    has: (face, cp) => open(face).hasGlyphForCodePoint(cp),
    ascent: (face) => open(face).ascent / unitsPerEm(face),
    descent: (face) => open(face).descent / unitsPerEm(face),
  };
}
