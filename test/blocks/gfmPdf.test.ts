/**
 * A guide with a long table, footnotes, a checklist and separators, built with the real fonts and read
 * back from the PDF with mupdf, as a reader sees it: what is expected comes from the Markdown below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as mupdf from 'mupdf';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject } from '../safety/helpers.js';
import { openPdf, pageLines } from '../e2e/helpers.js';

const ROWS = 60;
const STEPS = Array.from({ length: ROWS }, (_, i) => ({ no: `S${i + 1}`, what: `Check setting ${i + 1} in the privacy menu`, state: i % 3 ? 'yes' : 'no' }));
const BODY = [
  '# Tools',
  '',
  'Pick an app for each use[^free]. Phones need care[^phone].',
  '',
  '| App | Use | Cost |',
  '| :-- | :-: | --: |',
  '| **Signal** | messages, calls | free |',
  '| Jitsi | video meetings in a browser | free |',
  '',
  '---',
  '',
  'After the separator.',
  '',
  '[^free]: Every app here is free software.',
  '[^phone]: A phone that is lost is a phone that is read.',
  '',
  '# Settings',
  '',
  'Go through them one by one[^order]:',
  '',
  '| No | Setting | Done |',
  '| --- | --- | :-: |',
  ...STEPS.map((s) => `| ${s.no} | ${s.what} | ${s.state} |`),
  '',
  '[^order]: In this order.',
  '',
  '## Before you leave',
  '',
  '- [ ] Phone switched off',
  '- [x] Notes on paper',
  '- [ ] Nothing left on the table',
  '- Not a task',
  '',
  'A note nobody wrote[^ghost].',
  '',
  '[^unused]: Nobody refers to this one.',
].join('\n');
const LINE = (s: string) => BODY.split('\n').indexOf(s) + 5; // the body starts on line 5 of the file, after the front matter

let pdf: mupdf.PDFDocument;
let pages: string[][];
const warnings: string[] = [];

beforeAll(async () => {
  const root = makeProject({ body: BODY });
  const built = await buildEdition('xx', buildOptions(root, { warn: (w) => warnings.push(w) }));
  pdf = openPdf(readFileSync(built.outputs[0]));
  pages = Array.from({ length: pdf.countPages() }, (_, i) => readingOrder(pdf.loadPage(i)));
}, 60_000);

afterAll(cleanup);

/** A page's lines as a reader takes them, whatever order they were drawn in: top to bottom, then left to right. */
function readingOrder(page: mupdf.Page): string[] {
  return pageLines(page)
    .map((l) => ({ text: l.text.trim(), y: Math.round(l.chars[0].y), x: l.chars[0].x }))
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((l) => l.text);
}

/** Every filled path of a page: its bounding box in points (y down), its colour, and its fill rule. */
function fills(page: mupdf.Page) {
  const out: { x0: number; y0: number; x1: number; y1: number; color: number[]; evenOdd: boolean }[] = [];
  const device = new mupdf.Device({
    fillPath(path, evenOdd, ctm, _cs, color) {
      const [a, b, c, d, e, f] = ctm;
      const xs: number[] = [];
      const ys: number[] = [];
      const point = (x: number, y: number) => {
        xs.push(a * x + c * y + e);
        ys.push(b * x + d * y + f);
      };
      path.walk({ moveTo: point, lineTo: point, curveTo: (_1, _2, _3, _4, x, y) => point(x, y) });
      out.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), color: [...color], evenOdd });
    },
  });
  page.run(device, mupdf.Matrix.identity);
  device.close();
  return out;
}

const RED = [0xd4 / 255, 0x21 / 255, 0x1b / 255];
const isRed = (c: number[]) => c.length === 3 && c.every((v, i) => Math.abs(v - RED[i]) < 0.01);

describe('a table in the PDF', () => {
  it('has its cells’ text in reading order, row by row', () => {
    const text = pages.flat().join('\n');
    const cells = ['App', 'Use', 'Cost', 'Signal', 'messages, calls', 'free', 'Jitsi', 'video meetings in a browser', 'free'];
    let at = 0;
    for (const c of cells) {
      const found = text.indexOf(c, at);
      expect(found, `"${c}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + c.length;
    }
  });

  it('runs over several pages, its header row first on each, every row once and in order', () => {
    const withRows = pages.map((lines, i) => ({ i, lines })).filter((p) => p.lines.some((l) => /^S\d+\b/.test(l)));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) {
      const firstRow = p.lines.findIndex((l) => /^S\d+\b/.test(l));
      expect(p.lines.slice(0, firstRow).join(' '), `page ${p.i + 1}`).toMatch(/No\s*Setting\s*Done$/);
    }
    const numbers = withRows.flatMap((p) => p.lines.filter((l) => /^S\d+\b/.test(l)).map((l) => l.split(/\s/)[0]));
    expect(numbers).toEqual(STEPS.map((s) => s.no));
  });
});

describe('footnotes in the PDF', () => {
  it('prints each reference as a raised number after its word, and the numbered notes on the section’s last page', () => {
    const tools = pages.findIndex((l) => l.some((t) => t.includes('Pick an app')));
    const text = pages[tools].join('\n');
    expect(text).toMatch(/use¹/);
    expect(text).toMatch(/care²/);
    // The notes after the section's last block ("After the separator."), in order.
    const after = text.indexOf('After the separator.');
    const one = text.indexOf('Every app here is free software.');
    const two = text.indexOf('A phone that is lost is a phone that is read.');
    expect(after).toBeGreaterThanOrEqual(0);
    expect(one).toBeGreaterThan(after);
    expect(two).toBeGreaterThan(one);
    expect(text).toMatch(/1\.\s*Every app here/);
    expect(text).toMatch(/2\.\s*A phone that is lost/);
    // Numbers go on through a file: the next section's note is 3.
    const settings = pages.findIndex((l) => l.some((t) => t.includes('one by one')));
    expect(pages[settings].join('\n')).toMatch(/one by one³/);
    expect(pages.flat().join('\n')).toMatch(/3\.\s*In this order\./);
  });

  it('warns about an unknown reference and an unused note, at their lines', () => {
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^content/xx/01-guide\\.md:${LINE('A note nobody wrote[^ghost].')}:20 footnote \\[\\^ghost\\] has no definition`)));
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^content/xx/01-guide\\.md:${LINE('[^unused]: Nobody refers to this one.')}:1 footnote \\[\\^unused\\] is never referenced`)));
  });
});

describe('a checklist in the PDF', () => {
  it('draws an empty box for each task, a check mark in the ticked one, and prints no brackets', () => {
    const page = pages.findIndex((l) => l.some((t) => t.includes('Phone switched off')));
    const drawn = fills(pdf.loadPage(page));
    const square = (f: (typeof drawn)[number]) => Math.abs(f.x1 - f.x0 - (f.y1 - f.y0)) < 0.1 && f.x1 - f.x0 > 4 && f.x1 - f.x0 < 10;
    const boxes = drawn.filter((f) => f.evenOdd && square(f));
    expect(boxes).toHaveLength(3);
    const checks = drawn.filter((f) => !f.evenOdd && isRed(f.color) && boxes.some((b) => f.x0 >= b.x0 && f.x1 <= b.x1 && f.y0 >= b.y0 && f.y1 <= b.y1));
    expect(checks).toHaveLength(1);
    // The ticked box is the second task's, on the line of "Notes on paper".
    const lines = pageLines(pdf.loadPage(page));
    const notes = lines.find((l) => l.text.includes('Notes on paper'))!;
    expect(Math.abs(checks[0].y1 - notes.chars[0].y)).toBeLessThan(3);
    expect(pages[page].join(' ')).not.toMatch(/\[[ x]\]/);
  });
});

describe('a separator in the PDF', () => {
  it('is a short accent rule, centred on the page’s text column, between the text above and below', () => {
    const page = pages.findIndex((l) => l.some((t) => t.includes('After the separator.')));
    const lines = pageLines(pdf.loadPage(page));
    const below = lines.find((l) => l.text.includes('After the separator.'))!;
    const above = lines.find((l) => l.text.includes('Jitsi'))!;
    const rules = fills(pdf.loadPage(page)).filter((f) => isRed(f.color) && f.y1 - f.y0 < 3 && f.x1 - f.x0 > 10 && f.y0 > above.chars[0].y && f.y1 < below.chars[0].y);
    expect(rules).toHaveLength(1);
    const [x0, , x1] = pdf.loadPage(page).getBounds();
    const middle = (rules[0].x0 + rules[0].x1) / 2;
    // Text columns are offset by the binding margin (15 mm inner, 14 mm outer): the middle is within 1 mm of the page's.
    expect(Math.abs(middle - (x0 + x1) / 2)).toBeLessThan(72 / 25.4);
  });
});
