/**
 * A drawing's texts set by layout: where the SVG puts them (x, y, anchor, size, all scaled with the
 * figure), in which of the guide's faces, and how wide the figure prints. Expected values are computed
 * from the numbers written in the SVG and the fake metrics (every character 0.5 em, spaces 0.25 em).
 */
import { describe, expect, it } from 'vitest';
import { readSvgDrawing } from '../../src/5-images/svgDrawing.js';
import { drawVector, drawingSize, familyRole, fontWarning, smallestTextPt } from '../../src/6-layout/vectorFigure.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { legibilityWarning } from '../../src/6-layout/blocks/figure.js';
import type { TextItem } from '../../src/model/page.js';

const THEME = defaultTheme();
const AT = { file: 'content/en/01.md', line: 3, col: 1 };
const FLOW = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="260" viewBox="0 0 640 260">
  <g font-family="Helvetica, Arial, sans-serif" font-size="16">
    <rect x="20" y="90" width="150" height="70" fill="#eee"/>
    <text x="95" y="122" text-anchor="middle" font-weight="bold">Your phone</text>
    <text x="620" y="144" text-anchor="end" font-size="13">decrypts</text>
    <text x="20" y="40" font-size="20" font-family="Georgia, serif" font-style="italic">Only the ends</text>
    <text x="20" y="215" font-size="12" font-family="Inter">Keys <tspan font-family="monospace">*#06#</tspan></text>
  </g>
</svg>`;
const drawing = readSvgDrawing(FLOW);
/** Fake-metrics width of a string at 1 pt. */
const fakeWidth = (s: string) => [...s].reduce((w, c) => w + (c === ' ' ? 0.25 : 0.5), 0);

describe('a drawing’s text set in the guide’s fonts', () => {
  const box = { type: 'image' as const, image: 'flow.svg', x: 30, y: 100, w: 320, h: 130 };
  const s = box.w / 640; // the box has the drawing's aspect ratio
  const items = drawVector(box, drawing, { theme: THEME, metrics: fakeMetrics(), missing: new Map() }, AT);
  const texts = items.filter((i): i is TextItem => i.type === 'text');
  const text = (t: string) => texts.find((i) => i.text === t)!;

  it('keeps every word, each once', () => {
    expect(texts.map((t) => t.text).join('|')).toBe('Your phone|decrypts|Only the ends|Keys |*#06#');
  });

  it('scales positions and sizes with the figure, and honours the anchor with our widths', () => {
    const phone = text('Your phone');
    expect(phone.size).toBeCloseTo(16 * s, 9);
    expect(phone.width).toBeCloseTo(fakeWidth('Your phone') * 16 * s, 9);
    expect(phone.x + phone.width / 2).toBeCloseTo(box.x + 95 * s, 9); // middle
    expect(phone.y).toBeCloseTo(box.y + 122 * s, 9);
    const dec = text('decrypts');
    expect(dec.x + dec.width).toBeCloseTo(box.x + 620 * s, 9); // end
    expect(text('Only the ends').x).toBeCloseTo(box.x + 20 * s, 9); // start
  });

  it('sets a tspan right after the text before it', () => {
    const keys = text('Keys ');
    expect(text('*#06#').x).toBeCloseTo(keys.x + keys.width, 9);
  });

  it('draws each family with the nearest face of ours', () => {
    expect(text('Your phone').face).toBe('headings-bold'); // sans-serif, bold
    expect(text('Only the ends').face).toBe('body-italic'); // serif, italic
    expect(text('Keys ').face).toBe('headings'); // Inter: the guide's headings font
    expect(text('*#06#').face).toBe('mono');
  });

  it('names the families we do not have (the first asked for), not the generic or ours', () => {
    expect(familyRole(['Inter'], THEME)).toEqual({ role: 'headings', known: true });
    expect(familyRole(['Noto Serif'], THEME)).toEqual({ role: 'body', known: true });
    expect(familyRole(['Courier New'], THEME)).toEqual({ role: 'mono', known: false });
    const w = fontWarning(drawing, THEME, 'flow.svg', AT)!;
    expect(w.message).toMatch(/"Helvetica", "Georgia"/);
    expect(w.message).not.toMatch(/Inter|monospace|serif"/);
    expect(w.where).toEqual(AT);
  });

  it('records a character no font has, at the figure', () => {
    const missing = new Map();
    const odd = readSvgDrawing('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text y="5">a\u0f00b</text></svg>');
    drawVector({ ...box }, odd, { theme: THEME, metrics: fakeMetrics([0x0f00]), missing }, AT);
    expect([...missing]).toEqual([['\u0f00', AT]]);
  });
});

describe('how wide a drawing prints', () => {
  const rules = THEME.figures;
  it('as a browser shows it (CSS px), when its text reads well at that size', () => {
    // 640 px = 480 pt, past a 300 pt column: the column; the smallest text (13 px) then prints at 13 * 300 / 640 pt.
    expect(drawingSize(drawing, 300, rules).width).toBe(300);
    const small = readSvgDrawing('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text y="20" font-size="20">Big</text></svg>');
    expect(drawingSize(small, 300, rules).width).toBeCloseTo(100 * 0.75, 9);
  });

  it('wider than that when its smallest text needs it, up to its share', () => {
    const tiny = readSvgDrawing('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><text y="20" font-size="5">small</text></svg>');
    // At 75 pt the 5 px text prints at 3.75 pt; it reads at uiTextPt when 100 px is uiTextPt / 5 * 100 pt wide.
    expect(drawingSize(tiny, 300, rules).width).toBeCloseTo((rules.uiTextPt / 5) * 100, 9);
    expect(drawingSize(tiny, 60, rules).width).toBe(60);
  });

  it('shrinks on a short page only as far as its text stays legible, and not at all when it is not', () => {
    // At 300 pt the smallest text (13 px) prints at 13 * 300 / 640 = 6.1 pt: it may shrink down to 6 pt.
    const legible = readSvgDrawing(FLOW.replace('font-size="12"', 'font-size="14"'));
    const { width, minScale } = drawingSize(legible, 300, rules);
    expect(minScale).toBeLessThan(1);
    expect(smallestTextPt(legible, width * minScale)).toBeCloseTo(rules.minUiTextPt, 9);
    // Its 12 px text prints at 5.6 pt already: it keeps its size.
    expect(drawingSize(drawing, 300, rules).minScale).toBe(1);
  });

  it('warns with the printed size of its smallest text, measured from the SVG', () => {
    const wide = readSvgDrawing('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="300"><text x="600" y="150" font-size="10">tiny</text></svg>');
    const info = { width: 1200, height: 300, pixelRatio: 1, format: 'svg', drawing: wide };
    const w = legibilityWarning({ image: 'wide.svg', page: 0, w: 300, h: 75, scale: 1, column: 300, share: 1, source: AT }, info, rules)!;
    expect(w.message).toBe(`text in wide.svg prints at about ${((10 * 300) / 1200).toFixed(1)} pt (under ${rules.minUiTextPt} pt)`);
    expect(w.hint).toMatch(/font-size/);
    expect(w.hint).not.toMatch(/width=/);
    const half = legibilityWarning({ image: 'wide.svg', page: 0, w: 150, h: 37.5, scale: 1, column: 600, share: 0.25, source: AT }, info, rules)!;
    // At 150 pt its text prints at 1.25 pt; 6 pt needs 720 pt, more than the column: no width= would do.
    expect(half.hint).not.toMatch(/width=/);
    const ok = legibilityWarning({ image: 'wide.svg', page: 0, w: 1000, h: 250, scale: 1, column: 1000, share: 1, source: AT }, info, rules);
    expect(ok).toBeNull();
  });
});
