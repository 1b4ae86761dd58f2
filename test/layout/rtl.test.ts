/**
 * Right-to-left setting. Shaping is checked glyph for glyph against HarfBuzz (harfbuzzjs, an
 * independent shaper); line order against what UAX #9 says of the raw text (the first Arabic word at
 * the right, a Latin phrase inside read left to right); mirrored pages by geometry (fakeMetrics).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { breakLines } from '../../src/6-layout/lineBreak.js';
import { toFlowLines } from '../../src/6-layout/text.js';
import { mirrorPages } from '../../src/6-layout/mirror.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { PageModel, TextItem } from '../../src/model/page.js';

const FONTS = join(import.meta.dirname, '../../fonts');
const theme = defaultTheme();

/** Words with joining forms, lam-alef, marks, Persian letters, a ZWNJ and Persian digits. */
const WORDS = ['مقدمة', 'لا', 'السلام', 'الإنترنت', 'المشفَّر', 'بدلًا', 'فيتولّاها', 'سازمان‌دهی', 'همهٔ', 'گزارش', '۱۰', 'كلمة'];

describe('Arabic shaping', () => {
  it('gives the glyphs and advances HarfBuzz gives, word for word', async () => {
    const mod = hb as unknown as { default?: unknown };
    const lib = (typeof mod.default === 'function' ? await (mod.default as () => Promise<typeof hb>)() : hb) as typeof hb;
    const file = theme.faces.arabic;
    const font = new lib.Font(new lib.Face(new lib.Blob(readFileSync(join(FONTS, file)))));
    const ours = fontSet(FONTS, theme.faces);
    for (const word of WORDS) {
      const buf = new lib.Buffer();
      buf.addText(word);
      buf.guessSegmentProperties();
      // Digits read left to right even in Arabic script (the bidi algorithm's business, not the shaper's).
      if (!/\p{L}/u.test(word)) buf.setDirection(lib.Direction.LTR);
      lib.shape(font, buf);
      const theirs = buf.getGlyphInfos().map((g) => g.codepoint);
      const advance = buf.getGlyphPositions().reduce((a, p) => a + p.xAdvance, 0);
      const run = ours.shape('arabic', word);
      expect(run.glyphs.map((g) => g.id), word).toEqual(theirs);
      expect(run.advanceWidth, word).toBe(advance);
    }
  });
});

describe('a right-to-left line', () => {
  const style = { ...theme.styles.body, align: 'left' as const };
  const text = 'أولا نستعمل Signal Android 10 ثم نكتب';
  // A link on "Android" sets it apart: the phrase is three fragments, to be put in order.
  const runs = [{ text: 'أولا نستعمل Signal ' }, { text: 'Android', link: 'https://example.org' }, { text: ' 10 ثم نكتب' }];
  const lines = breakLines(runs, { style, width: 1000, metrics: fakeMetrics(), lang: 'ar', source: { file: 't', line: 1, col: 1 } });
  const W = 1200;
  const page: PageModel = { width: W, height: 800, lang: 'ar', title: '', pages: [{ index: 0, kind: 'body', folio: 1, items: toFlowLines(lines, style, fakeMetrics(), theme.colors)[0].items }], outline: [], warnings: [] };
  const items = mirrorPages(page).pages[0].items.filter((i): i is TextItem => i.type === 'text' && i.text.trim() !== '');
  // A word's fragment (left-to-right words of one face share one).
  const xOf = (word: string) => items.find((i) => i.text.split(' ').includes(word))!.x;

  it('starts at the right with its first word and ends at the left with its last', () => {
    const words = text.split(' ');
    expect(Math.max(...items.map((i) => i.x + i.width))).toBeCloseTo(W, 6);
    expect(xOf(words[0])).toBe(Math.max(...items.map((i) => i.x)));
    expect(xOf(words[words.length - 1])).toBe(Math.min(...items.map((i) => i.x)));
  });

  it('keeps a left-to-right phrase inside in its own order, numbers too', () => {
    const latin = items.filter((i) => /[A-Za-z0-9]/.test(i.text)).sort((a, b) => a.x - b.x).map((i) => i.text).join(' ');
    expect(latin.split(/\s+/)).toEqual(['Signal', 'Android', '10']);
    // The link's box goes with its word.
    const link = mirrorPages(page).pages[0].items.find((i) => i.type === 'link')!;
    expect(link.x).toBeCloseTo(xOf('Android'), 6);
    // ... and the phrase sits between the Arabic words around it, as one block.
    expect(xOf('Signal')).toBeGreaterThan(xOf('ثم'));
    expect(xOf('10')).toBeLessThan(xOf('نستعمل'));
  });

  it('never overlaps two words', () => {
    const sorted = [...items].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].x).toBeGreaterThanOrEqual(sorted[i - 1].x + sorted[i - 1].width - 1e-6);
  });
});

describe('a mirrored page', () => {
  const W = 400;
  const page: PageModel = {
    width: W,
    height: 600,
    lang: 'ar',
    title: '',
    outline: [],
    warnings: [],
    pages: [
      {
        index: 0,
        kind: 'body',
        folio: 1,
        items: [
          { type: 'rect', x: 10, y: 10, w: 20, h: 5, fill: '#000000' },
          { type: 'text', x: 30, y: 40, text: 'نص', face: 'arabic', size: 10, color: '#000000', width: 40 },
          { type: 'qr', x: 5, y: 60, size: 30, modules: [[true]], color: '#000000' },
          { type: 'path', x: 50, y: 60, scale: 7, span: 7, d: 'M0 0H1V1H0Z', fill: '#000000' },
          // An SVG figure: a shape clipped to its box, and a label inside it.
          { type: 'path', x: 110, y: 100, scale: 1, d: 'M0 0H10V10H0Z', fill: '#000000', clip: { x: 100, y: 100, w: 200, h: 100 } },
          { type: 'text', x: 150, y: 150, text: 'label', face: 'body', size: 8, color: '#000000', width: 50 },
        ],
      },
    ],
  };
  const before = page.pages[0].items;
  const after = mirrorPages(page).pages[0].items;
  const extent = (i: (typeof before)[number]) => (i.type === 'text' ? i.width : i.type === 'qr' ? i.size : i.type === 'path' ? (i.clip?.w ?? i.span ?? 0) : i.w);

  it('puts every mark at the other side: its right edge where its left edge was from the other edge', () => {
    for (const k of [0, 1, 2, 3]) expect(after[k].x + extent(after[k]), after[k].type).toBeCloseTo(W - before[k].x, 9);
  });

  it("moves an SVG figure's shapes and text together with its box, the drawing unflipped", () => {
    const [shape, label] = [after[4], after[5]] as [Extract<(typeof after)[number], { type: 'path' }>, TextItem];
    expect(shape.clip!.x + shape.clip!.w).toBeCloseTo(W - 100, 9);
    expect(shape.x - shape.clip!.x).toBeCloseTo(10, 9);
    expect(label.x - shape.clip!.x).toBeCloseTo(50, 9);
    expect(shape.transform).toBeUndefined();
  });

  it('is its own inverse', () => {
    expect(mirrorPages(mirrorPages(page))).toEqual(page);
  });
});
