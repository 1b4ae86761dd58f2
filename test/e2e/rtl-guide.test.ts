/**
 * A right-to-left guide that is not ours: Arabic headings, a list, a figure, a link, Latin words and
 * numbers inside the text. It builds like our editions: every word of its Markdown (written here, not
 * parsed by us) comes back from the PDF through mupdf in reading order, every mark stays inside the
 * page's safe area, the text starts at the right, and the booklet is bound on the right.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentBox } from '../../src/6-layout/book.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { buildEdition, layoutEdition, type BuildOptions } from '../../src/pipeline.js';
import type { PageModel } from '../../src/model/page.js';
import { oneLanguageGuide } from '../project.js';
import * as mupdf from 'mupdf';
import { key, MM, openPdf, pageLines, popplerPages } from './helpers.js';

const BLOCKS = [
  'مقدمة الدليل',
  'نص عربي فيه كلمات لاتينية مثل Signal و Android 10 ورابط إلى الموقع وأرقام ٣ و 2020 في السطر.',
  'عنصر أول من القائمة',
  'عنصر ثانٍ فيه Tor (متصفح آمن).',
  'عنوان فرعي',
  'فقرة أخيرة قصيرة، تنتهي هنا.',
  // Ligatures (لا، لأ، لى) and marks, one inside a lam-alef (لًا): read back letter for letter, marks kept.
  'لا تنسوا الأزمة على الأقل، ظلّ التنظّم أولًا ممكنا.',
];
const GUIDE = [
  '---',
  'title: دليل الاختبار',
  'publisher: Us',
  'back: مرّروه إلى غيركم.',
  '---',
  '',
  `# ${BLOCKS[0]}`,
  '',
  BLOCKS[1].replace('الموقع', '[الموقع](https://example.org)'),
  '',
  `- ${BLOCKS[2]}`,
  `- ${BLOCKS[3]}`,
  '',
  '![صورة الشاشة](shot.png)',
  '',
  `## ${BLOCKS[4]}`,
  '',
  BLOCKS[5],
  '',
  BLOCKS[6],
  '',
].join('\n');

describe('a right-to-left guide of its own', () => {
  let root: string;
  let reading: Uint8Array;
  let booklet: Uint8Array;
  let model: PageModel;

  beforeAll(async () => {
    root = await oneLanguageGuide('ar', ['المحتويات', 'روابط', 'كل روابط الدليل.', 'الشكل', 'مرّروه'], GUIDE);
    const o: BuildOptions = { root, outDir: join(root, 'build'), booklet: true, press: false, grayscale: false, sheet: 'a4', flip: 'short', warn: () => {} };
    const result = await buildEdition('ar', o);
    const file = (suffix: string) => new Uint8Array(readFileSync(result.outputs.find((f) => f.endsWith(`-ar${suffix}.pdf`))!));
    reading = file('');
    booklet = file('-booklet');
    model = (await layoutEdition('ar', o)).model;
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives back every word of its Markdown, in reading order', () => {
    const doc = openPdf(reading);
    let stream = '';
    for (let i = 0; i < doc.countPages(); i++) stream += pageLines(doc.loadPage(i)).map((l) => key(l.text)).join('');
    let at = 0;
    const missing: string[] = [];
    for (const word of BLOCKS.join(' ').split(/\s+/)) {
      const k = key(word);
      const found = stream.indexOf(k, at);
      if (found < 0) missing.push(word);
      else at = found + k.length;
    }
    expect(missing).toEqual([]);
  });

  // Letters, marks and their order exactly, spaces aside: not `key`, which drops Arabic marks.
  const exact = (s: string) => s.normalize('NFC').replace(/[\s\u200c-\u200f\u202a-\u202e]/g, '');

  it('copies ligatures and marks letter for letter, in order, through mupdf and pdftotext', () => {
    const doc = openPdf(reading);
    const pages = Array.from({ length: doc.countPages() }, (_, i) => i);
    const read = {
      mupdf: exact(pages.map((i) => pageLines(doc.loadPage(i)).map((l) => l.text).join('')).join('')),
      pdftotext: exact(popplerPages(reading, model.width, model.height).join('')),
    };
    for (const [reader, text] of Object.entries(read)) for (const word of BLOCKS[6].split(' ')) expect(text, `${reader}: ${word}`).toContain(exact(word));
  });

  it('keeps the letters written for copying invisible: no filled glyph of the hidden font, every hidden one a letter of the text', () => {
    const doc = openPdf(reading);
    type Glyph = { hidden: boolean; c: string };
    const filled: Glyph[] = [];
    const ignored: Glyph[] = [];
    // The variant's name ends in "-hidden", which mupdf cuts at 32 characters.
    const collect = (into: Glyph[]) => (text: mupdf.Text) => text.walk({ showGlyph: (font, _trm, _glyph, unicode) => void into.push({ hidden: /-h[a-z]*$/.test(font.getName()), c: String.fromCodePoint(unicode) }) });
    for (let i = 0; i < doc.countPages(); i++) {
      const device = new mupdf.Device({ fillText: collect(filled), ignoreText: collect(ignored) });
      doc.loadPage(i).run(device, mupdf.Matrix.identity);
      device.close();
    }
    expect(filled.filter((g) => g.hidden)).toEqual([]);
    expect(ignored.length, 'the ligatures and marks of the guide have hidden letters').toBeGreaterThan(0);
    const source = new Set([...BLOCKS.join('')]);
    expect(ignored.filter((g) => !g.hidden || !source.has(g.c))).toEqual([]);
  });

  it('keeps every mark inside the page, 8 mm from its edges', () => {
    const bad: string[] = [];
    for (const p of model.pages)
      for (const it of p.items) {
        const w = it.type === 'text' ? it.width : it.type === 'qr' ? it.size : 'w' in it ? it.w : 0;
        if (p.kind !== 'cover' && p.kind !== 'back' && (it.type === 'text' || it.type === 'image') && (it.x < 8 * MM || it.x + w > model.width - 8 * MM)) bad.push(`page ${p.index + 1}: ${JSON.stringify(it).slice(0, 80)}`);
      }
    expect(bad).toEqual([]);
  });

  it('sets its heading and paragraph from the right edge of the mirrored text column', () => {
    const theme = defaultTheme();
    const page = model.pages.find((p) => p.kind === 'body' && p.items.some((i) => i.type === 'text' && i.text === 'مقدمة'))!;
    const box = contentBox(theme.page, page.index);
    const right = model.width - box.x; // the column's start, mirrored
    const heading = page.items.find((i) => i.type === 'text' && i.text === 'مقدمة')!;
    expect(heading.x + (heading as { width: number }).width).toBeCloseTo(right, 3);
    const first = page.items.find((i) => i.type === 'text' && i.text === 'نص')!;
    expect(first.x + (first as { width: number }).width).toBeCloseTo(right, 3);
    const image = page.items.find((i) => i.type === 'image');
    expect(image, 'the figure is on the page').toBeDefined();
  });

  it('links its link', () => {
    const doc = openPdf(reading);
    const urls = Array.from({ length: doc.countPages() }, (_, i) => doc.loadPage(i).getLinks().filter((l) => l.isExternal()).map((l) => l.getURI())).flat();
    expect(urls).toContain('https://example.org');
  });

  it('is a booklet bound on the right: the cover on the left half of the first sheet', () => {
    const doc = openPdf(booklet);
    const W = doc.loadPage(0).getBounds()[2];
    const half = (left: boolean) => key(pageLines(doc.loadPage(0)).flatMap((l) => l.chars.filter((c) => (c.x < W / 2) === left).map((c) => c.c)).join(''));
    expect(half(true)).toContain(key('دليل الاختبار'));
    expect(half(false)).toContain(key('مرّروه إلى غيركم'));
  });
});
