/**
 * An SVG figure drawn as vectors: its box, placed like any image, becomes the drawing's paths (clipped
 * to the box) and its texts, set in the guide's fonts and measured with them, so a diagram prints sharp
 * and the same on every machine. Its legibility is its text's printed size, not a screenshot's.
 */
import type { SourcePos } from '../errors.js';
import type { SvgDrawing, SvgText, Matrix } from '../5-images/svgDrawing.js';
import { multiply } from '../5-images/svgDrawing.js';
import type { ImageItem, PageItem, Warning } from '../model/page.js';
import type { FaceId, Theme } from '../model/theme.js';
import type { Metrics } from './metrics.js';
import { faceRuns, type MissingChars } from './words.js';

/** CSS pixels to points: an SVG's own size, as a browser would show it. */
const PX = 0.75;

const GENERIC: Record<string, Role> = {
  serif: 'body', 'ui-serif': 'body',
  'sans-serif': 'headings', 'system-ui': 'headings', 'ui-sans-serif': 'headings', '-apple-system': 'headings', cursive: 'headings', fantasy: 'headings',
  monospace: 'mono', 'ui-monospace': 'mono',
};

type Role = 'body' | 'headings' | 'mono' | 'display';

const FACES: Record<Role, (bold: boolean, italic: boolean) => FaceId> = {
  body: (b, i) => (b && i ? 'body-bold-italic' : b ? 'body-bold' : i ? 'body-italic' : 'body'),
  headings: (b, i) => (b ? 'headings-bold' : i ? 'headings-italic' : 'headings'),
  mono: () => 'mono',
  display: () => 'display',
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The family names of the guide's fonts, by role: their folder and their file names (`NotoSerif-Bold.ttf`). */
function ourFamilies(theme: Theme): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const role of ['body', 'headings', 'mono', 'display'] as const) {
    const [folder, file] = theme.faces[role].split('/');
    out.set(squash(folder), role);
    out.set(squash(file.replace(/(-[^-]*)?\.(ttf|otf)$/i, '')), role);
  }
  return out;
}

/** The role that draws a font-family list, and whether the first family asked for is one we have. */
export function familyRole(families: string[], theme: Theme): { role: Role; known: boolean } {
  const ours = ourFamilies(theme);
  for (const [i, f] of families.entries()) {
    const role = ours.get(squash(f)) ?? GENERIC[f.toLowerCase()];
    if (role) return { role, known: i === 0 };
  }
  // A family we don't have: the nearest kind of ours.
  const name = (families[0] ?? '').toLowerCase();
  const role: Role = /mono|courier|consol|menlo|code/.test(name) ? 'mono' : /serif/.test(name) && !/sans/.test(name) ? 'body' : /times|georgia|garamond|cambria|palatino|baskerville/.test(name) ? 'body' : 'headings';
  return { role, known: families.length === 0 };
}

/** Scale and origin that fit the view box in the box, centred (SVG's default xMidYMid meet). */
function fit(drawing: SvgDrawing, box: { x: number; y: number; w: number; h: number }): Matrix {
  const [, , vw, vh] = drawing.viewBox;
  const s = Math.min(box.w / vw, box.h / vh);
  return [s, 0, 0, s, box.x + (box.w - vw * s) / 2, box.y + (box.h - vh * s) / 2];
}

/** The printed size (points) of the drawing's smallest text when the drawing is `width` points wide; null without text. */
export function smallestTextPt(drawing: SvgDrawing, width: number): number | null {
  const texts = drawing.shapes.filter((s): s is SvgText => s.kind === 'text');
  if (!texts.length) return null;
  const scale = width / drawing.viewBox[2];
  return Math.min(...texts.flatMap((t) => t.runs.map((r) => r.size * t.matrix[0] * scale)));
}

/** How wide (points) a drawing prints before any page asks it to shrink, and how far it may shrink. */
export function drawingSize(drawing: SvgDrawing, maxWidth: number, rules: Theme['figures']): { width: number; minScale: number } {
  const smallest = smallestTextPt(drawing, 1);
  // As a browser shows it, or as wide as its smallest text needs to read well; never past its share.
  const wanted = rules.fullWidth ? maxWidth : Math.max(drawing.width * PX, smallest ? rules.uiTextPt / smallest : 0);
  const width = Math.min(maxWidth, wanted);
  const minScale = smallest ? Math.min(1, Math.max(0.5, rules.minUiTextPt / (smallest * width))) : rules.photoMinScale;
  return { width, minScale };
}

/** A colour seen through `opacity` on white paper: text has no transparency of its own here. */
function onPaper(hex: string, opacity: number): string {
  if (opacity >= 1) return hex;
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * Math.max(0, opacity)).toString(16).padStart(2, '0');
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

export interface VectorContext {
  theme: Theme;
  metrics: Metrics;
  missing: MissingChars;
}

/** The marks of a drawing in its placed box. */
export function drawVector(box: ImageItem, drawing: SvgDrawing, ctx: VectorContext, source: SourcePos): PageItem[] {
  const base = fit(drawing, box);
  const clip = { x: box.x, y: box.y, w: box.w, h: box.h };
  const out: PageItem[] = [];
  for (const shape of drawing.shapes) {
    if (shape.kind === 'path') {
      out.push({
        type: 'path',
        x: base[4],
        y: base[5],
        scale: base[0],
        d: shape.d,
        fill: shape.fill,
        ...(shape.evenOdd ? { evenOdd: true } : {}),
        transform: shape.matrix,
        ...(shape.stroke ? { stroke: { color: shape.stroke, width: shape.strokeWidth, cap: shape.lineCap, join: shape.lineJoin, opacity: shape.strokeOpacity } } : {}),
        ...(shape.fill && shape.fillOpacity < 1 ? { fillOpacity: shape.fillOpacity } : {}),
        clip,
      });
      continue;
    }
    const m = multiply(base, shape.matrix);
    const k = m[0];
    const set = shape.runs.flatMap((r) => {
      const face = FACES[familyRole(r.families, ctx.theme).role](r.bold, r.italic);
      const size = r.size * k;
      return faceRuns(r.text, face, { metrics: ctx.metrics, fallback: ctx.theme.fallback, missing: ctx.missing, source }).map((p) => ({
        ...p,
        size,
        color: onPaper(r.fill, r.opacity),
        width: ctx.metrics.width(p.face, p.text) * size,
      }));
    });
    const total = set.reduce((a, p) => a + p.width, 0);
    let x = m[0] * shape.x + m[4] - (shape.anchor === 'middle' ? total / 2 : shape.anchor === 'end' ? total : 0);
    const y = m[3] * shape.y + m[5];
    for (const p of set) {
      out.push({ type: 'text', x, y, text: p.text, face: p.face, size: p.size, color: p.color, width: p.width });
      x += p.width;
    }
  }
  return out;
}

/** The font families a drawing asks for that the guide does not have (each drawn with the nearest of ours). */
export function fontWarning(drawing: SvgDrawing, theme: Theme, file: string, where: SourcePos): Warning | null {
  const unknown = new Set<string>();
  for (const s of drawing.shapes) if (s.kind === 'text') for (const r of s.runs) if (!familyRole(r.families, theme).known) unknown.add(r.families[0]);
  if (!unknown.size) return null;
  const names = [...unknown].map((f) => `"${f}"`).join(', ');
  const folders = [...new Set((['body', 'headings', 'mono'] as const).map((r) => theme.faces[r].split('/')[0]))].join(', ');
  return {
    message: `${file} asks for the font ${names}, which the guide does not have: its text is set in the guide's fonts`,
    where,
    hint: `Check its labels still fit their boxes, or name a font of fonts/ (${folders}) or a generic family (sans-serif, serif, monospace) in the SVG.`,
  };
}
