/**
 * A guide written for a website (hard breaks as <br />, inline HTML, phone screenshots at the end of
 * list items, relative links, a titled callout, bold lines as headings), built end to end from its
 * Markdown with front matter added and base-url set, and read back from the PDF with mupdf: what a
 * reader sees, line by line, in which font and colour. Expected values are read off the Markdown below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type * as mupdf from 'mupdf';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject, openPdf } from '../safety/helpers.js';
import { drawnImages, pageLines, renderPage } from '../e2e/helpers.js';

const MM = 72 / 25.4;

// Front matter is 4 lines (---, title, layout, ---) and a blank line: the body starts at line 6.
const BODY = `# Install

Open the store.<br />
Search for **Signal**.<br>
Tap <kbd>Install</kbd> and wait.

Water is H<sub>2</sub>O and <mark>this matters</mark> a lot.

See [the next chapter](Chapter02-01.html) and [the download](https://example.org/dl){.md-button}.

1. Open the app. ![Home](phone1.png "Home.") ![Menu](phone2.png "Menu.")
2. Then:

   ![A screenshot](phone3.png)

   ![A screenshot](phone4.png)

::: warning Before you leave
Lock the screen.
:::

**Step 1**

Do this :material-check: now.

![Spinner](spinner.gif)
`;
const LINE = (needle: string) => 5 + BODY.split('\n').findIndex((l) => l.includes(needle)) + 1;
const COL = (needle: string, inLine: string) => BODY.split('\n').find((l) => l.includes(inLine))!.indexOf(needle) + 1;

/** A phone screenshot: 540 × 1170 px of one colour (each its own, so each is a different image). */
const phone = (r: number, g: number, b: number) => sharp({ create: { width: 540, height: 1170, channels: 3, background: { r, g, b } } }).png().toBuffer();

let root: string;
let pdf: mupdf.PDFDocument;
const warnings: string[] = [];

beforeAll(async () => {
  const images = {
    'phone1.png': await phone(200, 40, 40),
    'phone2.png': await phone(40, 200, 40),
    'phone3.png': await phone(40, 40, 200),
    'phone4.png': await phone(200, 200, 40),
    'spinner.gif': await sharp({ create: { width: 60, height: 60, channels: 3, background: '#888888' } }).gif().toBuffer(),
  };
  root = makeProject({ body: BODY, frontMatter: 'layout: page\n', images });
  writeFileSync(join(root, 'content', 'zine.yml'), 'slug: web\nsource: xx\nbase-url: https://example.org/guide\n');
  const { outputs } = await buildEdition('xx', buildOptions(root, { warn: (w) => warnings.push(w) }));
  pdf = openPdf(readFileSync(outputs[0]));
}, 60_000);

afterAll(cleanup);

interface Glyph {
  c: string;
  x: number;
  y: number;
  size: number;
  font: string;
  page: number;
}

/** Every character of the body pages with its font, size and baseline (y down). */
function glyphs(): Glyph[] {
  const out: Glyph[] = [];
  for (let p = 0; p < pdf.countPages(); p++) {
    pdf
      .loadPage(p)
      .toStructuredText('preserve-whitespace')
      .walk({ onChar: (c, origin, font, size) => out.push({ c, x: origin[0], y: origin[1], size, font: font.getName(), page: p }) });
  }
  return out;
}

/** The glyphs of the first occurrence of `word` (a run of consecutive characters). */
function word(all: Glyph[], w: string): Glyph[] {
  const text = all.map((g) => g.c).join('');
  const i = text.indexOf(w);
  expect(i, `"${w}" not in the PDF`).toBeGreaterThanOrEqual(0);
  return all.slice(i, i + w.length);
}

describe('a web guide, built from its Markdown', () => {
  it('tells what it prints differently, each at its file:line:col with what to do', () => {
    const file = 'content/xx/01-guide.md';
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${file}:3:1 front matter key "layout" is not used\\n`)),
        expect.stringMatching(new RegExp(`^${file}:${LINE('{.md-button}')}:${COL('https://example.org/dl', '{.md-button}')} \\{\\.md-button\\} on a link is not used\\n`)),
        expect.stringMatching(new RegExp(`^${file}:${LINE(':material-check:')}:${COL(':material-check:', ':material-check:')} icon shortcode printed as text: :material-check:\\n`)),
        expect.stringMatching(new RegExp(`^${file}:${LINE('spinner.gif')}:${COL('spinner.gif', 'spinner.gif')} spinner.gif is a GIF: only its first frame prints\\n`)),
      ]),
    );
  });

  it('breaks lines where the Markdown says <br>: each is a line of its own', () => {
    const lines = Array.from({ length: pdf.countPages() }, (_, p) => pageLines(pdf.loadPage(p))).flat();
    const i = lines.findIndex((l) => l.text.trim() === 'Open the store.');
    expect(i, lines.map((l) => l.text).join('\n')).toBeGreaterThanOrEqual(0);
    expect(lines[i + 1].text.trim()).toBe('Search for Signal.');
    expect(lines[i + 2].text.trim()).toMatch(/^Tap Install and wait\.$/);
    expect(lines[i + 1].chars[0].y).toBeGreaterThan(lines[i].chars[0].y);
    expect(lines[i + 2].chars[0].y).toBeGreaterThan(lines[i + 1].chars[0].y);
  });

  it('sets <kbd> in the code face, <sub> small and below the baseline, bold in bold', () => {
    const all = glyphs();
    for (const g of word(all, 'Install')) expect(g.font).toMatch(/Mono/);
    const [h, two, o] = word(all, 'H2O');
    expect(two.size).toBeLessThan(h.size);
    expect(two.y).toBeGreaterThan(h.y);
    expect(o.y).toBe(h.y);
    for (const g of word(all, 'Signal')) expect(g.font).toMatch(/Bold/);
    for (const g of word(all, 'Before you leave').filter((g) => g.c !== ' ')) expect(g.font).toMatch(/Inter.*Bold/);
  });

  it('prints <mark> on a tint: coloured pixels behind the marked words, none behind the others', () => {
    const all = glyphs();
    const tinted = (w: string) => {
      const gs = word(all, w);
      const r = renderPage(pdf.loadPage(gs[0].page), 144);
      const [x0, x1] = [gs[0].x, gs[gs.length - 1].x + gs[gs.length - 1].size * 0.4];
      const [y0, y1] = [gs[0].y - gs[0].size * 0.7, gs[0].y];
      let coloured = 0;
      let total = 0;
      for (let y = Math.ceil(y0 * r.s); y < y1 * r.s; y++) {
        for (let x = Math.ceil(x0 * r.s); x < x1 * r.s; x++) {
          const k = y * r.stride + x * r.n;
          const [R, G, B] = [r.pixels[k], r.pixels[k + 1], r.pixels[k + 2]];
          total++;
          // Neither paper white nor ink gray: a tint (red stands out from green and blue).
          if (R - Math.min(G, B) > 25) coloured++;
        }
      }
      return coloured / total;
    };
    expect(tinted('this matters')).toBeGreaterThan(0.4);
    expect(tinted('Water')).toBe(0);
  });

  it('resolves the relative link against base-url, clickable and on the links page', () => {
    const uris = new Set<string>();
    for (let p = 0; p < pdf.countPages(); p++) for (const l of pdf.loadPage(p).getLinks()) if (l.isExternal()) uris.add(l.getURI());
    expect(uris).toContain('https://example.org/guide/Chapter02-01.html');
    const text = Array.from({ length: pdf.countPages() }, (_, p) => pageLines(pdf.loadPage(p)).map((l) => l.text).join('\n')).join('\n');
    expect(text.replace(/\s+/g, '')).toContain('https://example.org/guide/Chapter02-01.html');
  });

  it('sets the phone screenshots two by two, side by side inside the page, each pair on one page', () => {
    const drawn = Array.from({ length: pdf.countPages() }, (_, p) => drawnImages(pdf.loadPage(p), p)).flat().filter((d) => d.pixelHeight > d.pixelWidth);
    expect(drawn).toHaveLength(4);
    const [width] = [pdf.loadPage(0).getBounds()[2]];
    for (const pair of [drawn.slice(0, 2), drawn.slice(2, 4)]) {
      const [a, b] = pair.sort((p, q) => p.x - q.x);
      expect(b.page).toBe(a.page);
      expect(b.y).toBeCloseTo(a.y, 3);
      expect(b.x).toBeGreaterThan(a.x + a.width);
      // Inside the page with a margin a home printer keeps (8 mm), never run off it.
      expect(a.x).toBeGreaterThan(8 * MM);
      expect(b.x + b.width).toBeLessThan(width - 8 * MM);
    }
    // Four screenshots in fewer pages than one a page.
    expect(new Set(drawn.map((d) => d.page)).size).toBeLessThan(4);
  });

  it('keeps every word inside the page', () => {
    for (let p = 0; p < pdf.countPages(); p++) {
      const [, , w, h] = pdf.loadPage(p).getBounds();
      for (const l of pageLines(pdf.loadPage(p))) {
        expect(l.bbox[0], l.text).toBeGreaterThanOrEqual(8 * MM);
        expect(l.bbox[2], l.text).toBeLessThanOrEqual(w - 8 * MM);
        expect(l.bbox[3], l.text).toBeLessThanOrEqual(h);
      }
    }
  });
});
