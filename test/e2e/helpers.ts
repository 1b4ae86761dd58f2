/**
 * Reading the built PDFs as a reader and a printer would: text, links, images and QR codes as
 * mupdf sees them, and the expectations derived from the Markdown by a second parser (commonmark,
 * the CommonMark reference implementation), never by ours (src/2-parse), nor with our typography.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser, type Node } from 'commonmark';
import * as mupdf from 'mupdf';
import { parse as parseYaml } from 'yaml';

export const MM = 72 / 25.4;
export const A5 = { width: 148 * MM, height: 210 * MM };

// ---------------------------------------------------------------- text normalisation

/**
 * Whitespace collapsed (French no-break spaces too), every kind of quotation mark and apostrophe
 * folded to one, ellipsis as three dots, upper case: the typography stage turns "…" into « … »,
 * ' into ’ and ... into …; folding both sides makes Markdown and PDF text comparable without
 * borrowing src/3-typography.
 */
export function norm(s: string): string {
  return s
    .normalize('NFC')
    // Invisible format characters: a soft hyphen, the joiners of Persian words (ZWNJ), which copy as
    // nothing, and the direction marks and embeddings pdftotext puts around runs of a right-to-left line.
    .replace(/[\u00ad\u200c-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    // Arabic vowel marks, as Arabic search ignores them (rtl-guide.test.ts reads them back exactly).
    .replace(/[\u064b-\u065f\u0670]/g, '')
    .replace(/[\u00a0\u202f\u2007\u2009\u200a]/g, ' ')
    .replace(/["'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]/g, "'")
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
  /** Headings: unique in the guide (file and line), to find them again. */
  id?: string;
  file: string;
  line: number;
}

/** The attributes our format writes in braces after an image: `{width=80% crop="x,y,w,h" redact="…; …"}`. */
export interface ExpectedFigureAttrs {
  width: number;
  crop?: [number, number, number, number];
  redact: [number, number, number, number][];
  /** `{decorative}`: an image readers skip. */
  decorative?: true;
}

export interface ExpectedFigure {
  src: string;
  alt: string;
  attrs: ExpectedFigureAttrs;
  caption: string;
  file: string;
  line: number;
}

export interface Expected {
  blocks: ExpectedBlock[];
  figures: ExpectedFigure[];
  /** Where the Markdown asks for the links index (`::: links`): an index into `blocks`; null: after everything. */
  linksIndexAfter: number | null;
  /** The first file's front matter (title, website…), read with the yaml package. */
  meta: { title: string; website?: string; [k: string]: unknown };
  /** content/<lang>/strings.yml. */
  strings: { contents: string; links: string; linksIntro: string; figure: string; backLabel: string };
  /** Every link destination of the printed Markdown, first occurrence first. */
  urls: string[];
}

/** A line that commonmark reads as a heading of its own: marks where `::: links` stood. */
const LINKS_MARK = 'zine links index here';

const numbers = (s: string) => s.split(',').map((n) => Number(n.trim()));

function braceAttrs(text: string | undefined): ExpectedFigureAttrs {
  const attrs: ExpectedFigureAttrs = { width: 1, redact: [], ...(/(^|\s)decorative(\s|$)/.test(text ?? '') ? { decorative: true as const } : {}) };
  for (const m of (text ?? '').matchAll(/(\w+)=(?:"([^"]*)"|(\S+))/g)) {
    const value = m[2] ?? m[3];
    if (m[1] === 'width') attrs.width = parseFloat(value) / 100;
    else if (m[1] === 'crop') attrs.crop = numbers(value) as ExpectedFigureAttrs['crop'];
    else if (m[1] === 'redact')
      attrs.redact = value
        .split(';')
        .filter((b) => b.trim())
        .map((b) => numbers(b) as [number, number, number, number]);
    else throw new Error(`unknown image attribute ${m[1]}`);
  }
  return attrs;
}

/**
 * Our syntax on top of CommonMark, undone line by line (line numbers kept, so commonmark's
 * positions are the file's): front matter, `\newpage`, `::: name` / `:::` fences (their content
 * stays, except `::: links`, which prints nothing and becomes a marker heading), `{…}` after images
 * (kept aside, in order, for the figures), `{lang=…}` ending a paragraph. Fenced code is left as written.
 */
export function plainMarkdown(text: string): { markdown: string; images: { src: string; attrs: ExpectedFigureAttrs }[]; frontMatter: string } {
  const lines = text.split(/\r?\n/);
  let frontMatter = '';
  const fm = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
  if (fm > 0) {
    frontMatter = lines.slice(1, fm).join('\n');
    for (let i = 0; i <= fm; i++) lines[i] = '';
  }
  const images: { src: string; attrs: ExpectedFigureAttrs }[] = [];
  let fence: string | null = null;
  let inLinks = false;
  for (let i = fm + 1; i < lines.length; i++) {
    const line = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && !line.slice(f[0].length).trim()) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    if (inLinks) {
      if (/^\s*:::\s*$/.test(line)) inLinks = false;
      lines[i] = '';
    } else if (/^\s*:::\s*links\s*$/.test(line)) {
      inLinks = true;
      lines[i] = `###### ${LINKS_MARK}`;
    } else if (/^\s*:::/.test(line) || /^\s*\\(newpage|pagebreak)\s*$/.test(line)) {
      lines[i] = '';
    } else {
      // A paragraph's language (`{lang=de}` at its end) is not its text.
      lines[i] = line.replace(/\s*\{lang=[^{}]*\}\s*$/, '').replace(/!\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)(\{[^{}]*\})?/g, (all, src: string, braces?: string) => {
        images.push({ src, attrs: braceAttrs(braces?.slice(1, -1)) });
        return braces ? all.slice(0, -braces.length) : all;
      });
    }
  }
  return { markdown: lines.join('\n'), images, frontMatter };
}

/** A node's text as a reader sees it: text, code, emphasis and link labels; breaks as space and newline. */
function nodeText(node: Node): string {
  switch (node.type) {
    case 'text':
    case 'code':
      return node.literal ?? '';
    case 'html_inline':
      // A tag is not text a reader sees: <br> breaks the line, <kbd> or <span lang> only mark their words.
      return /^<br\b/i.test(node.literal ?? '') ? '\n' : '';
    case 'softbreak':
      return ' ';
    case 'linebreak':
      return '\n';
    default: {
      let s = '';
      for (let c = node.firstChild; c; c = c.next) s += nodeText(c);
      return s;
    }
  }
}

function* children(node: Node): Generator<Node> {
  for (let c = node.firstChild; c; c = c.next) yield c;
}

/** Link destinations under a node, in order. */
function linksIn(node: Node, out: string[]): void {
  if (node.type === 'link' && node.destination) out.push(node.destination);
  for (const c of children(node)) linksIn(c, out);
}

/** content/<lang>/*.md, in name order, read through commonmark after `plainMarkdown`. */
export function expectedFromMarkdown(root: string, lang: string): Expected {
  const dir = join(root, 'content', lang);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `content/${lang}/${f}`);
  const blocks: ExpectedBlock[] = [];
  const figures: ExpectedFigure[] = [];
  const urls: string[] = [];
  let linksIndexAfter: number | null = null;
  let meta: Expected['meta'] | undefined;
  const parser = new Parser();
  for (const file of files) {
    const plain = plainMarkdown(readFileSync(join(root, file), 'utf8'));
    if (file === files[0]) meta = parseYaml(plain.frontMatter) as Expected['meta'];
    const images = [...plain.images];
    const walk = (parent: Node, inItem: boolean) => {
      for (const b of children(parent)) {
        const at = { file, line: b.sourcepos[0][0] };
        switch (b.type) {
          case 'heading':
            if (b.level === 6 && nodeText(b) === LINKS_MARK) linksIndexAfter = blocks.length;
            else blocks.push({ kind: 'heading', text: nodeText(b), level: b.level, id: `${file}:${at.line}`, ...at });
            linksIn(b, urls);
            break;
          case 'paragraph': {
            const kids = [...children(b)].filter((c) => !(c.type === 'text' && !c.literal?.trim()) && c.type !== 'softbreak');
            if (kids.length === 1 && kids[0].type === 'image') {
              const img = kids[0];
              const raw = images.shift();
              if (!raw || decodeURI(img.destination ?? '') !== raw.src) throw new Error(`${file}:${at.line}: image ${img.destination} out of step with the {…} attributes read (${raw?.src})`);
              const caption = img.title ?? '';
              figures.push({ src: raw.src, alt: nodeText(img), attrs: raw.attrs, caption, ...at });
              if (caption) blocks.push({ kind: 'caption', text: caption, ...at });
            } else {
              blocks.push({ kind: inItem ? 'item' : 'paragraph', text: nodeText(b), ...at });
              linksIn(b, urls);
            }
            break;
          }
          case 'list':
            for (const item of children(b)) walk(item, true);
            break;
          case 'block_quote':
            walk(b, inItem);
            break;
          case 'code_block':
            blocks.push({ kind: 'code', text: (b.literal ?? '').replace(/\n$/, ''), ...at });
            break;
          case 'thematic_break':
            break;
          default:
            throw new Error(`${file}:${at.line}: ${b.type} is not something a guide holds`);
        }
      }
    };
    walk(parser.parse(plain.markdown), false);
    if (images.length) throw new Error(`${file}: images not met by commonmark: ${images.map((i) => i.src).join(', ')}`);
  }
  if (!meta?.title) throw new Error(`${files[0]}: no title in the front matter`);
  const strings = parseYaml(readFileSync(join(dir, 'strings.yml'), 'utf8')) as Expected['strings'];
  return { blocks, figures, linksIndexAfter, meta, strings, urls: [...new Set(urls)] };
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

/**
 * Text lines of a page in mupdf's reading order, with each character's origin (y down). A line's box
 * spans its ink, left to right: the spaces a line ends with (drawn for text read without positions)
 * are not ink.
 */
export function pageLines(page: mupdf.Page): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  let ink: [number, number] | null = null;
  const close = () => {
    if (cur && ink) [cur.bbox[0], cur.bbox[2]] = ink;
  };
  page.toStructuredText('preserve-whitespace').walk({
    beginLine(bbox, _wmode, dir) {
      close();
      cur = { text: '', bbox: [...bbox] as Line['bbox'], dir: [Math.round(dir[0]), Math.round(dir[1])], chars: [] };
      ink = null;
      lines.push(cur);
    },
    onChar(c, origin, _font, size, quad) {
      if (!cur) return;
      cur.text += c;
      cur.chars.push({ c, x: origin[0], y: origin[1], size });
      if (c.trim()) {
        const xs = [quad[0], quad[2], quad[4], quad[6]];
        ink = ink ? [Math.min(ink[0], ...xs), Math.max(ink[1], ...xs)] : [Math.min(...xs), Math.max(...xs)];
      }
    },
  });
  close();
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

// ---------------------------------------------------------------- poppler's reading

/**
 * Each page's text as poppler's `pdftotext` (poppler-utils) gives it, cropped (in points) to the band
 * between the running heads and the folios (as `textAreaLines`) unless told: a second reader, which
 * orders characters by their positions where mupdf takes them in the order they are written.
 */
export function popplerPages(pdf: Uint8Array, width: number, height: number, crop = { x: 0, y: 14 * MM, w: width, h: height - 28 * MM }): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'zine-poppler-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const box = [crop.x, crop.y, crop.w, crop.h].map((v) => String(Math.round(v)));
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-x', box[0], '-y', box[1], '-W', box[2], '-H', box[3], file, '-'], { encoding: 'utf8' });
    if (r.error) throw new Error(`pdftotext could not run (${r.error.message}): install poppler-utils (apt-get install poppler-utils), as .ci/run does`);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
    return r.stdout.split('\f');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Letters and digits only: punctuation and spaces dropped (see `wordsAndSentences`). */
export function bare(s: string): string {
  return key(s).replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}

/**
 * How much of the source's text a reader gets back from `stream` (folded by `fold`, `key` or `bare`):
 * every word of the blocks searched in reading order, near where the word before it was found (a word
 * not found there is missing, and the search goes on from where it was), and every sentence searched
 * whole.
 */
const NEAR = 400;
export function wordsAndSentences(texts: string[], stream: string, fold: (s: string) => string = key): { words: number; missing: string[]; sentences: number; broken: string[] } {
  let words = 0;
  let at = 0;
  const missing: string[] = [];
  const broken: string[] = [];
  let sentences = 0;
  for (const text of texts) {
    for (const word of text.split(/\s+/)) {
      const k = fold(word);
      if (!k) continue;
      words++;
      const found = stream.indexOf(k, at);
      // A word found far ahead is not in its place: the lines around it are out of order.
      if (found < 0 || (words > 1 && found - at > NEAR)) missing.push(word);
      else at = found + k.length;
    }
    for (const sentence of text.split(/(?<=[.!?؟…:;؛])\s+/)) {
      const k = fold(sentence);
      if (!k) continue;
      sentences++;
      if (!stream.includes(k)) broken.push(sentence);
    }
  }
  return { words, missing, sentences, broken };
}
