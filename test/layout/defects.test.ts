/** Defects found in review, each with the test that failed before its fix. */
import { describe, expect, it } from 'vitest';
import { layoutBook, layoutContents } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { firstFit } from '../../src/6-layout/lineBreak.js';
import { toWords } from '../../src/6-layout/words.js';
import type { Flow } from '../../src/6-layout/flow.js';
import type { Pagination } from '../../src/6-layout/paginate.js';
import type { TextItem } from '../../src/model/page.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { docFromMarkdown, strings, words } from '../helpers.js';

const images = new Map<string, ImageInfo>([['a.png', { width: 400, height: 200, pixelRatio: 2, format: 'png' }]]);
const layout = (files: string[]) => layoutBook({ doc: docFromMarkdown(files, 'en'), images, metrics: fakeMetrics(), hyphenate: () => [] });
const texts = (model: ReturnType<typeof layout>) => model.pages.flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text').map((t) => t.text));

describe('figure numbers', () => {
  it('count in reading order wherever the figure is (a note, a list, a quote), captioned ones only', () => {
    const md = [
      '# One\n\n![A](a.png "First.")\n\n::: note\nInside:\n\n![B](a.png "Second.")\n:::\n\n![Uncaptioned](a.png)\n\n- item\n\n  ![C](a.png "Third.")\n\n> ![D](a.png "Fourth.")\n',
      '# Two\n\n![E](a.png "Fifth.")\n',
    ];
    const labels = texts(layout(md))
      .join(' ')
      .match(/FIGURE \d+\. \w+/g);
    // The numbers the reader sees: one per captioned figure, in the order the Markdown has them.
    expect(labels).toEqual(['FIGURE 1. First', 'FIGURE 2. Second', 'FIGURE 3. Third', 'FIGURE 4. Fourth', 'FIGURE 5. Fifth']);
  });
});

describe('the links page', () => {
  it('is the only page tagged as links when sections follow `::: links`', () => {
    const md = [`# Links\n\nBefore.\n\n::: links\n:::\n\n# After\n\n${words(900, 3)}\n\n[x](https://example.org/x)\n`];
    const model = layout(md);
    const links = model.pages.filter((p) => p.kind === 'links');
    expect(links.length).toBe(1);
    expect(links[0].items.some((i) => i.type === 'qr')).toBe(true);
    // The pages of "After" hold its text and are body pages.
    const after = model.outline.find((o) => o.title.toUpperCase() === 'AFTER')!;
    for (const p of model.pages.slice(after.page, -1)) expect(p.kind, `page ${p.index}`).toBe('body');
    expect(model.pages.length - 1 - after.page).toBeGreaterThan(1);
  });
});

describe('the contents fixpoint', () => {
  const pages = (n: number): Pagination['pages'] => Array.from({ length: n }, () => ({ items: [], section: null, parts: new Set() }));
  /** A stand-in paginate: contents of `need(firstBody)` pages, each a block of a page's height. */
  const tocOf = (need: (firstBody: number) => number, height: number) => (firstBody: number): Flow[] =>
    Array.from({ length: need(firstBody) }, () => [{ kind: 'break', reason: 'section' } as Flow, { kind: 'block', height, items: [{ type: 'rect', x: 0, y: 0, w: 1, h: 1, fill: '#000' }], spaceBefore: 0, keepWithNext: false } as Flow]).flat();
  const body: Pagination = { pages: pages(3), headings: [], figures: [] };

  it('reserves as many pages as the contents take, when more pages push numbers to more digits', () => {
    // 1 page reserved -> numbers need 2 pages; 2 reserved -> 2: stable at 2.
    const r = layoutContents(body, 100, tocOf((first) => (first >= 3 ? 2 : 2), 100));
    expect(r.firstBody).toBe(3);
    expect(r.pages.length).toBe(2);
  });

  it('converges when the page count would oscillate, keeping the larger count', () => {
    // With 1 page reserved the contents take 2; with 2 reserved they take 1: n <-> n+1 forever for a naive loop.
    const r = layoutContents(body, 100, tocOf((first) => (first === 2 ? 2 : 1), 100));
    expect(r.firstBody).toBe(3);
    expect(r.pages.length).toBe(2); // one spare contents page, and every body number right
  });

  it('a 40-section guide gets every contents number right', () => {
    const md = Array.from({ length: 40 }, (_, s) => `# Section ${s + 1}\n\n${words(60, s)}\n`);
    const model = layout(md);
    const contents = model.pages.filter((p) => p.kind === 'contents');
    expect(contents.length).toBeGreaterThan(1);
    for (const h of model.outline) {
      const page = contents.find((p) => p.items.some((t) => t.type === 'text' && t.text.toUpperCase() === h.title.toUpperCase()))!;
      const items = page.items.filter((i): i is TextItem => i.type === 'text');
      const title = items.find((t) => t.text.toUpperCase() === h.title.toUpperCase())!;
      const number = items.find((t) => Math.abs(t.y - title.y) < 0.01 && /^\d+$/.test(t.text) && t.x > title.x)!;
      expect(Number(number.text), h.title).toBe(h.page + 1);
    }
  });
});

describe('firstFit', () => {
  it("leaves its caller's words as they were", () => {
    const o = { style: defaultTheme().styles.body, width: 60, metrics: fakeMetrics(), lang: 'en', hyphenate: () => [3], source: { file: 'x', line: 1, col: 1 } };
    const words = toWords([{ text: 'alpha betagammadelta epsilonzetaeta theta iotakappalambda' }], o);
    const before = JSON.stringify(words);
    const lines = firstFit(words, o);
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.stringify(words)).toBe(before);
  });
});
void strings;
