/**
 * Shaped runs kept between builds (src/fonts/shapedRuns.ts, used by fontMetrics.ts for the display and
 * Arabic faces), against fontkit shaping the same text in a font object of its own: the same glyphs,
 * characters and positions whether shaped or read back, and whatever was shaped before.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { DEFAULT_FACES } from '../../src/4-theme/design.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import type { FaceId } from '../../src/model/theme.js';
import { REPO, cleanup, tempDir } from '../safety/helpers.js';

afterAll(cleanup);

/** A font set of its own (fontSet keeps one per folder): its fonts folder a link to ours. */
function freshSet() {
  const dir = join(tempDir('zine-fonts-'), 'fonts');
  symlinkSync(join(REPO, 'fonts'), dir);
  return fontSet(dir);
}

interface Glyphs {
  ids: number[];
  codePoints: number[][];
  positions: number[][];
  width: number;
}
const plain = (run: { glyphs: { id: number; codePoints: number[] }[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]; advanceWidth: number }): Glyphs => ({
  ids: run.glyphs.map((g) => g.id),
  codePoints: run.glyphs.map((g) => [...g.codePoints]),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  width: run.advanceWidth,
});

/** fontkit's answer in a font object that has shaped nothing else: each glyph's characters are this use's. */
function fontkitAlone(face: FaceId, text: string): Glyphs {
  const font = fontkit.openSync(join(REPO, 'fonts', DEFAULT_FACES[face])) as fontkit.Font & { layout(t: string, f?: unknown, s?: unknown, l?: unknown, d?: string): never };
  const rtl = /[\u0600-\u06ff]/.test(text);
  return plain(font.layout(text, undefined, undefined, undefined, rtl ? undefined : 'ltr'));
}

const WORDS: [FaceId, string][] = [
  ['display', 'SESSIONS'],
  ['display', 'AVANT DE COMMENCER'],
  ['arabic', 'الاجتماعات'],
  ['arabic', 'لأنّ'],
  ['arabic-bold', 'المشفّرة'],
];

let cache: string;
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.ZINE_CACHE;
  cache = tempDir('zine-shaped-');
  process.env.ZINE_CACHE = cache;
});
afterEach(() => {
  if (saved === undefined) delete process.env.ZINE_CACHE;
  else process.env.ZINE_CACHE = saved;
});

describe('kept shaped runs', () => {
  it("shape as fontkit does, then read back the same in another build's font set", () => {
    const first = freshSet();
    for (const [face, text] of WORDS) expect(plain(first.shape(face, text)), `${face} ${text}`).toEqual(fontkitAlone(face, text));
    first.keepShapedRuns();
    const files = readdirSync(join(cache, 'shaped-runs'));
    expect(files).toHaveLength(3); // display, arabic, arabic-bold
    const second = freshSet();
    for (const [face, text] of WORDS) expect(plain(second.shape(face, text)), `${face} ${text}, read back`).toEqual(fontkitAlone(face, text));
    // Read back, not shaped: fontkit's shaping tables were never decoded by this set's fonts.
    const decoded = (face: FaceId) => Object.keys((second.pdfFont(face) as { _tables: object })._tables);
    for (const face of ['display', 'arabic', 'arabic-bold'] as const) expect(decoded(face), face).not.toContain('GSUB');
  });

  it("a glyph's characters are its own use's, whatever was shaped before", () => {
    // Noto Sans Arabic draws heh (U+0647) and its isolated presentation form (U+FEE9) with one glyph:
    // fontkit alone keeps the characters of that glyph's first use and hands them to every later run.
    const font = fontkit.openSync(join(REPO, 'fonts', DEFAULT_FACES.arabic)) as fontkit.Font;
    const glyph = (t: string) => (font.layout(t) as unknown as { glyphs: { id: number; codePoints: number[] }[] }).glyphs[0];
    expect(glyph('\ufee9').id).toBe(glyph('\u0647').id);
    expect(glyph('\u0647').codePoints, 'fontkit, after the presentation form').toEqual([0xfee9]);
    const set = freshSet();
    set.shape('arabic', '\ufee9');
    const run = plain(set.shape('arabic', '\u0647'));
    expect(run).toEqual(fontkitAlone('arabic', '\u0647'));
    expect(run.codePoints).toEqual([[0x647]]);
    set.keepShapedRuns();
    const again = freshSet();
    expect(plain(again.shape('arabic', '\u0647')).codePoints).toEqual([[0x647]]);
    expect(plain(again.shape('arabic', '\ufee9')).codePoints).toEqual([[0xfee9]]);
  });

  it('a damaged or foreign kept file is shaped again, to the same runs', () => {
    const first = freshSet();
    for (const [face, text] of WORDS) first.shape(face, text);
    first.keepShapedRuns();
    const dir = join(cache, 'shaped-runs');
    const [a, b, c] = readdirSync(dir);
    writeFileSync(join(dir, a), '{"SESSIONS": [');
    writeFileSync(join(dir, b), JSON.stringify(Object.fromEntries(WORDS.map(([, t]) => [t, ['', [1, 2], ['x'], [0]]]))));
    writeFileSync(join(dir, c), '[]');
    const again = freshSet();
    for (const [face, text] of WORDS) expect(plain(again.shape(face, text)), `${face} ${text}`).toEqual(fontkitAlone(face, text));
  });

  it('without a cache folder nothing is kept', () => {
    delete process.env.ZINE_CACHE;
    const set = freshSet();
    set.shape('display', 'SESSIONS');
    set.keepShapedRuns();
    mkdirSync(join(cache, 'x'));
    expect(readdirSync(cache)).toEqual(['x']);
  });
});
