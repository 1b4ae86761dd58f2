import { describe, expect, it } from 'vitest';
import { blocksToFlow } from '../../src/6-layout/blocks/index.js';
import type { FlowContext } from '../../src/6-layout/text.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { TextItem } from '../../src/model/page.js';
import { docFromMarkdown } from '../helpers.js';

const ctx = (): FlowContext => ({ metrics: fakeMetrics(), lang: 'en', hyphenate: () => [], width: 300, images: new Map(), figureLabel: 'Figure', figureNumbers: new Map(), theme: defaultTheme() });
const flows = (md: string) => blocksToFlow(docFromMarkdown([md], 'en').chapters[0].blocks, ctx());

describe('figures', () => {
  const figure = (format: string, pixelRatio: number, width = '90%') => {
    const c = ctx();
    c.images.set('shot.png', { width: 1000, height: 600, pixelRatio, format });
    const [f] = blocksToFlow(docFromMarkdown([`![A](shot.png "Caption"){width=${width}}`], 'en').chapters[0].blocks, c);
    if (f.kind !== 'figure') throw new Error('not a figure');
    return f;
  };

  it('prints a 2x screenshot so that 13 px interface text comes out at 7.5 pt', () => {
    const f = figure('png', 2, '100%');
    expect(f.imageWidth).toBeCloseTo((1000 / 2) * (7.5 / 13), 5); // 288 pt, under the 300 pt column
    expect(figure('png', 2, '50%').imageWidth).toBeCloseTo(150, 5); // the share asked for caps it
    expect(f.minScale).toBeCloseTo(6 / 7.5, 5);
  });

  it('gives a photo the width asked for', () => {
    const f = figure('jpeg', 1);
    expect(f.imageWidth).toBeCloseTo(300 * 0.9, 5);
    expect(f.imageHeight).toBeCloseTo(300 * 0.9 * 0.6, 5);
  });
});

describe('blocks to flow', () => {
  it('keeps a code block’s indentation and lines', () => {
    const [code] = flows('```\nif (x)\n    return y;\n```');
    expect(code.kind).toBe('lines');
    const texts = code.kind === 'lines' ? code.lines.map((l) => (l.items.find((i) => i.type === 'text') as TextItem).text) : [];
    expect(texts).toEqual(['if\u00a0(x)', '\u00a0\u00a0\u00a0\u00a0return\u00a0y;']);
  });

  it('sets a quote in italic with a rule on every line', () => {
    const [quote] = flows('> ' + 'word '.repeat(80));
    expect(quote.kind).toBe('lines');
    if (quote.kind !== 'lines') return;
    expect(quote.lines.length).toBeGreaterThan(2);
    for (const l of quote.lines) {
      expect(l.items.some((i) => i.type === 'rect' && i.h === l.height)).toBe(true);
      expect(l.items.filter((i): i is TextItem => i.type === 'text').every((t) => t.face === 'body-italic')).toBe(true);
    }
  });

  it('makes a long callout lines that can split, each a slice of the box', () => {
    const [callout] = flows('::: warning\n' + 'word '.repeat(300) + '\n:::');
    expect(callout.kind).toBe('lines');
    if (callout.kind !== 'lines') return;
    expect(callout.lines.length).toBeGreaterThan(10);
    for (const l of callout.lines) expect(l.items.filter((i) => i.type === 'rect').length).toBe(2);
  });
});
