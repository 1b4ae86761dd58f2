import { describe, expect, it } from 'vitest';
import { contentBox, layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { MM } from '../../src/model/theme.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import type { Page, PageItem, TextItem } from '../../src/model/page.js';
import { paginate } from '../../src/6-layout/paginate.js';
import type { Flow } from '../../src/6-layout/flow.js';
import { docFromMarkdown, words } from '../helpers.js';
const PAGE = defaultTheme().page;

const noHyphens = () => [];

function guide(sections: number, parasPerSection: number, figures = false) {
  const files: string[] = [];
  for (let s = 0; s < sections; s++) {
    let md = `# Section ${s + 1}\n\n## Title ${s + 1}\n\n`;
    for (let p = 0; p < parasPerSection; p++) {
      md += `${words(20 + ((p * 37 + s * 11) % 90), s * 100 + p)}.\n\n`;
      if (figures && p % 3 === 1) md += `![Shot](shot${p % 2}.png "Caption ${s}-${p}")\n\n`;
      if (p % 4 === 3) md += `## Sub ${s}-${p}\n\n`;
    }
    files.push(md);
  }
  return docFromMarkdown(files);
}

const images = new Map<string, ImageInfo>([
  ['shot0.png', { width: 1000, height: 700, pixelRatio: 2, format: 'png' }],
  ['shot1.png', { width: 800, height: 1400, pixelRatio: 2, format: 'png' }],
]);

function layout(doc = guide(4, 14, true)) {
  return layoutBook({ doc, images, metrics: fakeMetrics(), hyphenate: noHyphens });
}

const right = (it: PageItem) => it.x + ('w' in it ? it.w : 'width' in it ? it.width : 'size' in it ? it.size : 0);
const bottom = (it: PageItem) => (it.type === 'text' ? it.y : it.y + ('h' in it ? it.h : 'size' in it ? it.size : 0));

/** Items set in the text column: everything but running heads, folios and covers. */
function columnItems(p: Page): PageItem[] {
  const box = contentBox(PAGE, p.index);
  return p.items.filter((it) => it.y >= box.y - 0.01 && it.y <= box.y + box.height + 0.01 && it.type !== 'link');
}

describe('layout geometry (fake metrics)', () => {
  const model = layout();
  const body = model.pages.filter((p) => p.kind === 'body' || p.kind === 'contents' || p.kind === 'links');

  it('lays out several pages with covers first and last', () => {
    expect(model.pages.length).toBeGreaterThan(8);
    expect(model.pages[0].kind).toBe('cover');
    expect(model.pages.at(-1)!.kind).toBe('back');
    model.pages.forEach((p, i) => expect(p.index).toBe(i));
  });

  it('keeps every box of the text column inside the margins', () => {
    for (const p of body) {
      const box = contentBox(PAGE, p.index);
      for (const it of columnItems(p)) {
        expect(it.x, `page ${p.index} ${JSON.stringify(it).slice(0, 80)}`).toBeGreaterThanOrEqual(box.x - 0.01);
        expect(right(it), `page ${p.index} ${JSON.stringify(it).slice(0, 80)}`).toBeLessThanOrEqual(box.x + box.width + 0.01);
        expect(bottom(it), `page ${p.index}`).toBeLessThanOrEqual(box.y + box.height + 0.01);
      }
    }
  });

  it('keeps every mark on body pages at least 8 mm from the page edge', () => {
    for (const p of body) {
      for (const it of p.items) {
        if (it.type === 'link') continue;
        expect(it.x).toBeGreaterThanOrEqual(8 * MM);
        expect(right(it)).toBeLessThanOrEqual(PAGE.width - 8 * MM);
        expect(bottom(it)).toBeLessThanOrEqual(PAGE.height - 8 * MM);
      }
    }
  });

  it('never leaves a heading last on its page', () => {
    for (const h of model.outline) {
      const page = model.pages[h.page];
      const below = page.items.filter((it) => it.type === 'text' && it.y > h.y + 30 && it.y < PAGE.height - PAGE.margin.bottom);
      expect(below.length, `heading "${h.title}" on page ${h.page}`).toBeGreaterThan(0);
    }
  });

  it('puts each figure and its caption on one page, inside the column', () => {
    let figures = 0;
    for (const p of body) {
      const imgs = p.items.filter((i) => i.type === 'image');
      for (const img of imgs) {
        figures++;
        const captionLine = p.items.find((i): i is TextItem => i.type === 'text' && i.text.startsWith('FIGURE') && i.y > img.y + (img as { h: number }).h);
        expect(captionLine, `caption of ${img.type} on page ${p.index}`).toBeDefined();
      }
    }
    expect(figures).toBeGreaterThan(5);
  });

  it('prints folios on body pages and none on the covers', () => {
    const folioAt = (p: Page) => p.items.some((i) => i.type === 'text' && i.text === String(p.index + 1) && i.y > PAGE.height - PAGE.margin.bottom);
    expect(folioAt(model.pages[0])).toBe(false);
    expect(folioAt(model.pages.at(-1)!)).toBe(false);
    for (const p of body) expect(folioAt(p), `page ${p.index}`).toBe(true);
  });

  it('starts every section on a new page, or lower on a page under a rule across the column', () => {
    const sections = model.outline.filter((o) => o.level === 0);
    const rule = defaultTheme().colors.rule;
    for (const s of sections) {
      const box = contentBox(PAGE, s.page);
      if (s.y - box.y < 1) continue;
      const ruled = model.pages[s.page].items.some((i) => i.type === 'rect' && i.fill === rule && Math.abs(i.w - box.width) < 0.5 && i.y < s.y && i.y > s.y - 40);
      expect(ruled, s.title).toBe(true);
    }
  });

  it('prints in the contents the page where each heading landed', () => {
    const contents = model.pages.filter((p) => p.kind === 'contents');
    const texts = contents.flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text'));
    for (const h of model.outline) {
      const title = texts.find((t) => t.text.toUpperCase() === h.title.toUpperCase());
      expect(title, h.title).toBeDefined();
      const number = texts.find((t) => t.y === title!.y && /^\d+$/.test(t.text) && t.x > title!.x);
      expect(Number(number!.text), h.title).toBe(h.page + 1);
    }
  });
});

describe('paragraph breaking across pages', () => {
  // Paragraphs of 1 to 9 lines, each line tagged with its paragraph and line number.
  const flows: Flow[] = Array.from({ length: 80 }, (_, p) => ({
    kind: 'lines' as const,
    lines: Array.from({ length: 1 + ((p * 7) % 9) }, (_, l) => ({ height: 12, items: [{ type: 'text' as const, x: 0, y: 9, text: `${p}:${l}`, face: 'body' as const, size: 9, color: '#000', width: 10 }] })),
    spaceBefore: 5,
    keepWithNext: p % 10 === 9,
    orphans: 2,
    widows: 2,
  }));
  const result = paginate(flows, 200);
  const tags = result.pages.map((p) => p.items.map((i) => (i as TextItem).text.split(':').map(Number)));

  it('places every line exactly once, in order', () => {
    const all = tags.flat();
    const expected = flows.flatMap((f, p) => (f.kind === 'lines' ? f.lines.map((_, l) => [p, l]) : []));
    expect(all).toEqual(expected);
  });

  it('leaves at least two lines of a split paragraph on each page', () => {
    let splits = 0;
    for (let k = 0; k + 1 < tags.length; k++) {
      const [pLast] = tags[k].at(-1)!;
      const [pNext] = tags[k + 1][0];
      if (pLast !== pNext) continue;
      splits++;
      expect(tags[k].filter(([p]) => p === pLast).length, `orphan at the foot of page ${k}`).toBeGreaterThanOrEqual(2);
      expect(tags[k + 1].filter(([p]) => p === pNext).length, `widow at the top of page ${k + 1}`).toBeGreaterThanOrEqual(2);
    }
    expect(splits).toBeGreaterThan(3);
  });

  it('never overfills a page', () => {
    for (const p of result.pages) for (const it of p.items) expect(it.y).toBeLessThanOrEqual(200);
  });

  it('keeps a keep-with-next paragraph on the page of what follows', () => {
    flows.forEach((f, p) => {
      if (f.kind !== 'lines' || !f.keepWithNext || p === flows.length - 1) return;
      const pageOf = (q: number, l: number) => tags.findIndex((t) => t.some(([a, b]) => a === q && b === l));
      expect(pageOf(p, f.lines.length - 1), `paragraph ${p}`).toBe(pageOf(p + 1, 0));
    });
  });
});
