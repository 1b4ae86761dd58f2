/**
 * SVG figures in a built guide, read back from the PDF as a reader sees it: a diagram's words are text
 * (searchable, in the guide's fonts, no image made of them), an SVG we cannot draw is an image at print
 * resolution with a warning, and a diagram's tiny text or foreign font is said at its line.
 * Expected words come from the SVG source, read here with a regular expression, not our reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject } from '../safety/helpers.js';
import { drawnImages, pageLines } from '../e2e/helpers.js';

const FLOW = readFileSync(join(import.meta.dirname, 'fixtures', 'flow.svg'), 'utf8');
const GRADIENT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120"><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs><rect width="300" height="120" fill="url(#g)"/><text x="150" y="70" text-anchor="middle" font-size="20" fill="#fff" font-family="sans-serif">Gradient label</text></svg>';
const TINY = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300"><rect x="10" y="10" width="1180" height="280" fill="none" stroke="#000"/><text x="600" y="150" text-anchor="middle" font-size="10" font-family="sans-serif">far too small</text></svg>';

/** The words of every <text>, tspans included, as the SVG source has them. */
const svgWords = (svg: string) =>
  [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].flatMap((m) => m[1].replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').split(/\s+/).filter(Boolean));

let root: string;
let pdf: mupdf.PDFDocument;
const warnings: string[] = [];

beforeAll(async () => {
  const body = [
    '# Diagrams',
    '',
    'Only the two phones can read what is sent.',
    '',
    '![How a message travels](flow.svg)',
    '',
    'A gradient we do not draw ourselves:',
    '',
    '![A gradient](gradient.svg)',
    '',
    'A wide diagram:',
    '',
    '![Too wide](tiny.svg)',
    '',
  ].join('\n');
  root = makeProject({ body, frontMatter: 'publisher: Test\nback: Thanks.\n', images: { 'flow.svg': FLOW, 'gradient.svg': GRADIENT, 'tiny.svg': TINY } });
  const { outputs } = await buildEdition('xx', buildOptions(root, { warn: (w) => warnings.push(w) }));
  pdf = mupdf.Document.openDocument(readFileSync(outputs[0]), 'application/pdf') as mupdf.PDFDocument;
}, 60_000);
afterAll(cleanup);

const pages = () => Array.from({ length: pdf.countPages() }, (_, i) => i);
const pageText = (i: number) => pageLines(pdf.loadPage(i)).map((l) => l.text).join(' ');
const pageOf = (word: string) => pages().find((i) => pageText(i).includes(word))!;

describe('an SVG diagram in a guide', () => {
  it('prints every word of the diagram as text a reader can search and copy', () => {
    const words = svgWords(FLOW);
    expect(words.length).toBeGreaterThan(10);
    const text = pageText(pageOf('Server')).split(/\s+/);
    for (const w of words) expect(text, w).toContain(w);
  });

  it('makes no image of a diagram it draws, and one at print resolution of one it cannot', () => {
    const all = pages().flatMap((i) => drawnImages(pdf.loadPage(i), i));
    // One image in the whole PDF: the gradient's shape (300 x 120), none of the diagrams'.
    expect(all.map((i) => Math.round((i.pixelWidth / i.pixelHeight) * 10) / 10)).toEqual([2.5]);
    const [g] = all;
    // The reading edition's images are made for 150 ppi of their printed width.
    expect(g.pixelWidth / (g.width / 72)).toBeGreaterThanOrEqual(149);
  });

  it('sets the words in the guide’s own fonts only', () => {
    const ours = new Set(readdirSync(join(root, 'fonts'), { recursive: true }).map(String).filter((f) => /\.(ttf|otf)$/.test(f)).map((f) => f.split('/').pop()!.replace(/\.(ttf|otf)$/, '').replace(/-/g, '')));
    const page = pdf.loadPage(pageOf('Server'));
    const fonts: string[] = [];
    page.getObject().get('Resources').get('Font').forEach((f: mupdf.PDFObject) => fonts.push(String(f.get('BaseFont').asName()).replace(/^[A-Z]{6}\+/, '').replace(/-/g, '')));
    for (const f of fonts) expect(ours, f).toContain(f);
  });

  it('keeps every word inside the page', () => {
    for (const i of pages()) {
      const [x0, y0, x1, y1] = pdf.loadPage(i).getBounds();
      for (const l of pageLines(pdf.loadPage(i))) {
        expect(l.bbox[0]).toBeGreaterThanOrEqual(x0);
        expect(l.bbox[2]).toBeLessThanOrEqual(x1);
        expect(l.bbox[1]).toBeGreaterThanOrEqual(y0);
        expect(l.bbox[3]).toBeLessThanOrEqual(y1);
      }
    }
  });

  it('says, at the figure’s line, what it cannot draw, what font it lacks and what text is too small', () => {
    const at = (src: string) => `content/xx/01-guide.md:${readFileSync(join(root, 'content', 'xx', '01-guide.md'), 'utf8').split('\n').findIndex((l) => l.includes(`(${src})`)) + 1}:`;
    expect(warnings.find((w) => w.includes('gradient.svg is printed as an image'))).toMatch(new RegExp(`^${at('gradient.svg')}.*<defs>.*this machine's fonts`, 's'));
    expect(warnings.find((w) => w.includes('asks for the font'))).toMatch(new RegExp(`^${at('flow.svg')}.*"Helvetica", "Georgia"`, 's'));
    expect(warnings.find((w) => w.includes('text in tiny.svg'))).toMatch(new RegExp(`^${at('tiny.svg')}.*prints at about \\d\\.\\d pt.*font-size`, 's'));
    expect(warnings.filter((w) => w.includes('tiny.svg asks for'))).toEqual([]); // sans-serif is ours
  });
});
