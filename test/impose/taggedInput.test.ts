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
import { REPO } from '../safety/helpers.js';
import { expectedReading, foldAndRead, labelledPages, readSheets } from './helpers.js';

let metrics: ReturnType<typeof fontSet>;
beforeAll(() => {
  metrics = fontSet(join(REPO, 'fonts'), defaultTheme().faces);
});

describe('imposing a tagged PDF', () => {
  it.each([8, 14])('%i pages fold and read in order, as an untagged one', async (n) => {
    const tagged = await renderPdf(labelledPages(n, 'Tagged input'), { font: metrics.pdfFont, images: new Map(), date: new Date(0), tagged: true });
    expect(Buffer.from(tagged).includes('/StructTreeRoot')).toBe(true);
    const out = await imposeBooklet(tagged, { sheet: 'a4' });
    expect(foldAndRead(readSheets(out))).toEqual(expectedReading(n));
  });
});
