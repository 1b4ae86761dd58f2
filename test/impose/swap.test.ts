/**
 * A booklet imposed from the reading edition's PDF with the print images put in place of the screen
 * ones (imposeByCopy's swap, src/pipeline.ts): every image of the sheets is a print one, with what it
 * refers to (a palette) from the print PDF; no screen image is left in; pixels and text are the pages'.
 * The images are made here with sharp, their sizes known before any PDF is written.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { ProcessedImage } from '../../src/5-images/processImage.js';
import { renderImages, renderPdf } from '../../src/7-render/renderPdf.js';
import { imposeByCopy } from '../../src/8-impose/imposeByCopy.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import type { PageModel } from '../../src/model/page.js';
import { qpdfCheckBytes, REPO } from '../safety/helpers.js';
import { expectedReading, foldAndRead, label, readSheets } from './helpers.js';

let metrics: ReturnType<typeof fontSet>;
beforeAll(() => {
  metrics = fontSet(join(REPO, 'fonts'), defaultTheme().faces);
});

/** A picture of w × h pixels: a palette PNG (four colours) or a JPEG. */
async function picture(w: number, h: number, format: 'png' | 'jpeg', colours: string[]): Promise<ProcessedImage> {
  const bands = colours.map((c, i) => ({ input: { create: { width: w, height: Math.ceil(h / colours.length), channels: 3 as const, background: c } }, left: 0, top: Math.floor((i * h) / colours.length) }));
  const base = sharp({ create: { width: w, height: h, channels: 3, background: colours[0] } }).composite(bands);
  const data = format === 'png' ? await base.png({ palette: true, colours: 4 }).toBuffer() : await base.jpeg({ quality: 90 }).toBuffer();
  return { data, width: w, height: h, format };
}

/** Eight pages with their labels; a screenshot on page 2, a photo on page 5, the screenshot again on page 7. */
function model(): PageModel {
  const pages = Array.from({ length: 8 }, (_, i) => ({
    index: i,
    kind: 'body' as const,
    folio: i + 1,
    items: [
      { type: 'text' as const, x: 60, y: 120, text: label(i + 1), face: 'body' as const, size: 60, color: '#000000', width: 200, tag: { role: 'P' as const } },
      ...(i === 1 || i === 6 ? [{ type: 'image' as const, x: 60, y: 200, w: 200, h: 100, image: 'shot.png', tag: { role: 'Figure' as const } }] : []),
      ...(i === 4 ? [{ type: 'image' as const, x: 60, y: 200, w: 150, h: 150, image: 'photo.jpg', tag: { role: 'Figure' as const } }] : []),
    ],
  }));
  return { width: 419.53, height: 595.28, lang: 'en', title: 'Swapped images', pages, outline: [], warnings: [] };
}

/** Every image XObject of a PDF: its size, and its palette's number of colours when it has one. */
async function imagesOf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const found: { width: number; height: number; palette?: number }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const n = (k: string) => (obj.dict.get(PDFName.of(k)) as PDFNumber).asNumber();
    const space = obj.dict.get(PDFName.of('ColorSpace'));
    const lookup = space instanceof PDFArray ? space.get(3) : undefined;
    const palette = lookup instanceof PDFRef ? decodePDFRawStream(doc.context.lookup(lookup) as PDFRawStream).decode().length / 3 : undefined;
    found.push({ width: n('Width'), height: n('Height'), ...(palette === undefined ? {} : { palette }) });
  }
  return found.sort((a, b) => a.width - b.width);
}

describe('a booklet imposed from the reading PDF, with the print images', () => {
  it('holds the print images only, each once, the palette its own; folds in order; a valid PDF', async () => {
    const screen = new Map([
      ['shot.png', await picture(40, 20, 'png', ['#ffffff', '#000000', '#3366cc', '#cc3333'])],
      ['photo.jpg', await picture(30, 30, 'jpeg', ['#884422'])],
    ]);
    const print = new Map([
      ['shot.png', await picture(400, 200, 'png', ['#ffffff', '#000000', '#3366cc'])],
      ['photo.jpg', await picture(300, 300, 'jpeg', ['#884422'])],
    ]);
    const objects = new Map<string, number>();
    const reading = await renderPdf(model(), { font: metrics.pdfFont, images: screen, date: new Date(0), tagged: true, imageObjects: objects });
    expect([...objects.keys()].sort()).toEqual(['photo.jpg', 'shot.png']);
    expect(await imagesOf(reading)).toEqual([
      { width: 30, height: 30 },
      { width: 40, height: 20, palette: 4 },
    ]);
    const { pdf: from, objects: printed } = await renderImages(print, metrics.pdfFont);
    const swap = new Map([...objects].map(([key, num]) => [num, printed.get(key)!]));
    const booklet = imposeByCopy(reading, { sheet: 'a4' }, { from, objects: swap });
    expect(booklet).not.toBeNull();
    expect(await imagesOf(booklet!)).toEqual([
      { width: 300, height: 300 },
      { width: 400, height: 200, palette: 3 },
    ]);
    expect(foldAndRead(readSheets(booklet!))).toEqual(expectedReading(8));
    await qpdfCheckBytes(booklet!, 'swapped booklet');
  });

  it('an object the other PDF lacks: no booklet from the reading PDF (the pipeline draws it again)', async () => {
    const screen = new Map([['shot.png', await picture(40, 20, 'png', ['#ffffff', '#000000'])]]);
    const objects = new Map<string, number>();
    const reading = await renderPdf(model(), { font: metrics.pdfFont, images: new Map([...screen, ['photo.jpg', await picture(30, 30, 'jpeg', ['#884422'])]]), date: new Date(0), imageObjects: objects });
    const { pdf: from } = await renderImages(screen, metrics.pdfFont);
    expect(imposeByCopy(reading, { sheet: 'a4' }, { from, objects: new Map([[objects.get('shot.png')!, 9999]]) })).toBeNull();
  });
});
