/**
 * Pagination for the fewest sheets, on a generated guide of about 20 pages with uneven sections (fake
 * metrics). The expected page count comes from an independent bound: the heights of the guide's lines,
 * blocks and figures (at their smallest legible size), without any space between them, over the
 * column's height give the fewest pages any layout can have; a booklet prints four to a sheet.
 */
import { describe, expect, it } from 'vitest';
import { contentBox, layoutBook, numberFigures, type Fit } from '../../src/6-layout/book.js';
import { blocksToFlow } from '../../src/6-layout/blocks/index.js';
import { flowHeight } from '../../src/6-layout/flow.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { FlowContext } from '../../src/6-layout/text.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { MM, type Theme } from '../../src/model/theme.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import type { DocumentModel } from '../../src/model/document.js';
import type { PageModel, TextItem } from '../../src/model/page.js';
import { ZineError } from '../../src/errors.js';
import { docFromMarkdown, words } from '../helpers.js';

const images = new Map<string, ImageInfo>([
  ['wide.png', { width: 1200, height: 800, pixelRatio: 2, format: 'png' }],
  ['tall.png', { width: 900, height: 1600, pixelRatio: 3, format: 'png' }],
]);

/** Sections of very different lengths (paragraphs each), some with screenshots, as guides are. */
const SECTIONS = [2, 12, 1, 7, 3, 15, 2, 9, 1, 6, 2];

function guide(sections = SECTIONS): DocumentModel {
  return docFromMarkdown(
    sections.map((n, s) => {
      let md = `# Section ${s + 1}\n\n`;
      for (let p = 0; p < n; p++) {
        if (p % 4 === 2) md += `## Part ${s + 1}.${p}\n\n`;
        md += `${words(25 + ((p * 41 + s * 17) % 80), s * 50 + p)}.\n\n`;
        if ((p + s) % 5 === 3) md += `![Shot](${p % 2 ? 'tall' : 'wide'}.png "A screenshot ${s}-${p}")\n\n`;
      }
      return md;
    }),
  );
}

const lay = (doc: DocumentModel, fit?: Fit, theme = defaultTheme()) => layoutBook({ doc, images, metrics: fakeMetrics(), hyphenate: () => [], theme, fit });

/** Today's rules: a goal every layout meets, so the first (no lever) is taken. */
const TODAY: Fit = { pages: 1e6, where: { file: 'content/zine.yml', line: 1, col: 1 } };

/** The fewest pages any layout of `doc` can have: its content's height over the column's, plus the pages around it. */
function fewestPages(doc: DocumentModel, model: PageModel, theme: Theme): number {
  const box = contentBox(theme.page, 0);
  const ctx: FlowContext = { metrics: fakeMetrics(), lang: doc.lang, hyphenate: () => [], theme, width: box.width, images, figureLabel: 'Figure', figureNumbers: numberFigures(doc), missing: new Map() };
  // Each item's height (a figure's at its smallest legible size) and the space above it; a page drops at
  // most the space above its first item, so n pages hold at most n × (column height + largest space).
  let content = 0;
  let largestSpace = 0;
  for (const c of doc.chapters)
    for (const f of blocksToFlow(c.blocks, ctx)) {
      if (f.kind === 'break') continue;
      content += f.spaceBefore + (f.kind === 'figure' ? flowHeight(f) - f.imageHeight * (1 - f.minScale) : flowHeight(f));
      largestSpace = Math.max(largestSpace, f.spaceBefore);
    }
  const around = model.pages.filter((p) => p.kind !== 'body').length; // covers and contents
  return around + Math.ceil(content / (box.height + largestSpace));
}

/** Text set in the column of each page (running heads and folios left out). */
function columnTexts(model: PageModel, theme: Theme) {
  return model.pages.map((p) => {
    const box = contentBox(theme.page, p.index);
    return p.items.filter((i): i is TextItem => i.type === 'text' && i.y > box.y && i.y < box.y + box.height);
  });
}

describe('the fewest sheets', () => {
  const doc = guide();
  const theme = defaultTheme();
  const today = lay(doc, TODAY);
  const model = lay(doc);
  const bound = fewestPages(doc, model, theme);

  it('lands on the smallest multiple of 4 at or above what the content needs, where today’s rules take a sheet more', () => {
    expect(bound).toBeGreaterThan(16); // a guide of about 20 pages
    expect(model.pages.length).toBe(Math.ceil(bound / 4) * 4);
    expect(Math.ceil(today.pages.length / 4)).toBeGreaterThan(model.pages.length / 4);
  });

  it('gives the pages that would be blank in the booklet to sections that would open low on a page', () => {
    // The levers that save the sheets take this one to 19 pages; 20 print on 5 sheets.
    const other = guide([2, 11, 1, 6, 3, 14, 2, 8, 1, 5, 3]);
    const m = lay(other);
    expect(m.pages.length % 4).toBe(0);
    expect(m.pages.length).toBeLessThan(lay(other, TODAY).pages.length);
    const texts = columnTexts(m, theme);
    m.pages.forEach((p, i) => expect(p.kind === 'cover' || p.kind === 'back' || texts[i].length > 0, `page ${i + 1}`).toBe(true));
  });

  it('lands a long guide of even sections on whole sheets, fewer than today’s rules take', () => {
    // Forty sections of two pages and a bit: each ends a little way down a page.
    const long = docFromMarkdown(Array.from({ length: 40 }, (_, s) => `# Section ${s + 1}\n\n## Part\n\n` + Array.from({ length: 9 }, (_, p) => `${words(60, s * 10 + p)}.\n\n`).join('') + '![Shot](wide.png "A screenshot")\n\n'));
    const m = lay(long);
    expect(m.pages.length % 4).toBe(0);
    expect(m.pages.length).toBeLessThan(lay(long, TODAY).pages.length);
  });

  it('leaves no page empty and no heading at a page foot', () => {
    const texts = columnTexts(model, theme);
    model.pages.forEach((p, i) => expect(p.kind === 'cover' || p.kind === 'back' || texts[i].length > 0, `page ${i + 1}`).toBe(true));
    for (const h of model.outline) {
      // Below the heading's last line on its page there is body text (a heading is never left alone).
      const below = texts[h.page].filter((t) => t.y > h.y + 40 && t.face === 'body');
      expect(below.length, `${h.title} on page ${h.page + 1}`).toBeGreaterThan(0);
    }
  });

  it('prints every figure at or above its legibility limit: no legibility warning today’s rules do not give', () => {
    expect(model.warnings.map((w) => w.message)).toEqual(today.warnings.map((w) => w.message));
  });

  it('opens a section lower on a page only under a rule across the column', () => {
    const sections = model.outline.filter((o) => o.level === 0);
    const lower = sections.filter((s) => s.y - contentBox(theme.page, s.page).y > 1);
    expect(lower.length).toBeGreaterThan(0);
    for (const s of lower) {
      const box = contentBox(theme.page, s.page);
      const rule = model.pages[s.page].items.find((i) => i.type === 'rect' && i.fill === theme.colors.rule && Math.abs(i.w - box.width) < 0.5 && i.y < s.y && i.y > s.y - 40);
      expect(rule, s.title).toBeDefined();
    }
  });

  it('meets a pages: it can, and refuses one it cannot, saying by how many pages it overflows', () => {
    const where = { file: 'content/zine.yml', line: 3, col: 1 };
    const asked = Math.ceil(bound / 4) * 4;
    expect(lay(doc, { pages: asked, where }).pages.length).toBeLessThanOrEqual(asked);
    const short = bound - 3; // under what the content needs
    let error: unknown;
    try {
      lay(doc, { pages: short, where });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZineError);
    const m = /needs (\d+) pages, (\d+) more than pages: (\d+) allows/.exec((error as ZineError).message);
    expect(m, (error as ZineError).message).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(bound);
    expect(Number(m![2])).toBe(Number(m![1]) - short);
    expect(Number(m![3])).toBe(short);
    expect((error as ZineError).where).toEqual(where);
    expect((error as ZineError).hint).toMatch(/Shorten the guide by \d+ pages/);
  });

  it('on a phone, where sheets do not matter, leaves no page under a third full but the last', () => {
    const phone = defaultTheme({ page: { width: 90 * MM, height: 160 * MM }, medium: 'phone' });
    const m = lay(doc, 'even', phone);
    const texts = columnTexts(m, phone);
    const body = m.pages.filter((p) => p.kind === 'body');
    for (const p of body.slice(0, -1)) {
      const box = contentBox(phone.page, p.index);
      const lowest = Math.max(...p.items.filter((i) => i.y > box.y && i.y < box.y + box.height).map((i) => i.y + ('h' in i ? i.h : 0)));
      expect(lowest - box.y, `page ${p.index + 1}`).toBeGreaterThan(box.height / 3);
    }
    expect(texts.every((t, i) => t.length > 0 || ['cover', 'back'].includes(m.pages[i].kind))).toBe(true);
  });
});
