/**
 * The cover's emblem, an image of images/ named in zine.yml. An SVG made of paths stays vector (drawn
 * as paths, sharp at any size, `currentColor` in the theme's ink); any other image (PNG, JPEG, an SVG
 * with other shapes) goes through the image stage like a figure.
 */
import { readFileSync } from 'node:fs';
import { fail, type SourcePos } from '../errors.js';
import type { Emblem } from '../model/theme.js';
import { resolveImage } from '../5-images/resolveImage.js';

/** What the loader found: vector paths ready to draw, or an image file for the image stage. */
export type EmblemSource = { kind: 'paths'; emblem: Extract<Emblem, { kind: 'paths' }> } | { kind: 'image'; path: string; bytes: Buffer };

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];

/** Shapes we would have to convert ourselves: an SVG holding them is rasterised instead. */
const OTHER_SHAPES = /<(rect|circle|ellipse|line|polyline|polygon|text|image|use|g\s[^>]*transform|path\s[^>]*transform|linearGradient|radialGradient|pattern|mask|clipPath|style)\b/i;

/** The paths of a plain SVG (paths with fills), or null when it holds anything else. */
export function svgPaths(text: string, ink: string): Extract<Emblem, { kind: 'paths' }> | null {
  const svg = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!svg) return null;
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  if (OTHER_SHAPES.test(body)) return null;
  const viewBox = attr(svg, 'viewBox')?.trim().split(/[\s,]+/).map(Number);
  let width: number;
  let height: number;
  if (viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite)) {
    if (viewBox[0] !== 0 || viewBox[1] !== 0) return null; // an offset view box: let the rasteriser place it
    [width, height] = [viewBox[2], viewBox[3]];
  } else {
    width = Number.parseFloat(attr(svg, 'width') ?? '');
    height = Number.parseFloat(attr(svg, 'height') ?? '');
  }
  if (!(width > 0 && height > 0)) return null;
  const paths: Extract<Emblem, { kind: 'paths' }>['paths'] = [];
  for (const m of body.matchAll(/<path\b[^>]*>/gi)) {
    const tag = m[0];
    const d = attr(tag, 'd');
    const fill = attr(tag, 'fill');
    if (!d || fill === 'none') continue;
    if (fill && fill !== 'currentColor' && !/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(fill)) return null;
    paths.push({ d, fill: !fill || fill === 'currentColor' ? ink : fill.toLowerCase(), evenOdd: attr(tag, 'fill-rule') === 'evenodd' });
  }
  return paths.length ? { kind: 'paths', width, height, paths } : null;
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
