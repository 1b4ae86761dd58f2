import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions } from '../../src/pipeline.js';
import { repo } from '../project.js';

const out = mkdtempSync(join(tmpdir(), 'zine-print-'));
const options = (o: Partial<BuildOptions>): BuildOptions => ({ root: repo, outDir: out, booklet: false, press: false, grayscale: false, sheet: 'a4', flip: 'short', warn: () => {}, ...o });
afterAll(() => rmSync(out, { recursive: true, force: true }));

function pixels(pdf: Buffer, page: number, dpi = 40) {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pix = doc.loadPage(page).toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false);
  return { data: pix.getPixels(), n: pix.getNumberOfComponents(), pages: doc.countPages() };
}

/** Largest difference between the channels of any pixel: 0 for a page without colour. */
function maxChroma(pdf: Buffer, page: number): number {
  const { data, n } = pixels(pdf, page);
  let max = 0;
  for (let i = 0; i < data.length; i += n) max = Math.max(max, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]), Math.abs(data[i] - data[i + 2]));
  return max;
}

describe('print editions', () => {
  let colour: Buffer;
  let gray: Buffer;
  let grayBooklet: Buffer;
  beforeAll(async () => {
    await buildEdition('fr', options({}));
    colour = readFileSync(join(out, 'petit-guide-fr.pdf'));
    const grayOut = join(out, 'gray');
    await buildEdition('fr', options({ outDir: grayOut, grayscale: true, booklet: true }));
    gray = readFileSync(join(grayOut, 'petit-guide-fr.pdf'));
    grayBooklet = readFileSync(join(grayOut, 'petit-guide-fr-booklet.pdf'));
  });

  it('the colour edition has colour (so the gray test below can fail)', () => {
    expect(maxChroma(colour, 0)).toBeGreaterThan(100); // the red cover
  });

  it('--grayscale leaves no coloured pixel on any page, screenshots included', () => {
    const doc = mupdf.Document.openDocument(gray, 'application/pdf');
    for (let p = 0; p < doc.countPages(); p++) expect(maxChroma(gray, p), `page ${p + 1}`).toBeLessThanOrEqual(2);
    const sheets = mupdf.Document.openDocument(grayBooklet, 'application/pdf').countPages();
    for (let p = 0; p < sheets; p++) expect(maxChroma(grayBooklet, p), `booklet side ${p + 1}`).toBeLessThanOrEqual(2);
  });

  it('the French reading edition is small enough for email and chat (under 600 KB)', () => {
    expect(statSync(join(out, 'petit-guide-fr.pdf')).size).toBeLessThan(600 * 1024);
  });

  it('builds byte-identical PDFs twice in one process (shared fonts are not altered by a render)', async () => {
    const again = join(out, 'again');
    await buildEdition('en', options({ outDir: again }));
    await buildEdition('fr', options({ outDir: again }));
    expect(readFileSync(join(again, 'petit-guide-fr.pdf')).equals(colour)).toBe(true);
  });
});
