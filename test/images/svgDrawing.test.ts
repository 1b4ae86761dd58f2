/**
 * SVG figures drawn as vectors. The expected pictures come from another renderer: librsvg (through
 * sharp) rasterises the same SVG, mupdf rasterises our PDF, and the two must agree pixel for pixel
 * within anti-aliasing. Positions and reasons are checked against the numbers written in the SVG.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import sharp from 'sharp';
import * as mupdf from 'mupdf';
import { readSvgDrawing, svgDrawingOrReason, NotDrawable, type Matrix, type SvgPath } from '../../src/5-images/svgDrawing.js';
import { drawVector } from '../../src/6-layout/vectorFigure.js';
import { renderPdf } from '../../src/7-render/renderPdf.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { ImageItem, PageModel } from '../../src/model/page.js';
import { renderPage } from '../e2e/helpers.js';

const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Shapes of every kind we draw, with nested transforms, a view box offset, strokes, opacity and even-odd holes. */
const SHAPES = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-20 -10 200 100" width="400" height="200">
  <rect x="-10" y="0" width="60" height="40" rx="8" fill="#d4211b"/>
  <g transform="translate(120 50)"><g transform="rotate(30) scale(1.5 0.8)"><rect x="-20" y="-15" width="40" height="30" fill="navy" stroke="#000" stroke-width="3"/></g></g>
  <circle cx="60" cy="70" r="15" fill="none" stroke="green" stroke-width="4"/>
  <ellipse cx="150" cy="15" rx="25" ry="10" style="fill: rgb(255,165,0); fill-opacity: 0.5"/>
  <polygon points="-15,60 15,85 -18,85" fill="#333"/>
  <polyline points="80,20 100,40 120,20 140,40" fill="none" stroke="#00f" stroke-width="2" stroke-linecap="round"/>
  <path fill-rule="evenodd" d="M20 50h40v40h-40z M30 60h20v20h-20z" fill="purple"/>
  <line x1="170" y1="60" x2="170" y2="85" stroke="black" stroke-width="5"/>
  <g opacity="0.5"><rect x="140" y="40" width="20" height="20" fill="#000"/></g>
  <rect x="0" y="0" width="10" height="10" fill="red" display="none"/>
</svg>`;

/** Our PDF of one page holding the drawing in `box`, rasterised by mupdf at 144 dpi, cropped to the box. */
async function ourPixels(svg: string, box: { x: number; y: number; w: number; h: number }) {
  const drawing = readSvgDrawing(svg);
  const item: ImageItem = { type: 'image', image: 'x.svg', ...box };
  const theme = defaultTheme();
  const items = drawVector(item, drawing, { theme, metrics: fakeMetrics(), missing: new Map() }, { file: 'x.md', line: 1, col: 1 });
  const model: PageModel = { width: 300, height: 200, lang: 'en', title: 't', pages: [{ index: 0, kind: 'body', folio: 1, items }], outline: [], warnings: [] };
  const pdf = await renderPdf(model, { font: () => '', images: new Map(), date: new Date(0) });
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const r = renderPage(doc.loadPage(0), 144);
  const out = Buffer.alloc(box.w * 2 * box.h * 2 * 3);
  for (let y = 0; y < box.h * 2; y++)
    for (let x = 0; x < box.w * 2; x++)
      for (let c = 0; c < 3; c++) out[(y * box.w * 2 + x) * 3 + c] = r.pixels[(y + box.y * 2) * r.stride + (x + box.x * 2) * r.n + c];
  return out;
}

/** librsvg's picture of the same SVG at the same pixel size, on white. */
async function theirPixels(svg: string, width: number, height: number) {
  return sharp(Buffer.from(svg), { density: (72 * width) / readSvgDrawing(svg).width }).resize(width, height, { fit: 'fill' }).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
}

function difference(a: Buffer, b: Buffer) {
  let sum = 0;
  let far = 0;
  for (let i = 0; i < a.length; i += 3) {
    const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
    sum += d;
    if (d > 96) far++;
  }
  return { mean: sum / (a.length / 3), far: far / (a.length / 3) };
}

describe('an SVG drawn as vectors looks as another renderer draws it', () => {
  it('shapes, transforms, strokes, opacity, holes and a view box offset', async () => {
    const box = { x: 40, y: 30, w: 200, h: 100 };
    const ours = await ourPixels(SHAPES, box);
    const theirs = await theirPixels(SHAPES, box.w * 2, box.h * 2);
    const d = difference(ours, theirs);
    // Edges differ by anti-aliasing only: a wrong transform, a missing shape or a lost hole moves
    // thousands of pixels (several % far off, and the mean past 10).
    expect(d.far, JSON.stringify(d)).toBeLessThan(0.01);
    expect(d.mean, JSON.stringify(d)).toBeLessThan(4);
  });

  it('a drawing in a box of another shape is centred in it, as SVG does (xMidYMid meet)', async () => {
    const square = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 50" width="50" height="50"><rect x="0" y="0" width="50" height="50" fill="#000"/></svg>';
    const box = { x: 20, y: 20, w: 200, h: 100 };
    const ours = await ourPixels(square, box);
    // The black square is 100 pt wide, centred: x from 50 to 150 pt of the box, all its height.
    const at = (x: number, y: number) => ours[(y * box.w * 2 + x) * 3];
    expect(at(10, 100)).toBe(255);
    expect(at(110, 100)).toBe(0);
    expect(at(290, 100)).toBe(0);
    expect(at(310, 100)).toBe(255);
  });
});

describe('reading an SVG', () => {
  it('composes nested transforms in the order they are written', () => {
    const d = readSvgDrawing(SHAPES);
    const navy = d.shapes.find((s): s is SvgPath => s.kind === 'path' && s.fill === '#000080')!;
    // The rect's corner (20, 0) in its own space: scale(1.5, 0.8) -> (30, 0); rotate(30) -> (30 cos 30, 30 sin 30);
    // translate(120, 50); then the view box starts at (-20, -10).
    const [x, y] = apply(navy.matrix, 20, 0);
    expect(x).toBeCloseTo(120 + 30 * Math.cos(Math.PI / 6) + 20, 6);
    expect(y).toBeCloseTo(50 + 30 * Math.sin(Math.PI / 6) + 10, 6);
  });

  it('reads texts with their anchors, sizes, families and tspans', () => {
    const d = readSvgDrawing(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" font-family="Inter" font-size="12">
      <text x="100" y="20" text-anchor="middle">Alice &amp; <tspan font-weight="bold" font-family="monospace">Bob</tspan></text>
      <text x="10" y="50" font-size="1.5em"><tspan x="10" dy="1em">first</tspan><tspan x="10" dy="1em">second</tspan></text>
    </svg>`);
    const texts = d.shapes.filter((s) => s.kind === 'text');
    expect(texts.map((t) => t.kind === 'text' && [t.x, t.y, t.anchor, t.runs.map((r) => [r.text, r.size, r.families[0], r.bold])])).toEqual([
      [100, 20, 'middle', [['Alice & ', 12, 'Inter', false], ['Bob', 12, 'monospace', true]]],
      [10, 68, 'start', [['first', 18, 'Inter', false]]],
      [10, 86, 'start', [['second', 18, 'Inter', false]]],
    ]);
  });

  it('skips editors’ own elements, titles and hidden shapes', () => {
    const d = readSvgDrawing('<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="x" width="10" height="10"><sodipodi:namedview pagecolor="#fff"/><title>T</title><metadata><x/></metadata><rect width="5" height="5" visibility="hidden"/><rect width="5" height="5"/></svg>');
    expect(d.shapes.length).toBe(1);
  });

  // What we do not draw is said, and the SVG is then rasterised: each reason names what it holds.
  const refused: [string, RegExp][] = [
    ['<defs><linearGradient id="g"/></defs><rect width="5" height="5" fill="url(#g)"/>', /<defs>/],
    ['<rect width="5" height="5" fill="url(#g)"/>', /gradient or pattern/],
    ['<style>rect { fill: red }</style>', /<style>/],
    ['<text transform="rotate(-90)">up</text>', /rotated/],
    ['<text x="1 2 3" y="5">abc</text>', /letter by letter/],
    ['<rect width="5" height="5" stroke="#000" stroke-dasharray="2 2"/>', /dashed/],
    ['<rect width="5" height="5" fill="papayawhip"/>', /colour we do not know/],
    ['<rect width="50%" height="5"/>', /length/],
    ['<rect width="5" height="5" filter="blur"/>', /property "filter"/],
    ['<use href="#a"/>', /<use>/],
    ['<foreignObject><p>x</p></foreignObject>', /<foreignObject>/],
    ['<rect width="5" height="5">', /not well formed/],
    ['<path d="M0 0 L5 5 url"/>', /path data/],
  ];
  for (const [inner, reason] of refused) {
    it(`refuses ${inner.slice(0, 50)}`, () => {
      const r = svgDrawingOrReason(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`);
      expect('reason' in r && r.reason).toMatch(reason);
    });
  }

  it('never fails on any input with anything but a reason', () => {
    const pieces = fc.constantFrom('<svg width="10" height="10">', '</svg>', '<g transform="', 'rotate(', ')">', '</g>', '<rect width="3" height="2"/>', '<text x="1" y="2">', 'a&amp;b', '</text>', '<tspan dy="1em">', '</tspan>', '"', "'", '<', '>', '&#x1F600;', '&bogus;', '<!--', '-->', 'fill="#abc"', ' style="fill:red;opacity:x"', '<path d="M0 0L1 1"/>', '<circle r="-1"/>');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        try {
          const d = readSvgDrawing(parts.join(''));
          expect(d.width).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(NotDrawable);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
