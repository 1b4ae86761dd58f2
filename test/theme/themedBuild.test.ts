/**
 * A fork's guide themed in zine.yml alone (page size, colours, body font, emblem), built end to end
 * and read back from the PDFs with mupdf, as a reader or printer sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject } from '../safety/helpers.js';
import { pageLines } from '../e2e/helpers.js';
import { foldAndRead, type Spread } from '../impose/helpers.js';

const MM = 72 / 25.4;
const PARAGRAPH = 'A meeting held in a quiet room, with phones left in another room, is worth more than any app. Agree on who brings what, and who writes the notes, before you start; keep the notes on paper and decide together where they go afterwards.';
const STAR = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path fill="currentColor" d="M50 3 L61 38 L98 38 L68 60 L79 95 L50 73 L21 95 L32 60 L2 38 L39 38 Z"/></svg>';

const open = (file: string) => mupdf.Document.openDocument(readFileSync(file), 'application/pdf') as mupdf.PDFDocument;
const pageSize = (doc: mupdf.PDFDocument, i: number) => {
  const [x0, y0, x1, y1] = doc.loadPage(i).getBounds();
  return [(x1 - x0) / MM, (y1 - y0) / MM];
};
const fontNames = (doc: mupdf.PDFDocument) => {
  const names = new Set<string>();
  for (let i = 0; i < doc.countPages(); i++) {
    const fonts = doc.loadPage(i).getObject().get('Resources').get('Font');
    fonts.forEach((f: mupdf.PDFObject) => names.add(String(f.get('BaseFont').asName()).replace(/^[A-Z]{6}\+/, '')));
  }
  return names;
};

afterAll(cleanup);

const PAGES = [
  { name: 'a6', size: [105, 148], sheetName: 'A5', sheet: [210, 148] },
  { name: 'half-letter', size: [140, 216], sheetName: 'Letter', sheet: [279, 216] },
];

for (const page of PAGES) {
  let root: string;
  let outputs: string[];

  beforeAll(async () => {
  const body = `# Before the meeting\n\n${PARAGRAPH} ${PARAGRAPH}\n\n## Invite people\n\n${PARAGRAPH}\n\n1. Send the invitation through [Signal](https://signal.org).\n2. ${PARAGRAPH}\n\n# After\n\n${PARAGRAPH}\n`;
  root = makeProject({ body, frontMatter: 'website: https://example.org/pocket\npublisher: Tenants union\nedition: Winter 2026\n', images: { 'star.svg': STAR } });
  writeFileSync(join(root, 'content', 'zine.yml'), `slug: pocket\nsource: xx\npage: ${page.name}\ntheme:\n  accent: "#1a7f5a"\n  ink: "#10243a"\n  fonts:\n    body: inter\n  cover:\n    emblem: star.svg\n`);
  outputs = (await buildEdition('xx', buildOptions(root, { booklet: true, phone: true }))).outputs;
}, 60_000);

describe(`a guide themed in zine.yml alone (${page.name})`, () => {
  it('writes the reading, booklet and phone editions', () => {
    expect(outputs.map((o) => o.replace(root + '/', ''))).toEqual(['build/pocket-xx.pdf', 'build/pocket-xx-booklet.pdf', 'build/pocket-xx-phone.pdf']);
  });

  it(`has ${page.name} pages, and phone pages about 90 × 160 mm`, () => {
    const reading = open(outputs[0]);
    for (let i = 0; i < reading.countPages(); i++) expect(pageSize(reading, i).map(Math.round)).toEqual(page.size);
    const phone = open(outputs[2]);
    for (let i = 0; i < phone.countPages(); i++) expect(pageSize(phone, i).map(Math.round)).toEqual([90, 160]);
  });

  it('sets the body in the font zine.yml names, embedded', () => {
    const names = fontNames(open(outputs[0]));
    expect(names.has('Inter-Regular')).toBe(true);
    expect([...names].some((n) => n.startsWith('NotoSerif'))).toBe(false);
  });

  it('keeps every character inside the page margins (justified lines in a font of 2816 units per em included)', () => {
    for (const file of [outputs[0], outputs[2]]) {
      const doc = open(file);
      for (let i = 1; i < doc.countPages() - 1; i++) {
        const [x0, , x1] = doc.loadPage(i).getBounds();
        for (const line of pageLines(doc.loadPage(i))) {
          // 5 mm: the phone's margin; printed pages' margins are wider.
          expect(line.bbox[0], `${file} page ${i + 1}: ${line.text}`).toBeGreaterThanOrEqual(x0 + 5 * MM - 0.5);
          expect(line.bbox[2], `${file} page ${i + 1}: ${line.text}`).toBeLessThanOrEqual(x1 - 5 * MM + 0.5);
        }
      }
    }
  });

  it('justified lines end at the same right edge, on a page of running text', () => {
    const doc = open(outputs[0]);
    const lines = pageLines(doc.loadPage(2)).filter((l) => l.text.trim().split(/\s+/).length > 4 && l.chars[0].size > 8);
    const rights = lines.map((l) => l.bbox[2]);
    const edge = Math.max(...rights);
    // Most lines of a justified paragraph reach the edge (last lines and ragged ones fall short).
    expect(rights.filter((r) => Math.abs(r - edge) < 1).length).toBeGreaterThan(4);
  });

  it('prints the cover in the accent, with the emblem drawn as a vector in the ink', () => {
    const doc = open(outputs[0]);
    const pixmap = doc.loadPage(0).toPixmap([1, 0, 0, 1, 0, 0], mupdf.ColorSpace.DeviceRGB, false);
    const px = pixmap.getPixels();
    const w = pixmap.getWidth();
    const at = (x: number, y: number) => [...px.slice((y * w + x) * 3, (y * w + x) * 3 + 3)];
    // Colours come back within a unit or two of what zine.yml says (rounding in the renderer).
    const near = (c: number[], hex: number[]) => c.every((v, k) => Math.abs(v - hex[k]) <= 2);
    expect(near(at(3, 3), [0x1a, 0x7f, 0x5a]), String(at(3, 3))).toBe(true);
    // The emblem has no image: the cover holds no image XObject.
    const xobjects = doc.loadPage(0).getObject().get('Resources').get('XObject');
    expect(xobjects.isNull() || xobjects.isDictionary() && (() => { let n = 0; xobjects.forEach(() => n++); return n; })() === 0).toBe(true);
    // And its ink is on the cover: count ink-coloured pixels above the foot band (at 77 % of the height on every page size).
    let ink = 0;
    for (let y = 0; y < Math.round(pixmap.getHeight() * 0.75); y++) for (let x = 0; x < w; x++) if (near(at(x, y), [0x10, 0x24, 0x3a])) ink++;
    expect(ink).toBeGreaterThan(500);
  });

  it(`imposes the pages on ${page.sheetName} sheets that fold into the reading order`, () => {
    const reading = open(outputs[0]);
    const booklet = open(outputs[1]);
    const sheets = booklet.countPages() / 2;
    for (let i = 0; i < booklet.countPages(); i++) expect(pageSize(booklet, i).map(Math.round)).toEqual(page.sheet);
    // Each half of each side, told by its text; the folding model (test/impose) gives the order a reader meets them.
    const halves = (i: number) => {
      const [x0, , x1] = booklet.loadPage(i).getBounds();
      const mid = (x0 + x1) / 2;
      const lines = pageLines(booklet.loadPage(i));
      const text = (left: boolean) => lines.filter((l) => (l.bbox[0] + l.bbox[2]) / 2 < mid === left).map((l) => l.text.trim()).join(' ');
      return { left: text(true), right: text(false) };
    };
    const spreads: Spread<string>[] = Array.from({ length: sheets }, (_, k) => ({ front: halves(2 * k), back: halves(2 * k + 1) }));
    const folded = foldAndRead(spreads);
    const pages = Array.from({ length: reading.countPages() }, (_, i) => pageLines(reading.loadPage(i)).map((l) => l.text.trim()).join(' '));
    // Blank pages pad the booklet to a multiple of 4 just before the back cover.
    const expected = [...pages.slice(0, -1), ...Array(folded.length - pages.length).fill(''), pages.at(-1)!];
    expect(folded).toEqual(expected);
  });
});
}
