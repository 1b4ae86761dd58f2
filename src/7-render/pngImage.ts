import type PDFDocument from 'pdfkit';

/**
 * A PNG placed in the PDF with its compressed data as it is (the PDF Flate filter with PNG predictors
 * reads PNG's IDAT stream directly). pdfkit's own PNG reader copies the data byte by byte, which made
 * it the slowest part of rendering. Covers what our image stage writes: 8-bit or palette PNGs, gray,
 * RGB or indexed, not interlaced, no transparency. Anything else returns null and pdfkit reads it.
 */
export interface PdfImage {
  width: number;
  height: number;
  label: string;
  obj?: unknown;
  embed(doc: typeof PDFDocument.prototype): void;
}

export function pngImage(data: Buffer, label: string): PdfImage | null {
  if (data.length < 33 || data.readUInt32BE(0) !== 0x89504e47) return null;
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      colorType = body[9];
      if (body[12] !== 0) return null; // interlaced
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'tRNS') return null; // transparency: pdfkit builds the soft mask
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const colors = colorType === 0 ? 1 : colorType === 2 ? 3 : colorType === 3 ? 1 : 0;
  if (!colors || !width || !height || (colorType === 3 && !palette) || (colorType !== 3 && depth !== 8)) return null;
  const stream = Buffer.concat(idat);
  return {
    width,
    height,
    label,
    embed(doc) {
      const d = doc as unknown as { ref(data: object): { end(data?: Buffer): void } };
      let colorSpace: unknown = colorType === 2 ? 'DeviceRGB' : 'DeviceGray';
      if (colorType === 3) {
        const pal = d.ref({});
        pal.end(palette);
        colorSpace = ['Indexed', 'DeviceRGB', palette!.length / 3 - 1, pal];
      }
      // A Filter is set, so pdfkit writes the data as given instead of compressing it again.
      const obj = d.ref({
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        BitsPerComponent: depth,
        ColorSpace: colorSpace,
        Filter: 'FlateDecode',
        DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: depth, Columns: width },
      });
      obj.end(stream);
      this.obj = obj;
    },
  };
}
