/**
 * Covers: an address keeps its case (a path is case-sensitive; the cover's capitals never touch it),
 * and a guide without `back` or `publisher` gets a back cover that closes on its title, and a warning
 * at its first file's front matter.
 */
import { describe, expect, it } from 'vitest';
import { layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { BookMeta } from '../../src/model/document.js';
import type { Page, TextItem } from '../../src/model/page.js';
import { docFromMarkdown } from '../helpers.js';
import { formatWarning } from '../../src/errors.js';

const layout = (meta: Partial<BookMeta>) => layoutBook({ doc: docFromMarkdown(['# One\n\nSome text.\n'], 'en', meta), images: new Map(), metrics: fakeMetrics(), hyphenate: () => [] });
const text = (p: Page) => p.items.filter((i): i is TextItem => i.type === 'text').map((t) => t.text).join(' ');

describe('covers', () => {
  const WEBSITE = 'https://Example.org/Guides/Secure-Phone';

  it('print the website as written, never in capitals, on the front and the back', () => {
    const model = layout({ website: WEBSITE, publisher: 'Our collective', back: 'Pass it on.' });
    for (const p of [model.pages[0], model.pages[model.pages.length - 1]]) {
      // The address without its scheme, case kept (it may wrap after a slash).
      expect(text(p).replace(/\/ /g, '/'), p.kind).toContain('Example.org/Guides/Secure-Phone');
      expect(text(p), p.kind).not.toContain('EXAMPLE.ORG');
      // The rest of the cover's small type is still in capitals.
      expect(text(p), p.kind).toContain('OUR COLLECTIVE');
    }
  });

  it('close on the title when the guide has no back: (never a label alone on black)', () => {
    const model = layout({});
    const back = model.pages[model.pages.length - 1];
    expect(back.kind).toBe('back');
    expect(text(back)).toContain('TEST GUIDE');
    expect(text(back)).toContain('BACKLABEL');
  });

  it('warn at the first file’s front matter about a missing back: or publisher:', () => {
    const cover = (meta: Partial<BookMeta>) => layout(meta).warnings.map((w) => formatWarning(w.message, w.where, w.hint)).filter((w) => w.includes('front matter'));
    const [both] = cover({});
    expect(both).toMatch(/^content\/en\/01\.md:1:1 no back: or publisher: in the front matter/);
    expect(both).toMatch(/\n {2}Add to the front matter of content\/en\/01\.md: back: .*; publisher: /);
    const [publisher] = cover({ back: 'Pass it on.' });
    expect(publisher).toMatch(/^content\/en\/01\.md:1:1 no publisher: in the front matter/);
    expect(cover({ back: 'Pass it on.', publisher: 'Us' })).toEqual([]);
  });
});
