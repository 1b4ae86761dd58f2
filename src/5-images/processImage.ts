import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { fail, type SourcePos } from '../errors.js';
import type { FigureAttrs } from '../model/document.js';
import type { SvgDrawing } from './svgDrawing.js';
import { writer } from '../9-write/atomicWrite.js';

// sharp loads only when an image is not in the cache: a warm build never pays for it.
let sharpModule: ((input?: Buffer, options?: SharpOptions) => Sharp) | undefined;
async function sharpLib() {
  sharpModule ??= (await import('sharp')).default as (input?: Buffer, options?: SharpOptions) => Sharp;
  return sharpModule;
}

function readCache<T>(path: string | null): T | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined; // a damaged cache entry is recomputed
  }
}

/** The cache only saves time: a disk full or read-only there leaves the image uncached, never fails the build. */
function writeCache(path: string, data: Buffer | string): void {
  const tmp = `${path}.${writer}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true, maxRetries: 0 });
  }
}

/** The widest an SVG is rasterised (pixels): a full A4 column at 300 ppi, with room. */
const MAX_SVG_WIDTH = 4000;

/** More pixels than any screenshot or photo a zine needs; a header claiming more is refused unread. */
export const MAX_PIXELS = 80_000_000;

export interface ImageInfo {
  /** Pixel size after orientation and crop: what the figure shows. */
  width: number;
  height: number;
  /** Pixels per CSS px of the source (2 for a 2x screenshot), from its density, default 1. */
  pixelRatio: number;
  format: string;
  /** An SVG we draw ourselves as vectors (src/5-images/svgDrawing.ts): no pixels are made for it. */
  drawing?: SvgDrawing;
}

export interface ProcessedImage {
  data: Buffer;
  width: number;
  height: number;
  format: 'png' | 'jpeg';
}

/** Reading editions get screen resolution; print editions all the pixels up to 300 ppi. */
export type ImageProfile = { ppi: number; grayscale: boolean };

function hostile(message: string, path: string, source: SourcePos, hint?: string): never {
  fail(`${message}: ${path}`, source, hint);
}

export function checkSvg(bytes: Buffer, path: string, source: SourcePos): void {
  const text = bytes.toString('utf8');
  // External references would make the renderer read files or the network.
  const ref = /(?:href|src)\s*=\s*["']\s*(?!#|data:image\/)([^"']*)["']|url\(\s*["']?(?!#|data:image\/)([^"')]*)|<!ENTITY|<\?xml-stylesheet|@import/i.exec(text);
  if (ref) hostile(`SVG refers to something outside itself (${(ref[1] ?? ref[2] ?? ref[0]).slice(0, 60)})`, path, source, 'Embed everything the SVG needs inside it, or export it as PNG.');
}

/** Header-only look at an image: its size after orientation and crop, and its pixel density. */
export async function probeImage(bytes: Buffer, attrs: FigureAttrs, path: string, source: SourcePos, cacheDir: string | null = null): Promise<ImageInfo> {
  if (/\.svg$/i.test(path)) checkSvg(bytes, path, source);
  const cachePath = cacheDir ? join(cacheDir, `${createHash('sha256').update(bytes).update(JSON.stringify(attrs)).digest('hex')}.probe.json`) : null;
  const cached = readCache<ImageInfo>(cachePath);
  if (cached) return cached;
  const info = await probeUncached(bytes, attrs, path, source);
  if (cachePath) writeCache(cachePath, JSON.stringify(info));
  return info;
}

async function probeUncached(bytes: Buffer, attrs: FigureAttrs, path: string, source: SourcePos): Promise<ImageInfo> {
  const sharp = await sharpLib();
  let meta: Metadata;
  try {
    // Header only: no pixel limit here, so an oversized image gets the size message below, not "corrupt".
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    hostile('not an image sharp can read (unknown or corrupt file)', path, source, 'Use a PNG, JPEG, WebP or SVG file.');
  }
  if (!meta.width || !meta.height || !meta.format) hostile('image has no size', path, source);
  if (meta.width * meta.height > MAX_PIXELS) hostile(`image claims ${meta.width}×${meta.height} pixels, more than ${MAX_PIXELS / 1e6} million`, path, source, 'Scale it down before adding it to the guide.');
  const swap = (meta.orientation ?? 1) >= 5;
  let width = swap ? meta.height : meta.width;
  let height = swap ? meta.width : meta.height;
  for (const [x, y, w, h] of attrs.redact) {
    if (x + w > width || y + h > height || w === 0 || h === 0) hostile(`redact box ${x},${y},${w},${h} is not inside the ${width}×${height} image`, path, source, 'Redaction boxes are x,y,w,h in the image’s pixels.');
  }
  if (attrs.crop) {
    const [x, y, w, h] = attrs.crop;
    if (x + w > width || y + h > height || w === 0 || h === 0) hostile(`crop ${x},${y},${w},${h} is not inside the ${width}×${height} image`, path, source);
    width = w;
    height = h;
  }
  const pixelRatio = meta.density && meta.density > 72 && meta.format !== 'svg' ? meta.density / 72 : 1; // 144 dpi marks a 2x screenshot (the 72 dpi convention of screenshot tools)
  return { width, height, pixelRatio: Math.max(1, Math.round(pixelRatio * 4) / 4), format: meta.format };
}

/** Where a processed image is cached: its bytes, what is asked of them, and the code that makes its pixels. */
export function imageCacheKey(bytes: Buffer, attrs: FigureAttrs, width: number, profile: ImageProfile, codeFingerprint: string): string {
  return createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ attrs, width, profile, code: codeFingerprint }))
    .digest('hex');
}

/**
 * Decode, orient, redact, crop, resize and re-encode: nothing of the source file but its pixels goes
 * on (no EXIF, GPS, comments, text chunks, trailing bytes), and redacted pixels are painted over
 * before any other step so they exist nowhere after. Results are cached by content hash and by
 * the fingerprint of this code, so a fix to it never meets images made before the fix.
 */
export async function processImage(
  bytes: Buffer,
  attrs: FigureAttrs,
  targetWidthPx: number,
  profile: ImageProfile,
  info: ImageInfo,
  cacheDir: string | null,
  path: string,
  source: SourcePos,
): Promise<ProcessedImage> {
  // Never upscale pixels; an SVG (rasterised: one we do not draw ourselves) is rendered at the size it prints.
  const vector = info.format === 'svg' && !attrs.crop && !attrs.redact.length;
  const width = Math.max(1, vector ? Math.min(MAX_SVG_WIDTH, Math.round(targetWidthPx)) : Math.min(info.width, Math.round(targetWidthPx)));
  const photo = info.format === 'jpeg' || info.format === 'heif';
  const key = imageCacheKey(bytes, attrs, width, profile, IMAGE_CODE_FINGERPRINT);
  const cached = cacheDir ? join(cacheDir, `${key}.${photo ? 'jpg' : 'png'}`) : null;
  const size = readCache<{ width: number; height: number }>(cached && `${cached}.json`);
  if (cached && size && existsSync(cached)) return { data: readFileSync(cached), ...size, format: photo ? 'jpeg' : 'png' };
  const out = await makePixels(bytes, attrs, width, profile, photo, path, source, vector ? (72 * width) / info.width : undefined);
  if (cached) {
    writeCache(cached, out.data);
    writeCache(`${cached}.json`, JSON.stringify({ width: out.width, height: out.height }));
  }
  return out;
}

/** The pixels of a processed image, made with sharp (no cache). */
export async function makePixels(bytes: Buffer, attrs: FigureAttrs, width: number, profile: ImageProfile, photo: boolean, path: string, source: SourcePos, svgDensity?: number): Promise<ProcessedImage> {
  const sharp = await sharpLib();
  try {
    // Pass 1: upright pixels with the redaction boxes painted in (sharp composites last in a
    // pipeline, so this must be its own pass before crop and resize).
    const upright = sharp(bytes, { limitInputPixels: MAX_PIXELS, ...(svgDensity ? { density: svgDensity } : {}) }).rotate().flatten({ background: '#ffffff' });
    const { data: raw, info: rawInfo } = await upright
      .composite(
        attrs.redact.map(([x, y, w, h]) => ({
          input: { create: { width: w, height: h, channels: 3 as const, background: '#000000' } },
          left: x,
          top: y,
        })),
      )
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Pass 2: from raw pixels only.
    let img = sharp(raw, { raw: { width: rawInfo.width, height: rawInfo.height, channels: rawInfo.channels } });
    // Compositing the redaction boxes adds an alpha channel: opaque pixels need none (and an alpha
    // channel would make the PDF carry a soft mask).
    img = img.removeAlpha();
    if (attrs.crop) {
      const [left, top, w, h] = attrs.crop;
      img = img.extract({ left, top, width: w, height: h });
    }
    img = img.resize({ width, kernel: 'lanczos3', withoutEnlargement: true });
    if (profile.grayscale) img = img.grayscale();
    const out = photo
      ? await img.jpeg({ quality: profile.ppi >= 300 ? 88 : 78, mozjpeg: true }).toBuffer({ resolveWithObject: true })
      : // Screen: a quantised palette, small for email (screenshots have few colours). Print: full
        // colour, ten times faster to encode, and size matters less on paper.
        await (profile.ppi >= 300 ? img.png({ compressionLevel: 6 }) : img.png({ compressionLevel: 9, palette: true, quality: 92, effort: 4 })).toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height, format: photo ? 'jpeg' : 'png' };
  } catch (e) {
    if (e instanceof Error && e.name === 'ZineError') throw e;
    hostile(`image could not be decoded (${(e as Error).message.split('\n')[0]})`, path, source, 'Re-export the image as PNG or JPEG.');
  }
}

/**
 * The code that makes the pixels, fingerprinted from its own source text at run time (the same
 * way in the esbuild bundle and the startup snapshot): a change to it changes every cache key,
 * with no version number to remember to bump.
 */
export const IMAGE_CODE_FINGERPRINT = createHash('sha256')
  .update([processImage, makePixels].map((f) => f.toString()).join('\n'))
  .digest('hex');
