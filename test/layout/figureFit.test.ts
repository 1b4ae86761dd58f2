/**
 * Figures that fit what people bring: uncaptioned figures take no number, a logo placed with
 * `width=25%` stays small, and the legibility warning says what would help (and never asks for more
 * width for a figure that has all of it). Expected sizes are worked out here from the image's pixels
 * and the A5 column (119 mm).
 */
import { describe, expect, it } from 'vitest';
import { layoutBook } from '../../src/6-layout/book.js';
import { blocksToFlow } from '../../src/6-layout/blocks/index.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import type { TextItem } from '../../src/model/page.js';
import type { FlowContext } from '../../src/6-layout/text.js';
import { docFromMarkdown } from '../helpers.js';
import { formatWarning } from '../../src/errors.js';

const MM = 72 / 25.4;
const COLUMN = 119 * MM; // A5: 148 mm less 15 mm inner and 14 mm outer margins

const layout = (md: string, images: Record<string, ImageInfo>) =>
  layoutBook({ doc: docFromMarkdown([md], 'en'), images: new Map(Object.entries(images)), metrics: fakeMetrics(), hyphenate: () => [] });

describe('figure numbers', () => {
  it('go to captioned figures only; an uncaptioned one prints no label at all', () => {
    const shot: ImageInfo = { width: 400, height: 200, pixelRatio: 2, format: 'png' };
    const model = layout('# One\n\n![A screenshot](a.png "First.")\n\n![Logo](a.png)\n\n![A screenshot](a.png "Second.")\n\n![A screenshot](a.png)\n\n![A screenshot](a.png "Third.")\n', { 'a.png': shot });
    const texts = model.pages.flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text').map((t) => t.text));
    const labels = texts.filter((t) => t.startsWith('FIGURE'));
    // Three captions in the Markdown: three labels, numbered 1 to 3 in order.
    expect(labels.map((t) => t.match(/^FIGURE \d+\./)![0])).toEqual(['FIGURE 1.', 'FIGURE 2.', 'FIGURE 3.']);
    expect(model.pages.flatMap((p) => p.items.filter((i) => i.type === 'image')).length).toBe(5);
  });
});

describe('a logo placed with width=25%', () => {
  const ctx = (images: Record<string, ImageInfo>): FlowContext => ({ metrics: fakeMetrics(), lang: 'en', hyphenate: () => [], width: COLUMN, images: new Map(Object.entries(images)), figureLabel: 'Figure', figureNumbers: new Map(), theme: defaultTheme() });
  const widthOf = (info: ImageInfo, share = '25%') => {
    const [f] = blocksToFlow(docFromMarkdown([`![Logo](logo.png){width=${share}}`], 'en').chapters[0].blocks, ctx({ 'logo.png': info }));
    if (f.kind !== 'figure') throw new Error(f.kind);
    return f.imageWidth;
  };

  it('never takes more than a quarter of the column, whatever its pixels', () => {
    for (const px of [16, 32, 64, 120, 256, 512, 2000, 6000]) {
      for (const format of ['png', 'svg', 'webp', 'jpeg']) {
        expect(widthOf({ width: px, height: px, pixelRatio: 1, format }), `${px} px ${format}`).toBeLessThanOrEqual(COLUMN / 4 + 1e-9);
      }
    }
  });

  it('is not blown up past its pixels: a 32 px icon keeps the size its pixels give it', () => {
    // 32 CSS px at 7.5 pt per 13 px: 18.5 pt. Widening it to 60 pt would print it at 38 ppi.
    expect(widthOf({ width: 32, height: 32, pixelRatio: 1, format: 'png' })).toBeCloseTo(32 * (7.5 / 13), 6);
    expect(widthOf({ width: 32, height: 32, pixelRatio: 1, format: 'png' }, '100%')).toBeCloseTo(32 * (7.5 / 13), 6);
  });

  it('a small crop of a 2x screenshot, which has the pixels, is still widened to 60 pt', () => {
    // 100 CSS px (200 pixels) would print at 57.7 pt; 200 pixels over 60 pt are 240 ppi.
    expect(widthOf({ width: 200, height: 60, pixelRatio: 2, format: 'png' }, '100%')).toBeCloseTo(60, 6);
  });
});

describe('the legibility warning', () => {
  const warningsFor = (attrs: string, info: ImageInfo) => {
    const model = layout(`# One\n\nSome text.\n\n![Shot](shot.png "A screen."){${attrs}}\n`, { 'shot.png': info });
    return model.warnings.map((w) => formatWarning(w.message, w.where, w.hint)).filter((w) => w.includes('interface text'));
  };

  it('for a screenshot held narrow by its width=, names the share that would do', () => {
    // 700 CSS px at 40% of the column (134.9 pt): 13 px text prints at 2.5 pt. It reaches 6 pt at
    // 700 × 6 / 13 = 323.1 pt, 95.8% of the 337.3 pt column: width=96%.
    const [w] = warningsFor('width=40%', { width: 1400, height: 600, pixelRatio: 2, format: 'png' });
    expect(w).toMatch(/^content\/en\/01\.md:5:\d+ interface text in shot\.png prints at about 2\.5 pt \(under 6 pt\)\n {2}/);
    expect(w).toContain('width=96%');
  });

  it('for a narrow screenshot held narrow, names the share and a row with others', () => {
    // A phone screen of 360 CSS px at 20% (67.5 pt) prints 13 px text at 2.4 pt; it reaches 6 pt at
    // 360 × 6 / 13 = 166.2 pt, 49.3% of the column (under half: two fit side by side): width=50%.
    const [w] = warningsFor('width=20%', { width: 720, height: 1560, pixelRatio: 2, format: 'png' });
    expect(w).toContain('prints at about 2.4 pt');
    expect(w).toContain('width=50%');
    expect(w).toMatch(/in a row with others/);
    // The wider one above (700 CSS px, over half the column) is not told about rows.
    const [wide] = warningsFor('width=40%', { width: 1400, height: 600, pixelRatio: 2, format: 'png' });
    expect(wide).not.toMatch(/row/);
  });

  it('for a screenshot as wide as the column, says crop and never asks for more width', () => {
    // 1400 CSS px across 337.3 pt: 3.1 pt.
    const [w] = warningsFor('width=100%', { width: 2800, height: 600, pixelRatio: 2, format: 'png' });
    expect(w).toContain('prints at about 3.1 pt');
    expect(w).toMatch(/crop/);
    expect(w).not.toMatch(/width=|more width|wider/);
  });

  it('for a screenshot that would need more than the column, says crop and never asks for more width', () => {
    // 2000 CSS px at 50%: even at 100% it would print at 13 × 337.3 / 2000 = 2.2 pt.
    const [w] = warningsFor('width=50%', { width: 2000, height: 600, pixelRatio: 1, format: 'png' });
    expect(w).toContain('2.2 pt');
    expect(w).toMatch(/crop/);
    expect(w).not.toMatch(/width=\d|more width/);
  });

  it('for a tall screenshot shrunk to fit the page, says to crop a shorter part', () => {
    // 400 × 2000 CSS px: 230.8 pt wide, 1154 pt tall at full size; the page holds about 500 pt.
    const [w] = warningsFor('width=100%', { width: 400, height: 2000, pixelRatio: 1, format: 'png' });
    expect(w).toMatch(/shrunk to fit the page/);
    expect(w).toMatch(/crop it to a shorter part/);
    expect(w).not.toMatch(/width=\d|more width/);
  });

  it('says nothing of a legible screenshot or of a photo', () => {
    expect(warningsFor('width=100%', { width: 800, height: 600, pixelRatio: 2, format: 'png' })).toEqual([]);
    expect(warningsFor('width=30%', { width: 4000, height: 3000, pixelRatio: 1, format: 'jpeg' })).toEqual([]);
  });
});
