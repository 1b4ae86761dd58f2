/**
 * Imposition with pdf-lib, for the PDFs our own reader cannot read (see imposeByCopy.ts) or the
 * pages it does not handle. It draws the same layout with the same content streams (sides.ts).
 */
import { ParseSpeeds, PDFDocument, PDFArray, PDFObjectCopier, PDFRawStream, type PDFPageLeaf, type PDFRef, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { layOut, sideContent, type ImposeOptions } from './sides.js';

export async function imposeWithPdfLib(input: Uint8Array, options: ImposeOptions): Promise<Uint8Array> {
  const date = options.date ?? new Date(0);

  // Parse and save in one go: pdf-lib's defaults yield to the event loop every 100 objects.
  const src = await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const srcPages = src.getPages();
  if (srcPages.length === 0) throw new Error('imposeBooklet: input PDF has no pages');

  // No updateMetadata: pdf-lib would otherwise stamp the clock and its own name.
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('zine');
  out.setCreator('zine');
  out.setCreationDate(date);
  out.setModificationDate(date);
  const title = src.getTitle();
  if (title) out.setTitle(title);
  const lang = src.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
  if (lang) out.setLanguage(lang);

  // Each page becomes a Form XObject showing its visible area (CropBox, which defaults to the
  // MediaBox). A page without /Contents is blank: its cell stays empty.
  const boxes = srcPages.map((p) => p.getCropBox());
  const copy = PDFObjectCopier.for(src.context, out.context).copy;
  const embedded = new Map<number, PDFRef>();
  for (const [i, srcPage] of srcPages.entries()) {
    if (!srcPage.node.Contents()) continue;
    const b = boxes[i];
    const node = copy(srcPage.node) as PDFPageLeaf;
    // (normalizedEntries() would wrap the contents in extra q/Q streams: read them as they are.)
    const contents = node.Contents();
    const stream = contents instanceof PDFArray ? (contents.size() === 1 ? contents.lookup(0) : undefined) : contents;
    const Resources = node.Resources();
    let ref: PDFRef;
    if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
      // The page's compressed content goes in as it is: pdf-lib's embedPage would inflate and
      // deflate it again, the slowest part of imposing.
      const dict = out.context.obj({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [b.x, b.y, b.x + b.width, b.y + b.height], Matrix: [1, 0, 0, 1, -b.x, -b.y], Resources, Filter: 'FlateDecode' });
      ref = out.context.register(PDFRawStream.of(dict, stream.contents));
    } else {
      ref = (await out.embedPage(srcPage, { left: b.x, bottom: b.y, right: b.x + b.width, top: b.y + b.height })).ref;
    }
    embedded.set(i, ref);
  }

  const layout = layOut(
    boxes.map((b) => ({ width: b.width, height: b.height })),
    options,
  );
  for (const side of layout.sides) {
    const page = out.addPage([layout.paper.width, layout.paper.height]);
    const content = sideContent(side, layout, (index) => {
      const ref = embedded.get(index);
      if (!ref) return undefined;
      page.node.setXObject(PDFName.of(`P${index + 1}`), ref);
      return `P${index + 1}`;
    });
    page.node.set(PDFName.of('Contents'), out.context.register(out.context.flateStream(content)));
  }

  return out.save({ useObjectStreams: false, objectsPerTick: Infinity });
}
