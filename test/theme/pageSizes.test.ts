/**
 * The design on every page size: A6 pocket zines, half-letter, a size in millimetres and the phone
 * edition keep every box inside the page and the text column, text at a readable size, contents
 * numbers right. Fake metrics (every character 0.5 em): geometry, not fonts, is under test.
 */
import { describe, expect, it } from 'vitest';
import { contentBox, layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { MM, type Theme } from '../../src/model/theme.js';
import type { Page, PageItem, TextItem } from '../../src/model/page.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import { defaultTheme, MIN_BODY_PT, PHONE_BODY_PT } from '../../src/4-theme/design.js';
import { PHONE_PAGE } from '../../src/4-theme/index.js';
import { docFromMarkdown, words } from '../helpers.js';

function guide() {
  const files: string[] = [];
  for (let s = 0; s < 5; s++) {
    let md = `# Section ${s + 1}\n\n## Title ${s + 1}\n\n`;
    for (let p = 0; p < 9; p++) {
      md += `${words(20 + ((p * 37 + s * 11) % 90), s * 100 + p)} [link ${s}-${p}](https://example.org/${s}/${p}).\n\n`;
      if (p % 3 === 1) md += `![Shot](shot${p % 2}.png "Caption ${s}-${p}")\n\n`;
      if (p === 4) md += `- ${words(12, p)}\n- ${words(30, p + 1)}\n\n::: note\n${words(25, s)}\n:::\n\n`;
    }
    files.push(md);
  }
  return docFromMarkdown(files, 'en', { website: 'https://example.org', publisher: 'Collective', edition: 'May 2026', back: 'Pass it on', slogan: 'Together' });
}

const images = new Map<string, ImageInfo>([
  ['shot0.png', { width: 1000, height: 700, pixelRatio: 2, format: 'png' }],
  ['shot1.png', { width: 800, height: 1400, pixelRatio: 2, format: 'png' }],
]);

const right = (it: PageItem) => it.x + ('w' in it ? it.w : 'width' in it ? it.width : 'size' in it ? it.size : 0);
const bottom = (it: PageItem) => (it.type === 'text' ? it.y : it.y + ('h' in it ? it.h : 'size' in it ? it.size : 0));
const mm = (w: number, h: number) => ({ width: w * MM, height: h * MM });

const THEMES: [string, Theme, number][] = [
  ['A5', defaultTheme(), MIN_BODY_PT],
  ['A6', defaultTheme({ page: mm(105, 148) }), MIN_BODY_PT],
  ['half-letter', defaultTheme({ page: mm(139.7, 215.9) }), MIN_BODY_PT],
  ['120x170mm', defaultTheme({ page: mm(120, 170) }), MIN_BODY_PT],
  ['A4', defaultTheme({ page: mm(210, 297) }), MIN_BODY_PT],
  ['phone', defaultTheme({ page: PHONE_PAGE, medium: 'phone' }), PHONE_BODY_PT],
];

for (const [name, theme, minBody] of THEMES) {
  describe(`${name} pages`, () => {
    const model = layoutBook({ doc: guide(), images, metrics: fakeMetrics(), hyphenate: () => [], theme });
    const inner = model.pages.filter((p) => p.kind !== 'cover' && p.kind !== 'back');
    const page = theme.page;

    it('pages have the size of the theme', () => {
      expect(model.width).toBe(page.width);
      expect(model.height).toBe(page.height);
    });

    it(`sets running text at ${minBody} pt or more`, () => {
      const sizes = inner.filter((p) => p.kind === 'body').flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text' && i.face.startsWith('body')).map((t) => t.size));
      expect(sizes.length).toBeGreaterThan(100);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(minBody - 1e-9);
    });

    it('keeps everything of the text column inside the content box', () => {
      for (const p of inner) {
        const box = contentBox(page, p.index);
        for (const it of p.items) {
          if (it.type === 'link' || it.y < box.y - 0.01 || it.y > box.y + box.height + 0.01) continue; // running heads and folios are checked below
          const what = `page ${p.index} ${JSON.stringify(it).slice(0, 90)}`;
          expect(it.x, what).toBeGreaterThanOrEqual(box.x - 0.01);
          expect(right(it), what).toBeLessThanOrEqual(box.x + box.width + 0.01);
          expect(bottom(it), what).toBeLessThanOrEqual(box.y + box.height + 0.01);
        }
      }
    });

    it('keeps every mark of every page, covers included, on the page', () => {
      for (const p of model.pages) {
        for (const it of p.items) {
          const what = `page ${p.index} (${p.kind}) ${JSON.stringify(it).slice(0, 90)}`;
          expect(it.x, what).toBeGreaterThanOrEqual(-0.01);
          expect(it.y, what).toBeGreaterThanOrEqual(-0.01);
          expect(right(it), what).toBeLessThanOrEqual(page.width + 0.01);
          expect(bottom(it), what).toBeLessThanOrEqual(page.height + 0.01);
        }
      }
    });

    it('prints in the contents the page where each heading landed', () => {
      const texts = model.pages.filter((p) => p.kind === 'contents').flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text'));
      expect(model.outline.length).toBeGreaterThan(8);
      for (const h of model.outline) {
        const title = texts.find((t) => t.text.toUpperCase() === h.title.toUpperCase());
        expect(title, h.title).toBeDefined();
        const number = texts.find((t) => Math.abs(t.y - title!.y) < 0.01 && /^\d+$/.test(t.text) && t.x > title!.x);
        expect(Number(number!.text), h.title).toBe(h.page + 1);
      }
    });

    it('keeps every QR code at a size a phone reads (15 mm or more)', () => {
      const qrs = model.pages.flatMap((p: Page) => p.items.filter((i) => i.type === 'qr'));
      expect(qrs.length).toBeGreaterThan(40);
      for (const q of qrs) expect((q as { size: number }).size).toBeGreaterThanOrEqual(15 * MM);
    });
  });
}

describe('the phone edition', () => {
  const theme = defaultTheme({ page: PHONE_PAGE, medium: 'phone' });
  const model = layoutBook({ doc: guide(), images, metrics: fakeMetrics(), hyphenate: () => [], theme });
  it('sets every screenshot as wide as the column, or as tall as the page when it is a tall one', () => {
    const box = contentBox(theme.page, 0);
    const shots = model.pages.flatMap((p) => p.items.filter((i): i is Extract<PageItem, { type: 'image' }> => i.type === 'image'));
    expect(shots.length).toBeGreaterThan(5);
    for (const s of shots) {
      const full = Math.abs(s.w - box.width) < 0.01;
      // A tall phone screenshot at full width is taller than the page: it shrinks to the page, no further.
      const fillsPage = s.h > 0.8 * box.height;
      expect(full || fillsPage, `${s.image} ${s.w.toFixed(1)} x ${s.h.toFixed(1)} in ${box.width.toFixed(1)} x ${box.height.toFixed(1)}`).toBe(true);
    }
    expect(shots.filter((s) => s.image === 'shot0.png').every((s) => Math.abs(s.w - box.width) < 0.01)).toBe(true);
  });
  it('sets the links one to a row', () => {
    const links = model.pages.filter((p) => p.kind === 'links');
    const qrX = new Set(links.flatMap((p) => p.items.filter((i) => i.type === 'qr').map((q) => Math.round(q.x))));
    expect(qrX.size).toBe(1);
  });
});
