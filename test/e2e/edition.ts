/**
 * End-to-end: one edition built once, in process, then read back from the bytes the way a
 * reader (text, contents, links, QR codes) and a printer (fonts, images, booklet, bleed) meet it.
 * Expectations come from content/<lang>/*.md, read by a second Markdown parser (commonmark, see
 * helpers.ts), and the page model, never from our parser or hard-coded numbers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsQRImport from 'jsqr';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, PDFStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveImage } from '../../src/5-images/resolveImage.js';
import { contentBox } from '../../src/6-layout/book.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { Page, PageModel, QrItem, TextItem } from '../../src/model/page.js';
import { buildEdition, layoutEdition, type BuildOptions } from '../../src/pipeline.js';
import { allElements, readTagged, type TaggedPdf } from '../a11y/pdfStructure.js';
import { matterhorn } from '../a11y/matterhorn.js';
import { headingsSaid, headingsWritten, missingInOrder } from '../a11y/said.js';
import { A5, MM, bare, drawnImages, expectedFromMarkdown, key, norm, openPdf, pageLines, popplerPages, renderCrop, renderPage, textAreaLines, wordsAndSentences, type DrawnImage, type Expected, type Line } from './helpers.js';
const PAGE = defaultTheme().page;
const STYLES = defaultTheme().styles;
const FALLBACK = defaultTheme().fallback;
/** A style's text may be set in its face or a fallback of it (Arabic letters in the Arabic face). */
const inFace = (style: { face: string }, t: TextItem) => t.face === style.face || (FALLBACK[style.face as keyof typeof FALLBACK] ?? []).includes(t.face);

type Decode = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' }) => { data: string } | null;
// jsqr is CommonJS: its function is the module itself or its `default`, depending on the loader.
const jsQR = ((jsQRImport as unknown as { default?: Decode }).default ?? jsQRImport) as unknown as Decode;

/** Every test of one edition; each language's test file calls it. */
export function editionSuite(LANG: string): void {
  const ROOT = resolve(import.meta.dirname, '../..');
  const TOL = 0.5;
  // The language's direction from the platform's locale data (CLDR), not from our language table.
  const RTL = (new Intl.Locale(LANG) as Intl.Locale & { textInfo?: { direction: string } }).textInfo?.direction === 'rtl';
  // The digits of the numbers the engine writes (folios, contents): the language's own where its texts
  // use them (Persian), written here rather than read from our language files; Western elsewhere.
  const DIGITS: Record<string, string> = { fa: '۰۱۲۳۴۵۶۷۸۹' };
  const digits = [...(DIGITS[LANG] ?? '0123456789')];
  const written = (n: number) => String(n).replace(/[0-9]/g, (d) => digits[Number(d)]);
  /** A number in the edition's digits, or NaN (Western digits in a Persian edition are not its numbers). */
  const numberIn = (t: string) => (t && [...t].every((c) => digits.includes(c)) ? Number([...t].map((c) => digits.indexOf(c)).join('')) : NaN);

  /** The content box of a page: a right-to-left book's pages are mirrored (binding on the right). */
  const pageBox = (index: number) => {
    const b = contentBox(PAGE, index);
    return RTL ? { ...b, x: PAGE.width - b.x - b.width } : b;
  };

  let out: string;
  let model: PageModel;
  let expected: Expected;
  let reading: Uint8Array;
  let booklet: Uint8Array;
  let press: Uint8Array;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'zine-e2e-'));
    const o: BuildOptions = { root: ROOT, outDir: out, booklet: true, press: true, grayscale: false, sheet: 'a4', flip: 'short', warn: () => {} };
    const result = await buildEdition(LANG, o);
    model = (await layoutEdition(LANG, o)).model;
    expected = expectedFromMarkdown(ROOT, LANG);
    const file = (suffix: string) => {
      const p = result.outputs.find((f) => f.endsWith(`-${LANG}${suffix}.pdf`));
      if (!p) throw new Error(`no ${suffix || 'reading'} PDF among ${result.outputs.join(', ')}`);
      return new Uint8Array(readFileSync(p));
    };
    reading = file('');
    booklet = file('-booklet');
    press = file('-press');
  }, 60_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  // ---------------------------------------------------------------- shared readings

  /** A list of problems that must be empty; shown one per line when it is not. */
  const none = (problems: string[], message?: string) => expect(problems.join('\n'), message).toBe('');

  const pagesOfKind = (...kinds: Page['kind'][]) => model.pages.filter((p) => kinds.includes(p.kind));

  /** Key text of the body and links pages as one stream, each character knowing its page. */
  function textStream() {
    const doc = openPdf(reading);
    let stream = '';
    const pageOf: number[] = [];
    for (const p of pagesOfKind('body', 'links')) {
      const page = doc.loadPage(p.index);
      for (const l of textAreaLines(pageLines(page), model.height)) {
        const k = key(l.text);
        stream += k;
        for (let i = 0; i < k.length; i++) pageOf.push(p.index);
      }
    }
    return { stream, pageOf };
  }

  /** The blocks a reader should meet, in order: the Markdown's, plus the generated links section. */
  function readingOrder() {
    const blocks = [...expected.blocks];
    if (expected.urls.length || expected.meta.website) {
      const links = [
        // `::: links` makes the links page a subsection where it stands; without it, a section at the end.
        { kind: 'heading' as const, text: expected.strings.links, level: expected.linksIndexAfter === null ? 1 : 2, id: 'zine-links', file: `content/${LANG}/strings.yml`, line: 1 },
        { kind: 'paragraph' as const, text: expected.strings.linksIntro, file: `content/${LANG}/strings.yml`, line: 1 },
      ];
      blocks.splice(expected.linksIndexAfter ?? blocks.length, 0, ...links);
    }
    return blocks;
  }

  /** Where each expected block is found in the PDF text, in order: its 0-based page, or a failure. */
  function locateBlocks() {
    const { stream, pageOf } = textStream();
    let pos = 0;
    const found: { block: ReturnType<typeof readingOrder>[number]; page: number }[] = [];
    const missing: string[] = [];
    for (const block of readingOrder()) {
      const k = key(block.text);
      if (!k) continue;
      const at = stream.indexOf(k, pos);
      if (at < 0) {
        const anywhere = stream.indexOf(k);
        missing.push(`${block.file}:${block.line} ${block.kind} "${block.text.slice(0, 60)}" ${anywhere >= 0 ? `out of order (found on page ${pageOf[anywhere] + 1})` : 'not in the PDF text'}`);
        continue;
      }
      found.push({ block, page: pageOf[at] });
      pos = at + k.length;
    }
    return { found, missing };
  }

  const furniture = (p: Page, t: TextItem) =>
    (inFace(STYLES.runningHead, t) && t.size === STYLES.runningHead.size && Math.abs(t.y - PAGE.headBaseline) < 3) ||
    (inFace(STYLES.folio, t) && t.size === STYLES.folio.size && t.text === written(p.index + 1) && Math.abs(t.y - (model.height - PAGE.folioBaseline)) < 3);

  const headingStyles = [STYLES.sectionLabel, STYLES.h2, STYLES.h3];
  const isHeading = (t: TextItem) => headingStyles.some((s) => inFace(s, t) && s.size === t.size) || (t.text.trim() === '' && t.size === STYLES.sectionLabel.size);

  // ---------------------------------------------------------------- 1. page size

  describe('reading edition', { timeout: 30_000 }, () => {
    it('has the page model’s pages, every one A5', () => {
      const doc = openPdf(reading);
      expect(doc.countPages()).toBe(model.pages.length);
      const wrong: string[] = [];
      for (let i = 0; i < doc.countPages(); i++) {
        const [x0, y0, x1, y1] = doc.loadPage(i).getBounds();
        if (Math.abs(x1 - x0 - A5.width) > TOL || Math.abs(y1 - y0 - A5.height) > TOL) wrong.push(`page ${i + 1}: ${(x1 - x0).toFixed(2)}×${(y1 - y0).toFixed(2)} pt`);
      }
      none(wrong);
    });

    // -------------------------------------------------------------- 2. text

    it('prints every heading, paragraph, list item and caption of the Markdown, in order', () => {
      const { found, missing } = locateBlocks();
      none(missing);
      expect(found.length).toBeGreaterThan(0);
    });

    it('gives back the words and sentences of the Markdown to mupdf and to poppler’s pdftotext', () => {
      const texts = readingOrder().map((b) => b.text);
      const poppler = popplerPages(reading, model.width, model.height);
      const readers = {
        mupdf: { stream: textStream().stream, fold: key },
        // poppler orders a line's characters by position and puts a neutral character beside a Latin word
        // in the Latin run (right to left, "Zoom،" reads "،Zoom"): its words are compared without punctuation.
        pdftotext: { stream: bare(pagesOfKind('body', 'links').map((p) => poppler[p.index]).join('')), fold: bare },
      };
      for (const [reader, { stream, fold }] of Object.entries(readers)) {
        const got = wordsAndSentences(texts, stream, fold);
        // At least 99 % of the words, in reading order, and every sentence whole.
        expect(got.missing.length, `${reader}: ${got.missing.length} of ${got.words} words missing: ${got.missing.slice(0, 20).join(' | ')}`).toBeLessThanOrEqual(got.words / 100);
        none(got.broken.map((s) => `${reader}: sentence not whole: ${s}`));
      }
    });

    it('prints on every page but the covers its number, in the language’s digits, at its foot', () => {
      const doc = openPdf(reading);
      const wrong: string[] = [];
      for (const p of model.pages) {
        if (p.kind === 'cover' || p.kind === 'back') continue;
        const foot = pageLines(doc.loadPage(p.index)).filter((l) => (l.chars[0]?.y ?? 0) > model.height - 14 * MM);
        const numbers = foot.map((l) => numberIn(l.text.trim()));
        if (numbers.length !== 1 || numbers[0] !== p.index + 1) wrong.push(`page ${p.index + 1}: ${JSON.stringify(foot.map((l) => l.text))}`);
      }
      none(wrong);
    });

    // -------------------------------------------------------------- 3. contents and outline

    it('lists in the contents the page each heading is printed on', () => {
      const doc = openPdf(reading);
      const { found } = locateBlocks();
      const headingPage = new Map(found.filter((f) => f.block.kind === 'heading').map((f) => [f.block.id!, f.page]));
      const headings = readingOrder().filter((b) => b.kind === 'heading' && (b.level ?? 9) <= 2);

      // Read the contents pages: titles (possibly on several lines) closed by a number at the right.
      const contents = pagesOfKind('contents');
      expect(contents.length).toBeGreaterThan(0);
      const entries: { title: string; number: number; y: number; page: number }[] = [];
      let title: string[] = [];
      for (const p of contents) {
        const page = doc.loadPage(p.index);
        const right = model.width / 2;
        for (const l of textAreaLines(pageLines(page), model.height)) {
          // Split the line at big gaps: the title and its right-aligned number may share a line.
          const runs: { text: string; x: number; y: number }[] = [];
          // Right to left, characters come in reading order from the right: a gap is measured leftwards.
          let prevX = RTL ? Infinity : -Infinity;
          for (const c of l.chars) {
            if (!runs.length || (RTL ? prevX - (c.x + c.size * 0.6) : c.x - prevX) > 20) runs.push({ text: '', x: c.x, y: c.y });
            runs[runs.length - 1].text += c.c;
            prevX = RTL ? c.x : c.x + c.size * 0.6;
          }
          for (const r of runs) {
            const t = r.text.trim();
            // The page number closes the entry at the line's end: at the right, or at the left right to left.
            if (!Number.isNaN(numberIn(t)) && (RTL ? r.x < right : r.x > right)) {
              entries.push({ title: title.join(' '), number: numberIn(t), y: r.y, page: p.index });
              title = [];
            } else if (t && !(entries.length === 0 && title.length === 0 && key(t) === key(expected.strings.contents))) title.push(t);
          }
        }
      }
      none(title, 'text after the last page number on the contents pages');
      expect(entries.map((e) => norm(e.title))).toEqual(headings.map((h) => norm(h.text)));
      const wrong: string[] = [];
      headings.forEach((h, i) => {
        const e = entries[i];
        const actual = headingPage.get(h.id!);
        if (actual === undefined) wrong.push(`"${h.text}" is not found in the body`);
        else if (e.number !== actual + 1) wrong.push(`"${h.text}": contents say ${e.number}, printed on page ${actual + 1}`);
      });
      none(wrong);

      // Each entry is a link to its heading's page.
      const badLinks: string[] = [];
      for (const e of entries) {
        const h = headings[entries.indexOf(e)];
        const link = doc
          .loadPage(e.page)
          .getLinks()
          .find((l) => !l.isExternal() && l.getBounds()[1] <= e.y && l.getBounds()[3] >= e.y - 1);
        if (!link) badLinks.push(`"${e.title}": no link`);
        else if (doc.resolveLink(link) !== headingPage.get(h.id!)) badLinks.push(`"${e.title}": links to page ${doc.resolveLink(link) + 1}, printed on ${(headingPage.get(h.id!) ?? -1) + 1}`);
      }
      none(badLinks);
    });

    it('has bookmarks for the sections (and their subsections) pointing at their pages', () => {
      const doc = openPdf(reading);
      const { found } = locateBlocks();
      const headingPage = new Map(found.filter((f) => f.block.kind === 'heading').map((f) => [f.block.id!, f.page]));
      const order = readingOrder().filter((b) => b.kind === 'heading');
      const h1 = order.filter((b) => b.level === 1);
      const outline = doc.loadOutline() ?? [];
      expect(outline.map((o) => norm(o.title ?? ''))).toEqual(h1.map((h) => norm(h.text)));
      const wrong: string[] = [];
      outline.forEach((o, i) => {
        const h = h1[i];
        if (o.page !== headingPage.get(h.id!)) wrong.push(`"${o.title}" → page ${(o.page ?? -1) + 1}, printed on ${(headingPage.get(h.id!) ?? -1) + 1}`);
        const start = order.indexOf(h);
        const next = order.findIndex((b, j) => j > start && b.level === 1);
        const subs = order.slice(start + 1, next < 0 ? undefined : next).filter((b) => b.level === 2);
        const down = o.down ?? [];
        if (down.map((d) => norm(d.title ?? '')).join('|') !== subs.map((s) => norm(s.text)).join('|')) wrong.push(`"${o.title}": children ${JSON.stringify(down.map((d) => d.title))}, expected ${JSON.stringify(subs.map((s) => s.text))}`);
        down.forEach((d, j) => {
          const s = subs[j];
          if (s && d.page !== headingPage.get(s.id!)) wrong.push(`"${d.title}" → page ${(d.page ?? -1) + 1}, printed on ${(headingPage.get(s.id!) ?? -1) + 1}`);
        });
      });
      none(wrong);
    });

    // -------------------------------------------------------------- 7. links

    it('has a clickable link annotation for every link in the Markdown', () => {
      const doc = openPdf(reading);
      const uris = new Set<string>();
      const bodyUris = new Set<string>();
      for (let i = 0; i < doc.countPages(); i++) {
        for (const l of doc.loadPage(i).getLinks()) {
          if (!l.isExternal()) continue;
          uris.add(l.getURI());
          if (model.pages[i].kind === 'body') bodyUris.add(l.getURI());
        }
      }
      expect(expected.urls.length).toBeGreaterThan(0);
      // Where the link is written (in the text) and in the links section.
      none(expected.urls.filter((u) => !bodyUris.has(u)));
      none(expected.urls.filter((u) => !uris.has(u)));
    });
  });

  // ---------------------------------------------------------------- 4. fonts

  /** Every font dictionary of a PDF, with whether its program is embedded. */
  async function fonts(bytes: Uint8Array) {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const ctx = pdf.context;
    const dict = (o: unknown) => (o instanceof PDFRef ? ctx.lookup(o) : o) as PDFDict | undefined;
    const result: { name: string; subtype: string; embedded: boolean }[] = [];
    for (const [, obj] of ctx.enumerateIndirectObjects()) {
      const d = obj instanceof PDFStream ? undefined : (obj as PDFDict);
      if (!(d instanceof PDFDict) || d.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
      const subtype = (d.get(PDFName.of('Subtype')) as PDFName | undefined)?.decodeText() ?? '?';
      const name = (d.get(PDFName.of('BaseFont')) as PDFName | undefined)?.decodeText() ?? '?';
      if (subtype === 'Type3') {
        result.push({ name, subtype, embedded: true }); // glyphs are content streams
        continue;
      }
      let target: PDFDict | undefined = d;
      if (subtype === 'Type0') {
        const desc: unknown = dict(d.get(PDFName.of('DescendantFonts')));
        target = desc instanceof PDFArray ? dict(desc.get(0)) : undefined;
      }
      const fd = target ? dict(target.get(PDFName.of('FontDescriptor'))) : undefined;
      const embedded = !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.get(PDFName.of(k)) !== undefined);
      result.push({ name, subtype, embedded });
    }
    return result;
  }

  const STANDARD_14 = /^(Times-(Roman|Bold|Italic|BoldItalic)|Helvetica(-Bold|-Oblique|-BoldOblique)?|Courier(-Bold|-Oblique|-BoldOblique)?|Symbol|ZapfDingbats)$/;

  const editions = [
    ['reading', () => reading],
    ['booklet', () => booklet],
    ['press', () => press],
  ] as const;

  describe('fonts', { timeout: 30_000 }, () => {
    for (const [edition, get] of editions) {
      it(`are all embedded in the ${edition} edition, none of the standard 14`, async () => {
        const list = await fonts(get());
        expect(list.length).toBeGreaterThan(0);
        none(list.filter((f) => !f.embedded).map((f) => `${f.subtype} ${f.name}`));
        none(list.filter((f) => STANDARD_14.test(f.name.replace(/^[A-Z]{6}\+/, ''))).map((f) => f.name));
      });
    }

    it('every page of the reading edition refers only to embedded fonts (mupdf’s view)', () => {
      const doc = openPdf(reading);
      const bad: string[] = [];
      for (let i = 0; i < doc.countPages(); i++) {
        const fontsDict = (doc.loadPage(i) as import('mupdf').PDFPage).getObject().getInheritable('Resources').get('Font');
        if (fontsDict.isNull()) continue;
        fontsDict.forEach((f, name) => {
          const font = f.resolve();
          const sub = font.get('Subtype').asName();
          const target = sub === 'Type0' ? font.get('DescendantFonts').get(0).resolve() : font;
          const fd = target.get('FontDescriptor');
          const embedded = sub === 'Type3' || (!fd.isNull() && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => !fd.get(k).isNull()));
          if (!embedded) bad.push(`page ${i + 1} /${name} ${font.get('BaseFont').asName()}`);
        });
      }
      none(bad);
    });
  });

  // ---------------------------------------------------------------- 5. images

  async function sourceSizes() {
    return Promise.all(
      expected.figures.map(async (f) => {
        const r = resolveImage(ROOT, LANG, f.src, { file: f.file, line: f.line, col: 1 });
        const meta = await sharp(readFileSync(r.absPath)).metadata();
        const swap = (meta.orientation ?? 1) >= 5;
        const w = f.attrs.crop ? f.attrs.crop[2] : swap ? meta.height! : meta.width!;
        const h = f.attrs.crop ? f.attrs.crop[3] : swap ? meta.width! : meta.height!;
        return { w, h };
      }),
    );
  }

  function imagesOf(bytes: Uint8Array, kinds: Page['kind'][] = ['body', 'links']) {
    const doc = openPdf(bytes);
    const all: DrawnImage[] = [];
    for (let i = 0; i < doc.countPages(); i++) if (kinds.includes(model.pages[i]?.kind)) all.push(...drawnImages(doc.loadPage(i), i));
    return all;
  }

  const figureId = (f: Expected['figures'][number]) => `${f.src} crop=${f.attrs.crop?.join(',') ?? ''} redact=${JSON.stringify(f.attrs.redact)}`;

  describe('images', { timeout: 30_000 }, () => {
    it('every figure of the Markdown is printed, in order, showing its own picture at its own proportions', async () => {
      const src = await sourceSizes();
      const drawn = imagesOf(reading);
      expect(drawn.length).toBe(expected.figures.length);
      const problems: string[] = [];
      expected.figures.forEach((f, i) => {
        const d = drawn[i];
        const want = src[i].w / src[i].h;
        const where = `${f.file}:${f.line} ${f.src}${f.attrs.crop ? ` crop ${f.attrs.crop.join(',')}` : ''} (page ${d.page + 1})`;
        if (Math.abs(d.width / d.height / want - 1) > 0.02) problems.push(`${where}: printed ${(d.width / d.height).toFixed(3)}:1, source ${want.toFixed(3)}:1`);
        if (Math.abs(d.pixelWidth / d.pixelHeight / want - 1) > 0.02) problems.push(`${where}: pixels ${d.pixelWidth}×${d.pixelHeight}, source ${src[i].w}×${src[i].h}`);
      });
      // Two different figures (other file, crop or redaction) never show the same pixels.
      for (let i = 0; i < drawn.length; i++)
        for (let j = i + 1; j < drawn.length; j++)
          if (figureId(expected.figures[i]) !== figureId(expected.figures[j]) && drawn[i].hash === drawn[j].hash)
            problems.push(`${expected.figures[i].file}:${expected.figures[i].line} and line ${expected.figures[j].line} are different figures but print the same image (pages ${drawn[i].page + 1}, ${drawn[j].page + 1})`);
      none(problems);
    });

    it('are at screen resolution (≤ 155 ppi) in the reading edition, at print resolution in the press and booklet editions, never upscaled', async () => {
      const src = await sourceSizes();
      const screen = imagesOf(reading);
      const print = imagesOf(press);
      expect(screen.length).toBe(expected.figures.length);
      expect(print.length).toBe(expected.figures.length);
      const ppi = (d: DrawnImage) => d.pixelWidth / (d.width / 72);
      const problems: string[] = [];
      expected.figures.forEach((f, i) => {
        const s = screen[i];
        const p = print[i];
        const available = src[i].w / (p.width / 72);
        const where = `${f.file}:${f.line} ${f.src}`;
        if (ppi(s) > 155) problems.push(`${where}: reading edition at ${ppi(s).toFixed(0)} ppi`);
        if (ppi(p) < Math.min(300, available) * 0.98) problems.push(`${where}: print at ${ppi(p).toFixed(0)} ppi, source allows ${available.toFixed(0)}`);
        if (available > 160 && ppi(p) <= ppi(s)) problems.push(`${where}: print (${ppi(p).toFixed(0)} ppi) not sharper than reading (${ppi(s).toFixed(0)} ppi)`);
        for (const [ed, d] of [['reading', s], ['print', p]] as const) if (d.pixelWidth > src[i].w + 1) problems.push(`${where}: ${ed} has ${d.pixelWidth} px, source only ${src[i].w}`);
      });
      // The booklet carries the print images, at the same size.
      const bookletDoc = openPdf(booklet);
      const bookletImages: DrawnImage[] = [];
      for (let i = 0; i < bookletDoc.countPages(); i++) bookletImages.push(...drawnImages(bookletDoc.loadPage(i), i));
      const byHash = new Map(print.map((d) => [d.hash, d]));
      for (const d of bookletImages) {
        const p = byHash.get(d.hash);
        if (!p) problems.push(`booklet side ${d.page + 1}: an image that is not one of the print images (${d.pixelWidth}×${d.pixelHeight})`);
        else if (Math.abs(ppi(d) - ppi(p)) > 2) problems.push(`booklet side ${d.page + 1}: image at ${ppi(d).toFixed(0)} ppi, print edition ${ppi(p).toFixed(0)}`);
      }
      none(problems);
      expect(new Set(bookletImages.map((d) => d.hash))).toEqual(new Set(print.map((d) => d.hash)));
    });
  });

  // ---------------------------------------------------------------- 6. QR codes

  /** Decode a QR item of the page model from the page rendered at 200 dpi, with a white quiet zone of 4 modules. */
  function decodeQr(rendered: ReturnType<typeof renderPage>, q: QrItem) {
    const module = q.size / q.modules.length;
    const m = 4 * module;
    const keep: [number, number, number, number] = [q.x, q.y, q.x + q.size, q.y + q.size];
    const img = renderCrop(rendered, [q.x - m, q.y - m, q.x + q.size + m, q.y + q.size + m], keep);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  }

  describe('QR codes', { timeout: 30_000 }, () => {
    it('on the links pages decode to the URL printed beside them, and cover every link of the Markdown', () => {
      const doc = openPdf(reading);
      const links = pagesOfKind('links');
      expect(links.length).toBeGreaterThan(0);
      const decoded = new Set<string>();
      const problems: string[] = [];
      let count = 0;
      for (const p of links) {
        const pageText = key(pageLines(doc.loadPage(p.index)).map((l) => l.text).join('\n'));
        const rendered = renderPage(doc.loadPage(p.index), 200);
        for (const q of p.items.filter((i): i is QrItem => i.type === 'qr')) {
          count++;
          const beside = p.items
            // Beside: after the code in the reading direction (to its left on a right-to-left page).
            .filter((t): t is TextItem => t.type === 'text' && (RTL ? t.x + t.width <= q.x && t.x + t.width > q.x - 40 - t.width : t.x >= q.x + q.size && t.x < q.x + q.size + 40) && t.y > q.y && t.y < q.y + q.size + 12)
            .sort((a, b) => a.y - b.y || a.x - b.x);
          const start = beside.findIndex((t) => /^https?:/.test(t.text));
          const url = start < 0 ? '' : beside.slice(start).filter((t) => t.face === beside[start].face && t.size === beside[start].size).map((t) => t.text).join('');
          const data = decodeQr(rendered, q);
          if (data) decoded.add(data);
          const where = `page ${p.index + 1}, QR at ${(q.x / MM).toFixed(0)},${(q.y / MM).toFixed(0)} mm`;
          if (!url) problems.push(`${where}: no URL printed beside it`);
          else if (data !== url) problems.push(`${where}: decodes to ${JSON.stringify(data)}, printed ${url}`);
          if (url && !pageText.includes(key(url))) problems.push(`${where}: ${url} is not in the page text`);
        }
      }
      expect(count).toBeGreaterThan(0);
      none(problems);
      none(expected.urls.filter((u) => !decoded.has(u)));
      if (expected.meta.website) expect(decoded.has(expected.meta.website)).toBe(true);
    });

    it('on the back cover decodes to the website, whose address is printed there', () => {
      const doc = openPdf(reading);
      const back = pagesOfKind('back');
      expect(back.length).toBe(1);
      expect(model.pages[model.pages.length - 1].kind).toBe('back');
      const qrs = back[0].items.filter((i): i is QrItem => i.type === 'qr');
      expect(qrs.length).toBeGreaterThan(0);
      const website = expected.meta.website!;
      expect(website).toBeTruthy();
      const rendered = renderPage(doc.loadPage(back[0].index), 200);
      for (const q of qrs) expect(decodeQr(rendered, q)).toBe(website);
      const host = new URL(website).host.replace(/^www\./, '');
      expect(key(pageLines(doc.loadPage(back[0].index)).map((l) => l.text).join('\n'))).toContain(key(host));
    });
  });

  // ---------------------------------------------------------------- 8. geometry of the page model

  describe('page model geometry', { timeout: 30_000 }, () => {
    it('keeps all text on body, contents and links pages at least 8 mm from every edge', () => {
      const m = 8 * MM;
      const bad: string[] = [];
      for (const p of pagesOfKind('body', 'contents', 'links'))
        for (const t of p.items)
          if (t.type === 'text' && t.text.trim() && (t.x < m - 0.01 || t.x + t.width > model.width - m + 0.01 || t.y < m || t.y > model.height - m))
            bad.push(`page ${p.index + 1}: "${t.text}" at x ${(t.x / MM).toFixed(1)}–${((t.x + t.width) / MM).toFixed(1)} mm, baseline ${(t.y / MM).toFixed(1)} mm`);
      none(bad);
    });

    it('keeps body text, images and QR codes inside the content box (running heads and folios aside)', () => {
      const bad: string[] = [];
      for (const p of pagesOfKind('body', 'contents', 'links')) {
        const b = pageBox(p.index);
        const [left, right, top, bottom] = [b.x - TOL, b.x + b.width + TOL, b.y - TOL, b.y + b.height + TOL];
        for (const it of p.items) {
          if (it.type === 'text') {
            if (!it.text.trim() || furniture(p, it)) continue;
            if (it.x < left || it.x + it.width > right || it.y - it.size * 0.72 < top || it.y > bottom)
              bad.push(`page ${p.index + 1}: "${it.text}" x ${it.x.toFixed(1)}–${(it.x + it.width).toFixed(1)}, baseline ${it.y.toFixed(1)} (box x ${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)}, y ${b.y.toFixed(1)}–${(b.y + b.height).toFixed(1)})`);
          } else if (it.type === 'image' || it.type === 'qr') {
            const w = it.type === 'qr' ? it.size : it.w;
            const h = it.type === 'qr' ? it.size : it.h;
            if (it.x < left || it.x + w > right || it.y < top || it.y + h > bottom) bad.push(`page ${p.index + 1}: ${it.type} at ${it.x.toFixed(1)},${it.y.toFixed(1)} ${w.toFixed(1)}×${h.toFixed(1)} leaves the box`);
          }
        }
      }
      none(bad);
    });

    it('never ends a page with a heading', () => {
      const bad: string[] = [];
      for (const p of pagesOfKind('body', 'links')) {
        const texts = p.items.filter((t): t is TextItem => t.type === 'text' && !furniture(p, t) && t.text.trim() !== '');
        const content = p.items.filter((i) => (i.type === 'text' && !furniture(p, i) && i.text.trim()) || i.type === 'image' || i.type === 'qr');
        for (const h of texts.filter(isHeading)) {
          const after = content.some((i) => i.y > h.y + 0.5 && !(i.type === 'text' && isHeading(i)));
          if (!after) bad.push(`page ${p.index + 1}: heading "${h.text}" has nothing after it on the page`);
        }
      }
      none(bad);
    });

    /** Body lines of the page model matched to the Markdown's paragraphs and list items. */
    function paragraphLines() {
      type ModelLine = { page: number; y: number; text: string };
      const lines: ModelLine[] = [];
      for (const p of pagesOfKind('body', 'links')) {
        let cur: ModelLine | undefined;
        let lastEnd = 0;
        for (const t of p.items) {
          if (t.type !== 'text' || furniture(p, t)) continue;
          if (!cur || Math.abs(cur.y - t.y) > 0.01) {
            cur = { page: p.index, y: t.y, text: '' };
            lines.push(cur);
          } else if (t.x - lastEnd > 1) cur.text += ' ';
          cur.text += t.actual ?? t.text;
          lastEnd = t.x + t.width;
        }
      }
      const result: { block: string; lines: ModelLine[] }[] = [];
      const unmatched: string[] = [];
      let cursor = 0;
      for (const b of readingOrder()) {
        if (b.kind !== 'paragraph' && b.kind !== 'item') continue;
        const k = key(b.text);
        let i = cursor;
        while (i < lines.length && !(key(lines[i].text) && k.startsWith(key(lines[i].text)))) i++;
        let acc = '';
        const mine: ModelLine[] = [];
        let j = i;
        while (j < lines.length && acc.length < k.length && k.startsWith(acc + key(lines[j].text))) acc += key(lines[j++].text);
        if (acc !== k) {
          unmatched.push(`${b.file}:${b.line} "${b.text.slice(0, 50)}"`);
          continue;
        }
        mine.push(...lines.slice(i, j));
        result.push({ block: `${b.file}:${b.line} "${b.text.slice(0, 40)}…"`, lines: mine });
        cursor = j;
      }
      return { result, unmatched };
    }

    it('leaves no widow: a paragraph’s last line never stands alone at the top of a page', () => {
      const { result, unmatched } = paragraphLines();
      none(unmatched);
      const widows = result
        .filter((r) => r.lines.length >= 2 && r.lines[r.lines.length - 1].page !== r.lines[r.lines.length - 2].page)
        .map((r) => `${r.block}: last line alone at the top of page ${r.lines[r.lines.length - 1].page + 1}`);
      none(widows);
    });

    it('leaves no orphan: a paragraph’s first line never stands alone at the bottom of a page', () => {
      const { result } = paragraphLines();
      const orphans = result.filter((r) => r.lines.length >= 2 && r.lines[0].page !== r.lines[1].page).map((r) => `${r.block}: first line alone at the bottom of page ${r.lines[0].page + 1}`);
      none(orphans);
    });
  });

  // ---------------------------------------------------------------- 9. metadata

  describe('metadata', { timeout: 30_000 }, () => {
    for (const [edition, get] of editions) {
      it(`${edition} edition: Title from the front matter, Lang ${LANG}, Producer zine`, async () => {
        const pdf = await PDFDocument.load(get(), { updateMetadata: false });
        expect(norm(pdf.getTitle() ?? '')).toBe(norm(expected.meta.title));
        const lang = pdf.catalog.get(PDFName.of('Lang'));
        expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined).toBe(LANG);
        expect(pdf.getProducer()).toBe('zine');
        // mupdf reads the same title.
        expect(norm(openPdf(get()).getMetaData('info:Title') ?? '')).toBe(norm(expected.meta.title));
      });
    }
  });

  describe('tagged structure (reading edition)', () => {
    let tagged: TaggedPdf;
    beforeAll(() => {
      tagged = readTagged(reading);
    });
    it('headings: H1 to H3 at the Markdown levels, with its texts, in order', () => {
      expect(headingsSaid(tagged, expected.strings)).toEqual(headingsWritten(expected));
    });
    it('figures: a Figure per image, its /Alt the Markdown alt text', () => {
      const figures = allElements(tagged.root).filter((e) => e.role === 'Figure');
      expect(figures.map((f) => f.alt)).toEqual(expected.figures.filter((f) => !f.attrs.decorative).map((f) => f.alt));
    });
    it('the prose in source order', () => {
      expect(missingInOrder(tagged, expected)).toEqual([]);
    });
    it('passes the Matterhorn checks that apply', () => {
      expect(matterhorn(reading)).toEqual({});
    });
  });

  // ---------------------------------------------------------------- 10. booklet

  /** Normalised text of each half of a sheet side, upright (an upside-down side has its halves swapped). */
  function halves(page: import('mupdf').Page, width: number) {
    const lines = pageLines(page);
    const upsideDown = lines.length > 0 && lines.every((l) => l.dir[0] === -1);
    const left: string[] = [];
    const right: string[] = [];
    for (const l of lines) {
      const a = l.chars.filter((c) => c.x < width / 2).map((c) => c.c).join('');
      const b = l.chars.filter((c) => c.x >= width / 2).map((c) => c.c).join('');
      if (a.trim()) left.push(a);
      if (b.trim()) right.push(b);
    }
    const l = norm(left.join('\n'));
    const r = norm(right.join('\n'));
    return upsideDown ? { left: r, right: l } : { left: l, right: r };
  }

  const pageText = (l: Line[]) => norm(l.map((x) => x.text).join('\n'));

  describe('booklet', { timeout: 30_000 }, () => {
    it('is A4 landscape with ceil(pages / 4) × 2 sides', () => {
      const doc = openPdf(booklet);
      expect(doc.countPages()).toBe(Math.ceil(model.pages.length / 4) * 2);
      for (let i = 0; i < doc.countPages(); i++) {
        const [x0, y0, x1, y1] = doc.loadPage(i).getBounds();
        expect(Math.abs(x1 - x0 - 297 * MM), `side ${i + 1} width`).toBeLessThan(TOL);
        expect(Math.abs(y1 - y0 - 210 * MM), `side ${i + 1} height`).toBeLessThan(TOL);
      }
    });

    it('gives pdftotext, half by half, the words of the Markdown', () => {
      const W = 297 * MM;
      const H = 210 * MM;
      const text = [0, W / 2].flatMap((x) => popplerPages(booklet, W, H, { x, y: 0, w: W / 2, h: H })).join(' ');
      const stream = bare(text);
      const words = readingOrder().flatMap((b) => b.text.split(/\s+/).map(bare).filter(Boolean));
      const missing = words.filter((w) => !stream.includes(w));
      expect(missing.length, `${missing.length} of ${words.length} words missing: ${missing.slice(0, 20).join(' | ')}`).toBeLessThanOrEqual(words.length / 100);
    });

    it('puts the right reading pages on each half; folded, it reads in order with the back cover last', () => {
      const readingDoc = openPdf(reading);
      const texts = model.pages.map((p) => pageText(pageLines(readingDoc.loadPage(p.index))));
      // Every page must be recognisable by its text for this check to mean anything.
      expect(new Set(texts).size).toBe(texts.length);
      const doc = openPdf(booklet);
      const W = 297 * MM;
      const identify = (t: string): number | null => {
        if (!t) return null;
        const i = texts.findIndex((x) => x === t);
        return i >= 0 ? i : -2; // -2: text that is no reading page
      };
      // A booklet bound on the right is the mirror image of one bound on the left: its halves swap.
      const sides = Array.from({ length: doc.countPages() }, (_, i) => halves(doc.loadPage(i), W)).map((s) => (RTL ? { left: s.right, right: s.left } : s));
      const n = model.pages.length;
      const N = Math.ceil(n / 4) * 4;
      const slot = (k: number) => (k === N - 1 ? n - 1 : k < n - 1 ? k : null); // blanks before the back cover

      // Sheet 1, by the first 40 characters as a reader would compare them.
      const first40 = (s: string) => s.slice(0, 40);
      const want = (k: number) => (slot(k) === null ? '' : first40(texts[slot(k)!]));
      expect({ left: first40(sides[0].left), right: first40(sides[0].right) }).toEqual({ left: want(N - 1), right: want(0) });
      expect({ left: first40(sides[1].left), right: first40(sides[1].right) }).toEqual({ left: want(1), right: want(N - 2) });

      // All sheets: fold them (outermost first; a short-edge flip puts the back's left behind the front's right).
      const sheets = [];
      for (let i = 0; i < sides.length; i += 2)
        sheets.push({ front: { left: identify(sides[i].left), right: identify(sides[i].right) }, back: { left: identify(sides[i + 1].left), right: identify(sides[i + 1].right) } });
      const firstHalf = sheets.flatMap((s) => [s.front.right, s.back.left]);
      const secondHalf = [...sheets].reverse().flatMap((s) => [s.back.right, s.front.left]);
      expect([...firstHalf, ...secondHalf]).toEqual(Array.from({ length: N }, (_, k) => slot(k)));
    });
  });

  // ---------------------------------------------------------------- 11. press edition

  describe('press edition', { timeout: 30_000 }, () => {
    it('has a TrimBox of A5, a BleedBox 3 mm larger all round, and a MediaBox larger still', async () => {
      const pdf = await PDFDocument.load(press, { updateMetadata: false });
      const pages = pdf.getPages();
      expect(pages.length).toBe(model.pages.length);
      const bad: string[] = [];
      const bleed = 3 * MM;
      pages.forEach((p, i) => {
        const has = (name: string) => p.node.get(PDFName.of(name)) !== undefined;
        if (!has('TrimBox') || !has('BleedBox')) return bad.push(`page ${i + 1}: no ${has('TrimBox') ? 'BleedBox' : 'TrimBox'}`);
        const t = p.getTrimBox();
        const b = p.getBleedBox();
        const m = p.getMediaBox();
        if (Math.abs(t.width - A5.width) > TOL || Math.abs(t.height - A5.height) > TOL) bad.push(`page ${i + 1}: TrimBox ${t.width.toFixed(2)}×${t.height.toFixed(2)}`);
        const d = [t.x - b.x, t.y - b.y, b.x + b.width - (t.x + t.width), b.y + b.height - (t.y + t.height)];
        if (d.some((v) => Math.abs(v - bleed) > 0.1)) bad.push(`page ${i + 1}: bleed ${d.map((v) => (v / MM).toFixed(2)).join('/')} mm`);
        if (!(m.x < b.x && m.y < b.y && m.x + m.width > b.x + b.width && m.y + m.height > b.y + b.height)) bad.push(`page ${i + 1}: MediaBox does not contain the BleedBox with room for marks`);
        return undefined;
      });
      none(bad);
    });
  });
}
