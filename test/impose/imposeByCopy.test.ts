/**
 * Imposing with our own reader and writer (imposeByCopy), on the PDFs it meets: pdf-lib's (object
 * streams, or a classic table) and pdfkit's (our renderer); and the fallback to pdf-lib for what it
 * refuses. The output is read back by mupdf and checked by qpdf, independent readers.
 */
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { decodePDFRawStream, degrees, PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTheme } from '../../src/4-theme/design.js';
import { renderPdf } from '../../src/7-render/renderPdf.js';
import { imposeByCopy } from '../../src/8-impose/imposeByCopy.js';
import { imposeBooklet } from '../../src/8-impose/index.js';
import { pdfNumber } from '../../src/8-impose/sides.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { findInPdf, pdfParts, qpdfCheckBytes, REPO } from '../safety/helpers.js';
import { classic, expectedReading, foldAndRead, labelledPages, makeInput, readPdf, readSheets, stream } from './helpers.js';

let metrics: ReturnType<typeof fontSet>;
let objectStreams: Uint8Array;
beforeAll(async () => {
  metrics = fontSet(join(REPO, 'fonts'), defaultTheme().faces);
  objectStreams = await makeInput(14);
});

/** n labelled pages with a link, as our renderer draws them. */
function rendered(n: number, tagged: boolean): Promise<Uint8Array> {
  return renderPdf(labelledPages(n, 'Rendered input', 'https://example.org/zine-link'), { font: metrics.pdfFont, images: new Map(), date: new Date(0), tagged });
}

/** The input re-saved by pdf-lib after changing it. */
async function edited(input: Uint8Array, change: (doc: PDFDocument) => void, useObjectStreams = true): Promise<Uint8Array> {
  const doc = await PDFDocument.load(input);
  change(doc);
  return doc.save({ useObjectStreams });
}

/** Page i's content, decoded (pdf-lib writes one Flate stream per page, alone or in an array). */
const contentOf = (doc: PDFDocument, i: number) => {
  const contents = doc.context.lookup(doc.getPage(i).node.get(PDFName.of('Contents')));
  const stream = contents instanceof PDFArray && contents.size() === 1 ? contents.lookup(0) : contents;
  if (!(stream instanceof PDFRawStream)) throw new Error('one raw content stream expected');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
};

describe('imposing with our own reader and writer', () => {
  it.each([
    ['object streams and an xref stream', () => objectStreams],
    ['a classic xref table', () => edited(objectStreams, () => {}, false)],
    ['pdfkit, untagged', () => rendered(14, false)],
    ['pdfkit, tagged', () => rendered(14, true)],
  ])('%s: folds and reads in order', async (_, input) => {
    const out = imposeByCopy(await input(), { sheet: 'a4' });
    expect(out).not.toBeNull();
    expect(foldAndRead(readSheets(out!))).toEqual(expectedReading(14));
  });

  it('joins a page of several content streams, and draws it where one stream would', async () => {
    // P03's content split in two between the x and y of its text position: joined without a
    // separator, the two numbers would run together.
    const split = await edited(objectStreams, (doc) => {
      const [, first, second] = /^([^]*1 0 0 1 [\d.]+) ([^]*)$/.exec(contentOf(doc, 2)) ?? [];
      expect(second).toMatch(/^[\d.]+ Tm/);
      const refs = [first, second].map((text) => doc.context.register(doc.context.flateStream(text)));
      doc.getPage(2).node.set(PDFName.of('Contents'), doc.context.obj(refs));
    });
    const out = imposeByCopy(split, { sheet: 'a4' });
    expect(out).not.toBeNull();
    const whole = await imposeBooklet(objectStreams, { sheet: 'a4' });
    const p03 = (bytes: Uint8Array) => readPdf(bytes)[2].lines.find((l) => l.text.trim() === 'P03')?.bbox;
    expect(p03(out!)).toEqual(p03(whole));
    expect(foldAndRead(readSheets(out!))).toEqual(expectedReading(14));
  });

  it('takes MediaBox, CropBox and Resources inherited from the page tree, and shows only the CropBox', () => {
    // Two pages of 200 × 300 with a big label, written out by hand: once plainly, once with their
    // attributes on the Pages node and a visible area that does not start at 0 0.
    const page = (contents: number) => `<</Type/Page/Parent 2 0 R/Contents ${contents} 0 R>>`;
    const text = (x: number, y: number, t: string) => `BT /F1 60 Tf ${x} ${y} Td (${t}) Tj ET`;
    const handWritten = (pages: string, dx: number, dy: number) =>
      classic(
        {
          1: '<</Type/Catalog/Pages 2 0 R>>',
          2: `<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2${pages}/Resources<</Font<</F1 7 0 R>>>>>>`,
          3: page(5),
          4: page(6),
          5: stream(`/Length ${text(20 + dx, 150 + dy, 'P01').length}`, text(20 + dx, 150 + dy, 'P01')),
          6: stream(`/Length ${text(20 + dx, 150 + dy, 'P02').length}`, text(20 + dx, 150 + dy, 'P02')),
          7: '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
        },
        '<</Size 8/Root 1 0 R>>',
      );
    const plain = imposeByCopy(handWritten('/MediaBox[0 0 200 300]', 0, 0), {})!;
    const cropped = imposeByCopy(handWritten('/MediaBox[0 0 400 500]/CropBox[50 60 250 360]', 50, 60), {})!;
    const labels = (bytes: Uint8Array) => readPdf(bytes).flatMap((p) => p.lines.map((l) => [l.text.trim(), ...l.bbox.map((v) => Math.round(v))]));
    expect(labels(plain).map(([t]) => t)).toEqual(['P02', 'P01']); // the back cover left of the cover
    expect(labels(cropped)).toEqual(labels(plain));
    expect(readPdf(cropped)[0]).toMatchObject({ width: 400, height: 300 });
  });

  it('copies an unfiltered content stream as it is', async () => {
    const unfiltered = await edited(objectStreams, (doc) => {
      const text = contentOf(doc, 0);
      doc.getPage(0).node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(text)));
    });
    const out = imposeByCopy(unfiltered, { sheet: 'a4' });
    expect(out).not.toBeNull();
    expect(foldAndRead(readSheets(out!))).toEqual(expectedReading(14));
  });

  it.each([
    ['pdf-lib input', () => objectStreams, {}],
    ['pdfkit input, marks, long-edge flip, creep', () => rendered(14, true), { marks: true, flip: 'long' as const, creep: 2 }],
  ])('%s: a PDF that mupdf renders sheet by sheet and qpdf --check finds clean', async (_, input, options) => {
    const out = imposeByCopy(await input(), { sheet: 'a4', ...options });
    expect(out).not.toBeNull();
    const doc = mupdf.Document.openDocument(out!, 'application/pdf');
    expect(doc.countPages()).toBe(8);
    for (let i = 0; i < doc.countPages(); i++) expect(doc.loadPage(i).toPixmap(mupdf.Matrix.scale(0.2, 0.2), mupdf.ColorSpace.DeviceGray, false).getWidth()).toBeGreaterThan(0);
    await qpdfCheckBytes(out!, 'booklet');
  });

  it('copies nothing the pages do not show: no annotations, links, structure tree, outline or XMP', async () => {
    const input = await rendered(8, true);
    const before = pdfParts(input).objects.join('\n');
    for (const key of ['/Annot', '/URI', '/StructTreeRoot', '/Metadata']) expect(before).toContain(key);
    const out = imposeByCopy(input, { sheet: 'a4' })!;
    const after = pdfParts(out).objects.join('\n');
    for (const key of ['/Annot', '/URI', '/StructTreeRoot', '/StructParents', '/Outlines', '/Metadata', '/MarkInfo']) expect(after).not.toContain(key);
    expect(findInPdf(out, 'zine-link')).toEqual([]);
    // The input's own pages are not copied: only the sheets' sides are pages.
    expect(after.match(/\/Type\s*\/Page\b/g)).toHaveLength(4);
  });

  it('copies a resource the pages share once', async () => {
    const input = await rendered(8, false);
    const fonts = (bytes: Uint8Array) => pdfParts(bytes).objects.filter((o) => /\/Type\s*\/FontDescriptor/.test(o)).length;
    expect(fonts(input)).toBeGreaterThan(0);
    expect(fonts(imposeByCopy(input, { sheet: 'a4' })!)).toBe(fonts(input));
  });

  it('keeps the catalog /Lang and the info /Title as written, and nothing else of the info', async () => {
    const input = await rendered(4, true);
    const out = imposeByCopy(input, { sheet: 'a4', date: new Date('2024-05-06T07:08:09Z') })!;
    const doc = mupdf.PDFDocument.openDocument(out, 'application/pdf') as mupdf.PDFDocument;
    const src = mupdf.PDFDocument.openDocument(input, 'application/pdf') as mupdf.PDFDocument;
    const trailer = doc.getTrailer();
    const value = (dict: mupdf.PDFObject, key: string) => dict.get(key).resolve().toString();
    expect(value(trailer.get('Root'), 'Lang')).toBe(value(src.getTrailer().get('Root'), 'Lang'));
    expect(value(trailer.get('Root'), 'Lang')).toBe('(en)');
    const info = trailer.get('Info');
    expect(value(info, 'Title')).toBe(value(src.getTrailer().get('Info'), 'Title'));
    expect(value(info, 'Title')).toBe('(Rendered input)');
    const keys: string[] = [];
    info.forEach((_, key) => keys.push(String(key)));
    expect(keys.sort()).toEqual(['CreationDate', 'Creator', 'ModDate', 'Producer', 'Title']);
    expect(info.get('CreationDate').asString()).toBe('D:20240506070809Z');
  });
});

describe('falling back to pdf-lib for what our reader refuses', () => {
  it('xref offsets that are wrong', async () => {
    const classic = Buffer.from(await edited(objectStreams, () => {}, false)).toString('latin1');
    const shifted = Buffer.from(
      classic.replace(/^(\d{10}) 00000 n/gm, (_, o: string) => `${String(Number(o) + 2).padStart(10, '0')} 00000 n`),
      'latin1',
    );
    expect(imposeByCopy(shifted, { sheet: 'a4' })).toBeNull();
    expect(foldAndRead(readSheets(await imposeBooklet(shifted, { sheet: 'a4' })))).toEqual(expectedReading(14));
  });

  it('a page whose content is in a filter other than FlateDecode', async () => {
    const hex = await edited(objectStreams, (doc) => {
      const text = contentOf(doc, 4);
      doc.getPage(4).node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`${Buffer.from(text, 'latin1').toString('hex')}>`, { Filter: 'ASCIIHexDecode' })));
    });
    expect(imposeByCopy(hex, { sheet: 'a4' })).toBeNull();
    expect(foldAndRead(readSheets(await imposeBooklet(hex, { sheet: 'a4' })))).toEqual(expectedReading(14));
  });

  it('a rotated page', async () => {
    const rotated = await edited(objectStreams, (doc) => doc.getPage(0).setRotation(degrees(90)));
    expect(imposeByCopy(rotated, { sheet: 'a4' })).toBeNull();
    const sheets = readSheets(await imposeBooklet(rotated, { sheet: 'a4' }));
    expect(sheets).toHaveLength(4);
    expect(sheets[0].front.left).toBe('P14');
  });
});

describe('marks as drawn', () => {
  it('fold marks dashed, crop marks solid', async () => {
    // A6 on A4 leaves room all round: a fold tick and crop marks below the spread, 3 pt under
    // its bottom edge and 6 mm long (see marks.ts's description).
    const A6 = { width: 297.64, height: 419.53 };
    const [W, H] = [841.89, 595.28];
    const out = imposeByCopy(await makeInput(4, A6), { sheet: 'a4', marks: true })!;
    const k = 8;
    const pix = mupdf.Document.openDocument(out, 'application/pdf').loadPage(0).toPixmap(mupdf.Matrix.scale(k, k), mupdf.ColorSpace.DeviceGray, false);
    const [pixels, stride] = [pix.getPixels(), pix.getStride()];
    const inked = (x: number, y: number) => [-1, 0, 1].some((dx) => pixels[Math.floor((H - y) * k) * stride + Math.floor(x * k) + dx] < 128);
    /** Whether each point along x from y0 to y1 (in pt, y up) is inked. */
    const along = (x: number, y0: number, y1: number) => Array.from({ length: Math.round((y1 - y0) * k) }, (_, i) => inked(x, y0 + i / k));
    const bottom = (H - A6.height) / 2;
    const tick = [bottom - 3 - 6 * (72 / 25.4) + 0.5, bottom - 3 - 0.5] as const;
    const changes = (seen: boolean[]) => seen.filter((v, i) => i > 0 && v !== seen[i - 1]).length;

    const fold = along(W / 2, ...tick);
    expect(changes(fold)).toBeGreaterThanOrEqual(4); // [3 2]: 17 pt is three dashes and more
    const crop = along(W / 2 - A6.width, ...tick);
    expect(crop.every(Boolean)).toBe(true);
    expect(along(W / 2 - A6.width - 5, ...tick).some(Boolean)).toBe(false); // thin: nothing 5 pt beside it
  });
});

describe('numbers in content streams', () => {
  it('at most 6 decimals, no trailing zeros, no exponent, no negative zero', () => {
    expect(pdfNumber(0.1 + 0.2)).toBe('0.3');
    expect(pdfNumber(420.945)).toBe('420.945');
    expect(pdfNumber(1e-7)).toBe('0');
    expect(pdfNumber(-1e-7)).toBe('0');
    expect(pdfNumber(-0)).toBe('0');
    expect(pdfNumber(2.6e-6)).toBe('0.000003');
    expect(pdfNumber(1e-20)).toBe('0');
    expect(pdfNumber(123456789.125)).toBe('123456789.125');
  });
});
