/**
 * The cover's emblem, an image of images/ named in zine.yml. An SVG of filled shapes stays vector (read
 * like an SVG figure, src/5-images/svgDrawing.ts: sharp at any size, `currentColor` and unfilled shapes
 * in the theme's ink); any other image (PNG, JPEG, an SVG with strokes, text or what we do not draw)
 * goes through the image stage like a figure.
 */
import { readFileSync } from 'node:fs';
import { fail, type SourcePos } from '../errors.js';
import type { Emblem } from '../model/theme.js';
import { resolveImage } from '../5-images/resolveImage.js';
import { IDENTITY, svgDrawingOrReason } from '../5-images/svgDrawing.js';

/** What the loader found: vector paths ready to draw, or an image file for the image stage. */
export type EmblemSource = { kind: 'paths'; emblem: Extract<Emblem, { kind: 'paths' }> } | { kind: 'image'; path: string; bytes: Buffer };

/** The filled shapes of an SVG, or null when it holds anything else (strokes, transparency, text). */
export function svgPaths(text: string, ink: string): Extract<Emblem, { kind: 'paths' }> | null {
  const drawing = svgDrawingOrReason(text, { ink });
  if ('reason' in drawing || !drawing.shapes.length) return null;
  const paths: Extract<Emblem, { kind: 'paths' }>['paths'] = [];
  for (const s of drawing.shapes) {
    if (s.kind !== 'path' || s.stroke || !s.fill || s.fillOpacity < 1) return null;
    const moved = s.matrix.some((v, i) => v !== IDENTITY[i]);
    paths.push({ d: s.d, fill: s.fill, evenOdd: s.evenOdd, ...(moved ? { transform: s.matrix } : {}) });
  }
  return { kind: 'paths', width: drawing.viewBox[2], height: drawing.viewBox[3], paths };
}

/** Looked up like a figure: images/<lang>/ first, so an edition may have its own emblem. */
export function loadEmblem(root: string, lang: string, name: string, ink: string, at: SourcePos): EmblemSource {
  const resolved = resolveImage(root, lang, name, at);
  const bytes = readFileSync(resolved.absPath);
  if (/\.svg$/i.test(name)) {
    const emblem = svgPaths(bytes.toString('utf8'), ink);
    if (emblem) return { kind: 'paths', emblem };
  } else if (!/\.(png|jpe?g|webp)$/i.test(name)) {
    fail(`emblem "${name}" is not an SVG, PNG, JPEG or WebP image`, at, 'Name an image of images/, e.g. emblem: padlock.svg, or emblem: none.');
  }
  return { kind: 'image', path: resolved.path, bytes };
}
