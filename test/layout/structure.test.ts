/**
 * The structure layout gives each mark (tagged PDF), read from the page model alone with fake metrics:
 * elements as the Markdown has them, one element however many pages it runs over, and the page's
 * furniture (running heads, folios, rules) as artifacts, told by where it stands on the page.
 */
import { describe, expect, it } from 'vitest';
import { layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import type { PageItem, PageModel, StructNode, TextItem } from '../../src/model/page.js';
import { docFromMarkdown, words } from '../helpers.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';

const PAGE = defaultTheme().page;
const layout = (md: string, images: Record<string, ImageInfo> = {}): PageModel =>
  layoutBook({ doc: docFromMarkdown([md], 'en'), images: new Map(Object.entries(images)), metrics: fakeMetrics(), hyphenate: () => [] });
const chain = (n: StructNode | undefined): string[] => (n ? [n.role, ...chain(n.parent)] : []);
const texts = (m: PageModel, kind = 'body') => m.pages.filter((p) => p.kind === kind).flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text'));

describe('structure in the page model', () => {
  it('a hyphen added at a line break is an artifact, and the tagged text, with its spaces, reads every word whole', () => {
    const para = Array.from({ length: 4 }, () => 'Notwithstanding comprehensive documentation, responsibilities accumulate unpredictably: international beekeeping associations acknowledge overwintering difficulties, disproportionately affecting inexperienced practitioners.').join(' ');
    const m = layoutBook({ doc: docFromMarkdown([`# Section\n\n${para}\n`], 'en'), images: new Map(), metrics: fakeMetrics(), hyphenate: hyphenator('en') });
    const column = texts(m).filter((t) => t.y > PAGE.margin.top && t.y < PAGE.height - PAGE.margin.bottom);
    const hyphens = column.filter((t) => t.hyphen);
    expect(hyphens.length).toBeGreaterThan(0);
    for (const h of hyphens) expect([h.text, h.tag]).toEqual(['-', undefined]);
    const said = column.filter((t) => t.tag?.role === 'P').map((t) => t.text + (t.spaceAfter ? ' ' : '')).join('');
    expect(said).toBe(para);
  });

  it('a paragraph running over two pages is one element; each Markdown paragraph is one P', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => words(60 + ((i * 37) % 90), i + 1));
    const m = layout(`# Section\n\n${paragraphs.join('\n\n')}\n`);
    const nodes = new Map<StructNode, Set<number>>();
    for (const p of m.pages.filter((p) => p.kind === 'body'))
      for (const it of p.items) if (it.type === 'text' && it.tag?.role === 'P') nodes.set(it.tag, (nodes.get(it.tag) ?? new Set()).add(p.index));
    expect(nodes.size).toBe(paragraphs.length);
    // 40 paragraphs of 60 to 150 words fill several pages: one of them runs over a page break.
    expect([...nodes.values()].some((pages) => pages.size === 2)).toBe(true);
    for (const node of nodes.keys()) expect(chain(node)).toEqual(['P']);
  });

  it('running heads, folios and the rules of the page are artifacts; everything in the text column is tagged', () => {
    const m = layout(`# Section\n\n${Array.from({ length: 8 }, (_, i) => words(90, i + 1)).join('\n\n')}\n`);
    for (const p of m.pages.filter((p) => p.kind === 'body')) {
      const outside = (it: PageItem) => it.y < PAGE.margin.top || it.y > PAGE.height - PAGE.margin.bottom;
      const furniture = p.items.filter(outside);
      expect(furniture.length, `page ${p.index + 1}`).toBeGreaterThan(0);
      expect(furniture.filter((it) => it.tag)).toEqual([]);
      expect(p.items.filter((it) => it.type === 'text' && !outside(it) && !it.tag)).toEqual([]);
    }
  });

  it("the rules and tints of quotes, tables, callouts, separators and keys are artifacts; a list's bullet is its label", () => {
    const m = layout('# S\n\n> A quote.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n::: tip Title\nText.\n:::\n\nBefore.\n\n---\n\nAfter <kbd>Ctrl</kbd>.\n\n- item\n');
    const shapes = m.pages.filter((p) => p.kind === 'body').flatMap((p) => p.items.filter((i) => i.type === 'rect' || i.type === 'path'));
    // A quote's rule, the table's three rules, the callout's tint and bar (three lines each), the separator, the key's four hairlines, the bullet.
    expect(shapes.length).toBeGreaterThan(10);
    expect(shapes.filter((s) => s.tag).map((s) => s.tag!.role)).toEqual(['Lbl']);
  });

  it('a list item: LI holding its Lbl (the bullet, said as •) then its LBody (the text), in an L', () => {
    const m = layout('# S\n\n- first item\n- second item\n');
    const body = m.pages.filter((p) => p.kind === 'body').flatMap((p) => p.items);
    for (const word of ['first', 'second']) {
      const t = body.find((i) => i.type === 'text' && i.text.includes(word))!;
      expect(chain(t.tag)).toEqual(['P', 'LBody', 'LI', 'L']);
      const bullets = body.filter((i) => i.type === 'rect' && i.tag?.role === 'Lbl' && i.tag.parent === t.tag!.parent!.parent);
      expect(bullets.map((b) => b.tag!.actual)).toEqual(['•']);
      // The label comes first: elements are made in the order of their first mark.
      expect(body.indexOf(bullets[0])).toBeLessThan(body.indexOf(t));
    }
  });

  it("a table's header row set again on the next page is an artifact: readers hear it once", () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| row ${i} | ${words(4, i + 1)} |`);
    const m = layout(`# S\n\n| Month | Task |\n| --- | --- |\n${rows.join('\n')}\n`);
    const heads = texts(m).filter((t) => t.text === 'Month');
    expect(heads.length).toBeGreaterThan(1);
    expect(heads.map((t) => chain(t.tag))).toEqual([['TH', 'TR', 'Table'], ...heads.slice(1).map(() => [])]);
  });

  it('a figure is a Figure saying its alt text, its caption a Caption beside it; a decorative image is an artifact', () => {
    const shot: ImageInfo = { width: 400, height: 200, pixelRatio: 2, format: 'png' };
    const m = layout('# S\n\n![The dialog asking to confirm](a.png "Confirm it.")\n\n![](b.png){decorative}\n', { 'a.png': shot, 'b.png': shot });
    const images = m.pages.flatMap((p) => p.items.filter((i) => i.type === 'image'));
    expect(images.map((i) => [i.tag?.role, i.tag?.alt])).toEqual([['Figure', 'The dialog asking to confirm'], [undefined, undefined]]);
    const caption = texts(m).filter((t) => t.tag?.role === 'Caption');
    expect(caption.map((t) => t.text).join(' ')).toContain('Confirm');
    expect(caption.every((t) => t.tag!.parent === undefined)).toBe(true);
  });
});
