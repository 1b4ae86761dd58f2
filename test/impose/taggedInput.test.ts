/**
 * The booklet is imposed from an untagged render, but `impose` takes any PDF: a tagged one (marked
 * content around every mark, a structure tree, annotations in it) folds to the same page order.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTheme } from '../../src/4-theme/design.js';
import { renderPdf } from '../../src/7-render/renderPdf.js';
import { imposeBooklet } from '../../src/8-impose/index.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import type { PageModel } from '../../src/model/page.js';
import { REPO } from '../safety/helpers.js';
import { expectedReading, foldAndRead, label, readSheets } from './helpers.js';

let metrics: ReturnType<typeof fontSet>;
beforeAll(() => {
  metrics = fontSet(join(REPO, 'fonts'), defaultTheme().faces);
});

/** n pages, each its big label (a tagged paragraph) under a running rule (an artifact) and a link. */
function model(n: number): PageModel {
  const pages = Array.from({ length: n }, (_, i) => ({
    index: i,
    kind: 'body' as const,
    folio: i + 1,
    items: [
      { type: 'rect' as const, x: 40, y: 40, w: 300, h: 1, fill: '#888888' },
      { type: 'text' as const, x: 60, y: 300, text: label(i + 1), face: 'body' as const, size: 100, color: '#000000', width: 200, tag: { role: 'P' as const } },
      { type: 'link' as const, x: 60, y: 400, w: 100, h: 20, url: 'https://example.org', tag: { role: 'Link' as const } },
    ],
  }));
  return { width: 419.53, height: 595.28, lang: 'en', title: 'Tagged input', pages, outline: [], warnings: [] };
}

describe('imposing a tagged PDF', () => {
  it.each([8, 14])('%i pages fold and read in order, as an untagged one', async (n) => {
    const tagged = await renderPdf(model(n), { font: metrics.pdfFont, images: new Map(), date: new Date(0), tagged: true });
    expect(Buffer.from(tagged).includes('/StructTreeRoot')).toBe(true);
    const out = await imposeBooklet(tagged, { sheet: 'a4' });
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(n));
  });
});
