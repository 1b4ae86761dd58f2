/**
 * Our zine in every language on three sheets: the reading edition has 12 pages, and the booklet, read
 * back with mupdf, has 6 sides on which both halves of every side are printed (no blank page padded in).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions } from '../../src/pipeline.js';
import { listLanguages } from '../../src/1-load/loadGuide.js';
import { repo } from '../project.js';

const out = mkdtempSync(join(tmpdir(), 'zine-sheets-'));
const options: BuildOptions = { root: repo, outDir: out, booklet: true, press: false, grayscale: false, sheet: 'auto', flip: 'short', warn: () => {} };
afterAll(() => rmSync(out, { recursive: true, force: true }));

const open = (file: string) => mupdf.Document.openDocument(readFileSync(file), 'application/pdf');

/** Whether each half (left, right) of a page has a pixel that is not paper white. */
function halvesInked(page: mupdf.Page): [boolean, boolean] {
  const pix = page.toPixmap(mupdf.Matrix.scale(20 / 72, 20 / 72), mupdf.ColorSpace.DeviceGray, false);
  const [w, h, data] = [pix.getWidth(), pix.getHeight(), pix.getPixels()];
  const inked: [boolean, boolean] = [false, false];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (data[y * w + x] < 200) inked[x < w / 2 ? 0 : 1] = true;
  return inked;
}

describe('our zine on the fewest sheets', () => {
  for (const lang of listLanguages(repo)) {
    it(`${lang}: 12 pages, each with text; the booklet 3 sheets without a blank page`, async () => {
      await buildEdition(lang, options);
      const reading = open(join(out, `petit-guide-${lang}.pdf`));
      expect(reading.countPages()).toBe(12);
      for (let i = 0; i < reading.countPages(); i++) expect(reading.loadPage(i).toStructuredText('preserve-whitespace').asText().trim().length, `page ${i + 1}`).toBeGreaterThan(20);
      const booklet = open(join(out, `petit-guide-${lang}-booklet.pdf`));
      expect(booklet.countPages()).toBe(6); // 3 sheets, two sides each
      for (let i = 0; i < booklet.countPages(); i++) expect(halvesInked(booklet.loadPage(i)), `side ${i + 1}`).toEqual([true, true]);
    }, 60_000);
  }
});
