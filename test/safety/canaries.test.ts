/**
 * Canary images: each carries a secret (metadata, trailing bytes, text chunks, hidden or redacted
 * pixels) that must reach no edition of the PDF, in any form.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, crc32, pngChunks, extractImages, findInPdf, jpegSegments, jpegWithComment, makeProject, pngChunk, pngWithChunks, secret, type ExtractedImage } from './helpers.js';

const S = {
  artist: secret('artist'),
  description: secret('desc'),
  gps: secret('gps'),
  xmp: secret('xmp'),
  comment: secret('com'),
  trailing: secret('trail'),
  text: secret('text'),
  itxt: secret('itxt'),
  exifPng: secret('exifpng'),
  afterIend: secret('iend'),
  drawn: secret('drawn'),
};

/** Colours that exist only inside redacted, cropped-away or transparent pixels of the sources. */
const REDACTED = [0x19, 0xe6, 0xb4] as const; // the block under the redaction box
const DRAWN = [0xc8, 0x1e, 0xe6] as const; // the secret text drawn on it
const HIDDEN = [0xe6, 0x8c, 0x19] as const; // transparent pixels / cropped-away half
const CANARY_COLOURS = [REDACTED, DRAWN, HIDDEN];
const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function noise(width: number, height: number) {
  // Some texture, so the encoders do real work (and JPEG images are photo-like).
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37 + ((i / 3) | 0) * 11) & 0x7f;
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

async function exifJpeg(): Promise<Buffer> {
  const jpeg = await noise(320, 240)
    .jpeg()
    .withExif({
      IFD0: { Artist: S.artist, ImageDescription: S.description },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 50/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 21/1 0/1', GPSMapDatum: S.gps },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${S.xmp}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .toBuffer();
  return jpegWithComment(jpeg, S.comment);
}

async function trailingJpeg(): Promise<Buffer> {
  const jpeg = await noise(300, 200).jpeg().toBuffer();
  return Buffer.concat([jpeg, Buffer.from(`\n${S.trailing}\n`)]);
}

async function textChunksPng(): Promise<Buffer> {
  const png = await noise(200, 150).png().toBuffer();
  const text = pngChunk('tEXt', Buffer.from(`Comment\0${S.text}`, 'latin1'));
  // iTXt: keyword, NUL, compression flag 0, method 0, language tag NUL, translated keyword NUL, text.
  const itxt = pngChunk('iTXt', Buffer.concat([Buffer.from('Author\0\0\0en\0Autor\0', 'latin1'), Buffer.from(S.itxt, 'utf8')]));
  const exif = pngChunk('eXIf', Buffer.concat([Buffer.from('MM\0*\0\0\0\x08\0\0', 'latin1'), Buffer.from(S.exifPng)]));
  return Buffer.concat([pngWithChunks(png, [text, itxt, exif]), Buffer.from(S.afterIend)]);
}

/** A screenshot with a coloured block and the secret drawn on it, all inside the box to redact. */
async function screenshot(width: number, height: number, box: [number, number, number, number]): Promise<Buffer> {
  const [x, y, w, h] = box;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect x="0" y="0" width="${width}" height="${Math.round(height / 12)}" fill="#2050c0"/>
    <rect x="${x + 10}" y="${y + 10}" width="${w - 20}" height="${h - 20}" fill="${hex(REDACTED)}"/>
    <rect x="${x + w / 4}" y="${y + h / 3}" width="${w / 2}" height="${h / 3}" fill="${hex(DRAWN)}"/>
    <svg x="${x}" y="${y}" width="${w}" height="${h}"><text x="14" y="${h / 2}" font-family="sans-serif" font-size="${Math.round(h / 6)}" fill="${hex(DRAWN)}">${S.drawn}</text></svg>
  </svg>`;
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}

/** RGBA image whose fully transparent pixels still carry a colour in their RGB channels. */
async function hiddenRgbPng(): Promise<Buffer> {
  const [w, h] = [240, 160];
  const raw = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const visible = i % w < w / 2;
    raw.set(visible ? [30, 30, 30, 255] : [...HIDDEN, 0], i * 4);
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 4 } }).png().toBuffer();
}

/** Top half grey, bottom half the hidden colour: the figure crops the bottom half away. */
async function cropPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="200" fill="#808080"/><rect y="200" width="400" height="200" fill="${hex(HIDDEN)}"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const SMALL_BOX: [number, number, number, number] = [60, 40, 300, 120];
const BIG_BOX: [number, number, number, number] = [400, 300, 800, 400];

function near(img: ExtractedImage, c: readonly number[], tol = 60): number {
  let n = 0;
  for (let i = 0; i < img.rgb.length; i += 3) {
    const d = Math.hypot(img.rgb[i] - c[0], img.rgb[i + 1] - c[1], img.rgb[i + 2] - c[2]);
    if (d < tol) n++;
  }
  return n;
}

/** Pixels inside the box (scaled to the image, shrunk by `inset` pixels) that are not opaque black. */
function nonBlackInBox(img: ExtractedImage, box: [number, number, number, number], sourceWidth: number, inset: number): number {
  const s = img.width / sourceWidth;
  const [x0, y0] = [Math.ceil(box[0] * s) + inset, Math.ceil(box[1] * s) + inset];
  const [x1, y1] = [Math.floor((box[0] + box[2]) * s) - inset, Math.floor((box[1] + box[3]) * s) - inset];
  expect(x1 - x0).toBeGreaterThan(10);
  let bad = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      if (img.rgb[i] > 12 || img.rgb[i + 1] > 12 || img.rgb[i + 2] > 12) bad++;
      if (img.alpha && img.alpha[y * img.width + x] < 255) bad++;
    }
  return bad;
}

let inputs: Record<string, Buffer>;
let outputs: { name: string; bytes: Buffer; images: ExtractedImage[] }[];

beforeAll(async () => {
  inputs = {
    'exif.jpg': await exifJpeg(),
    'trailing.jpg': await trailingJpeg(),
    'chunks.png': await textChunksPng(),
    'shot.png': await screenshot(480, 320, SMALL_BOX),
    'big-shot.png': await screenshot(1600, 1000, BIG_BOX),
    'hidden.png': await hiddenRgbPng(),
    'crop.png': await cropPng(),
  };
  const body = [
    '# Canaries',
    '',
    'Photos and screenshots that carry secrets.',
    '',
    '![A photo with GPS](exif.jpg)',
    '',
    '![Bytes after the end](trailing.jpg)',
    '',
    '![Text chunks](chunks.png)',
    '',
    `![A redacted screenshot](shot.png){redact="${SMALL_BOX.join(',')}"}`,
    '',
    `![A big redacted screenshot](big-shot.png){width=25% redact="${BIG_BOX.join(',')}"}`,
    '',
    '![Transparent pixels](hidden.png)',
    '',
    '![Cropped](crop.png){crop="0,0,400,200"}',
    '',
  ].join('\n');
  const root = makeProject({ body, images: inputs });
  const r = await buildEdition('xx', buildOptions(root, { booklet: true, press: true }));
  expect(r.outputs).toHaveLength(3);
  outputs = r.outputs.map((path) => {
    const bytes = readFileSync(path);
    return { name: path.split('/').pop()!, bytes, images: extractImages(bytes) };
  });
}, 60_000);

afterAll(cleanup);

describe('canary inputs really carry their secrets (else the checks below prove nothing)', () => {
  it('JPEG: EXIF with a GPS IFD, XMP and a comment', async () => {
    const m = await sharp(inputs['exif.jpg']).metadata();
    expect(m.exif?.includes(S.artist)).toBe(true);
    expect(m.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPSInfo IFD pointer tag 0x8825
    expect(m.exif?.includes(S.gps)).toBe(true);
    expect(m.xmp?.includes(S.xmp)).toBe(true);
    const com = jpegSegments(inputs['exif.jpg']).find((seg) => seg.marker === 0xfe);
    expect(com?.data.toString('latin1')).toBe(S.comment);
  });

  it('JPEG with bytes after EOI and PNG with text chunks still decode', async () => {
    expect((await sharp(inputs['trailing.jpg']).metadata()).width).toBe(300);
    expect(inputs['trailing.jpg'].includes(S.trailing)).toBe(true);
    const m = await sharp(inputs['chunks.png']).metadata(); // valid CRCs, or this would throw
    expect(m.width).toBe(200);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const { chunks, after } = pngChunks(inputs['chunks.png']); // throws on a bad CRC
    expect(chunks.map((c) => c.type)).toEqual(expect.arrayContaining(['tEXt', 'iTXt', 'eXIf']));
    expect(chunks.find((c) => c.type === 'tEXt')!.data.toString('latin1')).toContain(S.text);
    expect(after.toString()).toBe(S.afterIend);
  });

  it('screenshots show the colours the redaction must remove', async () => {
    for (const name of ['shot.png', 'big-shot.png']) {
      const { data, info } = await sharp(inputs[name]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const img = { rgb: data, width: info.width } as unknown as ExtractedImage;
      expect(info.channels).toBe(3);
      // Nothing of the secret lies outside the box, so only redaction can make these colours vanish.
      const [bx, by, bw, bh] = name === 'shot.png' ? SMALL_BOX : BIG_BOX;
      for (let y = 0; y < info.height; y++)
        for (let x = 0; x < info.width; x++) {
          if (x >= bx && x < bx + bw && y >= by && y < by + bh) continue;
          const i = (y * info.width + x) * 3;
          if (Math.hypot(data[i] - DRAWN[0], data[i + 1] - DRAWN[1], data[i + 2] - DRAWN[2]) < 60) throw new Error(`${name}: drawn secret outside the box at ${x},${y}`);
        }
      expect(near(img, REDACTED, 5), name).toBeGreaterThan(1000);
      expect(near(img, DRAWN, 5), name).toBeGreaterThan(100);
    }
    const { data } = await sharp(inputs['hidden.png']).raw().toBuffer({ resolveWithObject: true });
    expect(data.includes(Buffer.from([...HIDDEN, 0]))).toBe(true);
  });
});

describe.each(['safety-xx.pdf', 'safety-xx-booklet.pdf', 'safety-xx-press.pdf'])('%s', (name) => {
  const out = () => outputs.find((o) => o.name === name)!;

  it('holds every figure', () => {
    // 7 figures (a booklet may reference them through its pages, but stores each image once).
    expect(out().images.length).toBe(7);
  });

  it.each(Object.entries(S))('secret %s appears nowhere: raw bytes, decoded streams, objects', (_k, s) => {
    expect(findInPdf(out().bytes, s)).toEqual([]);
  });

  it('embedded JPEGs carry no EXIF, XMP, comment or trailing data', async () => {
    const jpegs = out().images.filter((i) => i.filter.includes('DCTDecode'));
    expect(jpegs.length).toBe(2);
    for (const j of jpegs) {
      const markers = jpegSegments(j.raw).map((s) => s.marker);
      expect(markers).not.toContain(0xe1); // APP1: EXIF, XMP
      expect(markers).not.toContain(0xfe); // COM
      expect(markers).not.toContain(0xed); // APP13: IPTC
      expect(j.raw.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      const m = await sharp(j.raw).metadata();
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.comments ?? []).toEqual([]);
    }
  });

  it('no canary colour (redacted, drawn secret, transparent or cropped pixels) in any image', () => {
    for (const img of out().images) for (const c of CANARY_COLOURS) expect(near(img, c), `image ${img.width}x${img.height} has ${hex(c)}`).toBe(0);
  });

  it('redaction boxes are opaque black, the rest of the screenshot survives', () => {
    const shot = out().images.find((i) => i.width === 480 && i.height === 320);
    expect(shot, 'the 480×320 screenshot at full size').toBeDefined();
    expect(nonBlackInBox(shot!, SMALL_BOX, 480, 0)).toBe(0);
    expect(near(shot!, [0x20, 0x50, 0xc0], 30)).toBeGreaterThan(480 * 20); // the unredacted title bar
    const big = out().images.find((i) => i.width < 1600 && Math.abs(i.height / i.width - 1000 / 1600) < 0.01);
    expect(big, 'the big screenshot, scaled down').toBeDefined();
    expect(nonBlackInBox(big!, BIG_BOX, 1600, 3)).toBe(0);
  });

  it('transparent pixels are flattened onto white, not kept with their colour', () => {
    const hidden = out().images.find((i) => i.width === 240 && i.height === 160)!;
    expect(hidden).toBeDefined();
    // The right half was transparent: white on paper.
    const i = (80 * 240 + 200) * 3;
    expect([...hidden.rgb.subarray(i, i + 3)].every((v) => v > 240)).toBe(true);
  });

  it('the cropped-away half is not stored', () => {
    expect(out().images.some((i) => i.width === 400 && i.height === 200)).toBe(true);
    expect(out().images.some((i) => i.width === 400 && i.height === 400)).toBe(false);
  });
});
