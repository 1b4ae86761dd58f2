/**
 * Reading the built PDFs as a reader and a printer would: text, links, images and QR codes as
 * mupdf sees them, and the expectations derived from the Markdown (our parser, no typography).
 */
import { createHash } from 'node:crypto';
import * as mupdf from 'mupdf';
import { loadGuide } from '../../src/load/loadGuide.js';
import type { Block, FigureAttrs, Inline } from '../../src/model/document.js';
import { parseChapter } from '../../src/parse/toDocument.js';

export const MM = 72 / 25.4;
export const A5 = { width: 148 * MM, height: 210 * MM };

// ---------------------------------------------------------------- text normalisation

/** Whitespace collapsed, French no-break spaces as spaces, typographic apostrophes, upper case. */
export function norm(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\u00ad/g, '')
    .replace(/[\u00a0\u202f\u2007\u2009\u200a]/g, ' ')
    .replace(/'/g, '’')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleUpperCase('fr');
}

/**
 * Matching key: `norm` without any whitespace or hyphen, so a word hyphenated at a line end
 * ("chif-\nfrement") and the same word unbroken compare equal, and so do line breaks and spaces.
 */
export function key(s: string): string {
  return norm(s).replace(/[\s\-\u2010\u2011]/g, '');
}

// ---------------------------------------------------------------- expectations from the Markdown

export interface ExpectedBlock {
  kind: 'heading' | 'paragraph' | 'item' | 'caption' | 'code';
  text: string;
  level?: number;
  id?: string;
  file: string;
  line: number;
}

export interface ExpectedFigure {
  src: string;
  attrs: FigureAttrs;
  caption: string;
  file: string;
  line: number;
}

export interface Expected {
  blocks: ExpectedBlock[];
  figures: ExpectedFigure[];
  /** True where the Markdown asks for the links index (else it comes after everything). */
  linksIndexAfter: number | null;
  meta: ReturnType<typeof loadGuide>['meta'];
  strings: ReturnType<typeof loadGuide>['strings'];
  /** Every http(s) URL in the Markdown bodies, from the raw text (not our parser). */
  urls: string[];
}

const inlineText = (inl: Inline[]) => inl.map((i) => i.text).join('');

/** Parse content/<lang>/*.md with our Markdown parser, without the typography stage. */
export function expectedFromMarkdown(root: string, lang: string): Expected {
  const guide = loadGuide(root, lang);
  const blocks: ExpectedBlock[] = [];
  const figures: ExpectedFigure[] = [];
  let linksIndexAfter: number | null = null;
  const ids = new Set<string>();
  const walk = (bs: Block[], inItem: boolean) => {
    for (const b of bs) {
      const at = { file: b.source.file, line: b.source.line };
      switch (b.kind) {
        case 'heading':
          blocks.push({ kind: 'heading', text: inlineText(b.inlines), level: b.level, id: b.id, ...at });
          break;
        case 'paragraph':
          blocks.push({ kind: inItem ? 'item' : 'paragraph', text: inlineText(b.inlines), ...at });
          break;
        case 'list':
          for (const item of b.items) walk(item, true);
          break;
        case 'quote':
        case 'callout':
          walk(b.blocks, inItem);
          break;
        case 'figure':
          figures.push({ src: b.src, attrs: b.attrs, caption: inlineText(b.caption), ...at });
          if (b.caption.length) blocks.push({ kind: 'caption', text: inlineText(b.caption), ...at });
          break;
        case 'code':
          blocks.push({ kind: 'code', text: b.text, ...at });
          break;
        case 'linksIndex':
          linksIndexAfter = blocks.length;
          break;
        case 'pageBreak':
          break;
      }
    }
  };
  for (const f of guide.files) walk(parseChapter(f, ids).blocks, false);
  const urls = new Set<string>();
  for (const f of guide.files) {
    for (const m of f.body.matchAll(/\]\(\s*<?(https?:\/\/[^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) urls.add(m[1]);
    for (const m of f.body.matchAll(/<(https?:\/\/[^>\s]+)>/g)) urls.add(m[1]);
  }
  return { blocks, figures, linksIndexAfter, meta: guide.meta, strings: guide.strings, urls: [...urls] };
}

// ---------------------------------------------------------------- PDF reading

export interface Char {
  c: string;
  x: number;
  y: number;
  size: number;
}
export interface Line {
  text: string;
  bbox: [number, number, number, number];
  dir: [number, number];
  chars: Char[];
}

export function openPdf(bytes: Uint8Array): mupdf.PDFDocument {
  mupdf.emptyStore();
  return mupdf.Document.openDocument(bytes, 'application/pdf') as mupdf.PDFDocument;
}

/** Text lines of a page in mupdf's reading order, with each character's origin (y down). */
export function pageLines(page: mupdf.Page): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  page.toStructuredText('preserve-whitespace').walk({
    beginLine(bbox, _wmode, dir) {
      cur = { text: '', bbox: [...bbox] as Line['bbox'], dir: [Math.round(dir[0]), Math.round(dir[1])], chars: [] };
      lines.push(cur);
    },
    onChar(c, origin, _font, size) {
      if (!cur) return;
      cur.text += c;
      cur.chars.push({ c, x: origin[0], y: origin[1], size });
    },
  });
  return lines.filter((l) => l.text.trim());
}

/**
 * Lines that belong to the page's text area: running heads (above) and folios (below) left out.
 * Zones are from the page edge: running heads sit at ~10.5 mm, folios ~9.5 mm from the bottom,
 * the text area starts at 17 mm; 14 mm separates them with room to spare.
 */
export function textAreaLines(lines: Line[], height: number): Line[] {
  const top = 14 * MM;
  const bottom = height - 14 * MM;
  return lines.filter((l) => {
    const baseline = l.chars[0]?.y ?? l.bbox[3];
    return baseline > top && baseline < bottom;
  });
}

export interface DrawnImage {
  page: number;
  pixelWidth: number;
  pixelHeight: number;
  /** Printed size in points (from the transform). */
  width: number;
  height: number;
  x: number;
  y: number;
  hash: string;
}

/** Every image drawn on a page, with its pixel size, printed size and a hash of its pixels. */
export function drawnImages(page: mupdf.Page, pageIndex: number): DrawnImage[] {
  const out: DrawnImage[] = [];
  const device = new mupdf.Device({
    fillImage(image, ctm) {
      const [a, b, c, d, e, f] = ctm;
      // mupdf's store can hand back a palette conversion cached for another document's indexed
      // image (same palette size): start from an empty store so the pixels are this image's own.
      mupdf.emptyStore();
      const pix = image.toPixmap();
      out.push({
        page: pageIndex,
        pixelWidth: image.getWidth(),
        pixelHeight: image.getHeight(),
        width: Math.hypot(a, b),
        height: Math.hypot(c, d),
        x: e,
        y: f,
        hash: createHash('sha1').update(pix.getPixels()).digest('hex'),
      });
    },
  });
  page.run(device, mupdf.Matrix.identity);
  device.close();
  return out;
}

/** A page rendered at `dpi` (RGB, no alpha). */
export function renderPage(page: mupdf.Page, dpi: number) {
  const s = dpi / 72;
  const pix = page.toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceRGB, false);
  return { s, width: pix.getWidth(), height: pix.getHeight(), n: pix.getNumberOfComponents(), stride: pix.getStride(), pixels: pix.getPixels() };
}

/** An RGBA crop (box in points) of a rendered page, the area outside `keep` painted white. */
export function renderCrop(r: ReturnType<typeof renderPage>, box: [number, number, number, number], keep: [number, number, number, number]) {
  const { s, width: W, height: H, n, stride, pixels: src } = r;
  const x0 = Math.max(0, Math.floor(box[0] * s));
  const y0 = Math.max(0, Math.floor(box[1] * s));
  const x1 = Math.min(W, Math.ceil(box[2] * s));
  const y1 = Math.min(H, Math.ceil(box[3] * s));
  const w = x1 - x0;
  const h = y1 - y0;
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const px = x0 + x;
      const py = y0 + y;
      const inside = px >= keep[0] * s && px < keep[2] * s && py >= keep[1] * s && py < keep[3] * s;
      const o = (y * w + x) * 4;
      const i = py * stride + px * n;
      data[o] = inside ? src[i] : 255;
      data[o + 1] = inside ? src[i + 1] : 255;
      data[o + 2] = inside ? src[i + 2] : 255;
      data[o + 3] = 255;
    }
  }
  return { data, width: w, height: h };
}
