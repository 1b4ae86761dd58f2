/**
 * An SVG read as a drawing: its shapes as paths and its texts as strings with a font size, in the
 * coordinates of its view box. Layout draws these as vectors with the guide's own fonts, so a diagram
 * prints sharp and never depends on the fonts of the machine that builds it. What this reader does not
 * know (gradients, CSS, clipping, embedded images, rotated text...) makes the SVG a raster image instead,
 * with the reason, so nothing is silently dropped.
 */

/** An affine matrix [a, b, c, d, e, f]: x' = a x + c y + e, y' = b x + d y + f (SVG's order). */
export type Matrix = [number, number, number, number, number, number];

export interface SvgPath {
  kind: 'path';
  d: string;
  matrix: Matrix;
  /** #rrggbb, or null for none. */
  fill: string | null;
  stroke: string | null;
  strokeWidth: number;
  evenOdd: boolean;
  fillOpacity: number;
  strokeOpacity: number;
  lineCap: 'butt' | 'round' | 'square';
  lineJoin: 'miter' | 'round' | 'bevel';
}

/** One run of a text line: its own font and colour. */
export interface SvgRun {
  text: string;
  /** Font size in user units (before the matrix). */
  size: number;
  /** font-family, as written, in order of preference. */
  families: string[];
  bold: boolean;
  italic: boolean;
  fill: string;
  opacity: number;
}

/** A line of text: runs set one after the other from (x, y), anchored at its start, middle or end. */
export interface SvgText {
  kind: 'text';
  x: number;
  y: number;
  matrix: Matrix;
  anchor: 'start' | 'middle' | 'end';
  runs: SvgRun[];
}

export interface SvgDrawing {
  /** Size in CSS pixels (width/height attributes, else the view box). */
  width: number;
  height: number;
  viewBox: [number, number, number, number];
  shapes: (SvgPath | SvgText)[];
}

/** Why an SVG cannot be drawn as vectors (it is rasterised instead). */
export class NotDrawable extends Error {}

const no = (why: string): never => {
  throw new NotDrawable(why);
};

// ---------------------------------------------------------------------------------------------
// XML: elements, attributes, text. External entities and references were refused before this reader.

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? no(`it uses the entity ${m}`);
  });
}

function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  while ((m = token.exec(text))) {
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) top.children.push(m[1]);
    else if (m[2]) {
      if (top.name !== m[2]) no(`its XML is not well formed (</${m[2]}> closes <${top.name}>)`);
      stack.pop();
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of m[4].matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3]);
      const el: XmlElement = { name: m[3], attrs, children: [] };
      top.children.push(el);
      if (!m[5]) stack.push(el);
    } else if (m[6] !== undefined) top.children.push(decode(m[6]));
    else if (m[7]) no('its XML is not well formed');
    if (token.lastIndex === text.length) break;
  }
  if (stack.length !== 1) no(`its XML is not well formed (<${stack[stack.length - 1].name}> is never closed)`);
  const svg = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!svg || svg.name !== 'svg') no('it has no <svg> element');
  return svg as XmlElement;
}

// ---------------------------------------------------------------------------------------------
// Numbers, lengths, colours, transforms.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i;

/** A length in user units; `em` against the font size, `%` not known here. */
function length(s: string | undefined, fontSize: number, fallback: number): number {
  if (s === undefined || s.trim() === '') return fallback;
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex)?\s*$/i.exec(s);
  if (!m) return no(`it has a length we cannot read ("${s.slice(0, 20)}")`);
  const v = Number(m[1]);
  const unit = (m[2] ?? 'px').toLowerCase();
  const per: Record<string, number> = { px: 1, pt: 4 / 3, pc: 16, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, em: fontSize, ex: fontSize / 2 };
  return v * per[unit];
}

function numbers(s: string | undefined): number[] {
  if (!s) return [];
  const out: number[] = [];
  let rest = s.trim();
  while (rest) {
    const m = NUMBER.exec(rest);
    if (!m) return no(`it has a number list we cannot read ("${s.slice(0, 20)}")`);
    out.push(Number(m[0]));
    rest = rest.slice(m[0].length).replace(/^[\s,]+/, '');
  }
  return out;
}

// The CSS named colours most drawings use; an unknown name makes the SVG a raster image, never black.
const NAMED: Record<string, string> = {
  black: '#000000', white: '#ffffff', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  orange: '#ffa500', purple: '#800080', gray: '#808080', grey: '#808080', silver: '#c0c0c0', maroon: '#800000',
  navy: '#000080', teal: '#008080', olive: '#808000', lime: '#00ff00', aqua: '#00ffff', cyan: '#00ffff',
  fuchsia: '#ff00ff', magenta: '#ff00ff', darkgray: '#a9a9a9', darkgrey: '#a9a9a9', lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3', dimgray: '#696969', dimgrey: '#696969', gainsboro: '#dcdcdc', whitesmoke: '#f5f5f5',
  darkred: '#8b0000', darkgreen: '#006400', darkblue: '#00008b', lightblue: '#add8e6', steelblue: '#4682b4',
  royalblue: '#4169e1', skyblue: '#87ceeb', crimson: '#dc143c', tomato: '#ff6347', gold: '#ffd700',
  pink: '#ffc0cb', brown: '#a52a2a', beige: '#f5f5dc', ivory: '#fffff0', lightyellow: '#ffffe0',
  lightgreen: '#90ee90', forestgreen: '#228b22', seagreen: '#2e8b57', darkorange: '#ff8c00', coral: '#ff7f50',
  salmon: '#fa8072', indigo: '#4b0082', violet: '#ee82ee', slategray: '#708090', slategrey: '#708090',
};

const hex2 = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');

/** A paint: #rrggbb, null for none, with the alpha a colour itself carries. */
function paint(s: string, current: string): { color: string | null; alpha: number } {
  const v = s.trim().toLowerCase();
  if (v === 'none' || v === 'transparent') return { color: null, alpha: 1 };
  if (v === 'currentcolor') return { color: current, alpha: 1 };
  if (v.startsWith('url(')) return no('it fills or strokes with a gradient or pattern');
  const h = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(v)?.[1];
  if (h) {
    const full = h.length <= 4 ? [...h].map((c) => c + c).join('') : h;
    return { color: `#${full.slice(0, 6)}`, alpha: full.length === 8 ? parseInt(full.slice(6), 16) / 255 : 1 };
  }
  const rgb = /^rgba?\(\s*([^)]*)\)$/.exec(v)?.[1];
  if (rgb) {
    const parts = rgb.split(/[\s,/]+/).filter(Boolean);
    const channel = (p: string) => (p.endsWith('%') ? (Number(p.slice(0, -1)) * 255) / 100 : Number(p));
    const [r, g, b] = parts.slice(0, 3).map(channel);
    const a = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? Number(parts[3].slice(0, -1)) / 100 : Number(parts[3]);
    if ([r, g, b, a].every(Number.isFinite)) return { color: `#${hex2(r)}${hex2(g)}${hex2(b)}`, alpha: Math.max(0, Math.min(1, a)) };
  }
  if (NAMED[v]) return { color: NAMED[v], alpha: 1 };
  return no(`it uses a colour we do not know ("${s.slice(0, 20)}")`);
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m then n: the matrix of drawing in n's space inside m's. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function transform(s: string | undefined): Matrix {
  let m = IDENTITY;
  if (!s) return m;
  const rest = s.replace(/(\w+)\s*\(([^)]*)\)/g, (_all, fn: string, args: string) => {
    const a = numbers(args);
    const rad = (deg: number) => (deg * Math.PI) / 180;
    let t: Matrix;
    if (fn === 'matrix' && a.length === 6) t = a as Matrix;
    else if (fn === 'translate' && (a.length === 1 || a.length === 2)) t = [1, 0, 0, 1, a[0], a[1] ?? 0];
    else if (fn === 'scale' && (a.length === 1 || a.length === 2)) t = [a[0], 0, 0, a[1] ?? a[0], 0, 0];
    else if (fn === 'rotate' && (a.length === 1 || a.length === 3)) {
      const [c, si] = [Math.cos(rad(a[0])), Math.sin(rad(a[0]))];
      const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
      t = multiply(multiply([1, 0, 0, 1, cx, cy], [c, si, -si, c, 0, 0]), [1, 0, 0, 1, -cx, -cy]);
    } else if (fn === 'skewX' && a.length === 1) t = [1, 0, Math.tan(rad(a[0])), 1, 0, 0];
    else if (fn === 'skewY' && a.length === 1) t = [1, Math.tan(rad(a[0])), 0, 1, 0, 0];
    else return no(`it has a transform we cannot read ("${s.slice(0, 30)}")`);
    m = multiply(m, t);
    return '';
  });
  if (rest.replace(/[\s,]/g, '')) no(`it has a transform we cannot read ("${s.slice(0, 30)}")`);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Styles: presentation attributes and inline `style`, inherited down the tree.

interface Style {
  fill: string | null;
  fillAlpha: number;
  stroke: string | null;
  strokeAlpha: number;
  strokeWidth: number;
  fillOpacity: number;
  strokeOpacity: number;
  evenOdd: boolean;
  color: string;
  fontSize: number;
  families: string[];
  bold: boolean;
  italic: boolean;
  anchor: SvgText['anchor'];
  lineCap: SvgPath['lineCap'];
  lineJoin: SvgPath['lineJoin'];
  /** Group opacity, multiplied down (exact for shapes that do not overlap inside the group). */
  opacity: number;
  hidden: boolean;
}

const ROOT_STYLE: Style = {
  fill: '#000000', fillAlpha: 1, stroke: null, strokeAlpha: 1, strokeWidth: 1, fillOpacity: 1, strokeOpacity: 1,
  evenOdd: false, color: '#000000', fontSize: 16, families: ['serif'], bold: false, italic: false, anchor: 'start',
  lineCap: 'butt', lineJoin: 'miter', opacity: 1, hidden: false,
};

/** Properties we draw; any other presentation property that changes how a shape looks is refused. */
const IGNORED = /^(id|class|href|xmlns(:.*)?|version|x|y|dx|dy|width|height|d|points|cx|cy|r|rx|ry|x1|y1|x2|y2|viewBox|preserveAspectRatio|transform|style|xml:space|xml:lang|lang|baseProfile|shape-rendering|text-rendering|image-rendering|color-rendering|enable-background|stroke-miterlimit|font-stretch|font-variant|letter-spacing|word-spacing|dominant-baseline|alignment-baseline|vector-effect|overflow|clip-rule|paint-order|aria-.*|role|focusable|data-.*|[a-z]+:.*)$/;

function declarations(el: XmlElement): [string, string][] {
  const out = Object.entries(el.attrs);
  for (const decl of (el.attrs.style ?? '').split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out.push([decl.slice(0, i).trim(), decl.slice(i + 1).trim()]);
  }
  return out;
}

function styleOf(el: XmlElement, parent: Style): Style {
  const s: Style = { ...parent, opacity: parent.opacity };
  const decls = declarations(el);
  // color first: currentColor in the same element refers to it.
  for (const [k, v] of decls) if (k === 'color') s.color = paint(v, parent.color).color ?? parent.color;
  for (const [k, raw] of decls) {
    const v = raw.replace(/\s*!important$/, '');
    if (v === 'inherit') continue;
    switch (k) {
      case 'fill': {
        const p = paint(v, s.color);
        [s.fill, s.fillAlpha] = [p.color, p.alpha];
        break;
      }
      case 'stroke': {
        const p = paint(v, s.color);
        [s.stroke, s.strokeAlpha] = [p.color, p.alpha];
        break;
      }
      case 'stroke-width': s.strokeWidth = length(v, s.fontSize, 1); break;
      case 'fill-opacity': s.fillOpacity = Number(v); break;
      case 'stroke-opacity': s.strokeOpacity = Number(v); break;
      case 'opacity': s.opacity = parent.opacity * Number(v); break;
      case 'fill-rule': s.evenOdd = v === 'evenodd'; break;
      case 'font-size': s.fontSize = v.endsWith('%') ? (parent.fontSize * Number(v.slice(0, -1))) / 100 : length(v, parent.fontSize, parent.fontSize); break;
      case 'font-family': s.families = v.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')).filter(Boolean); break;
      case 'font-weight': s.bold = v === 'bold' || v === 'bolder' || Number(v) >= 600; break;
      case 'font-style': s.italic = v === 'italic' || v === 'oblique'; break;
      case 'font': no('it uses the `font` shorthand'); break;
      case 'text-anchor': s.anchor = v === 'middle' || v === 'end' ? v : 'start'; break;
      case 'stroke-linecap': s.lineCap = v === 'round' || v === 'square' ? v : 'butt'; break;
      case 'stroke-linejoin': s.lineJoin = v === 'round' || v === 'bevel' ? v : 'miter'; break;
      case 'display': if (v === 'none') s.hidden = true; break;
      case 'visibility': s.hidden = v === 'hidden' || v === 'collapse'; break;
      case 'color': break;
      case 'stroke-dasharray': if (v !== 'none') no('it has dashed lines'); break;
      case 'stroke-dashoffset': break;
      default:
        if (!IGNORED.test(k)) no(`it uses the property "${k}"`);
    }
  }
  for (const n of [s.fillOpacity, s.strokeOpacity, s.opacity]) if (!Number.isFinite(n)) no('it has an opacity we cannot read');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Shapes to path data.

function rectPath(x: number, y: number, w: number, h: number, rx: number, ry: number): string {
  if (rx <= 0 || ry <= 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  [rx, ry] = [Math.min(rx, w / 2), Math.min(ry, h / 2)];
  const arc = (dx: number, dy: number) => `A${rx} ${ry} 0 0 1 ${dx} ${dy}`;
  return `M${x + rx} ${y}H${x + w - rx}${arc(x + w, y + ry)}V${y + h - ry}${arc(x + w - rx, y + h)}H${x + rx}${arc(x, y + h - ry)}V${y + ry}${arc(x + rx, y)}Z`;
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M${cx - rx} ${cy}A${rx} ${ry} 0 1 0 ${cx + rx} ${cy}A${rx} ${ry} 0 1 0 ${cx - rx} ${cy}Z`;
}

/** Path data pdfkit's parser reads: commands and numbers only. */
const PATH_DATA = /^[MmZzLlHhVvCcSsQqTtAa\d\s,.eE+-]*$/;

function shapePath(el: XmlElement, s: Style): string | null {
  const a = el.attrs;
  const len = (k: string, dflt = 0) => length(a[k], s.fontSize, dflt);
  switch (el.name) {
    case 'path': {
      const d = a.d ?? '';
      if (!PATH_DATA.test(d)) no('it has path data we cannot read');
      return d.trim() ? d : null;
    }
    case 'rect': {
      const [w, h] = [len('width'), len('height')];
      if (w <= 0 || h <= 0) return null;
      const rx = a.rx !== undefined ? len('rx') : a.ry !== undefined ? len('ry') : 0;
      const ry = a.ry !== undefined ? len('ry') : rx;
      return rectPath(len('x'), len('y'), w, h, rx, ry);
    }
    case 'circle': {
      const r = len('r');
      return r > 0 ? ellipsePath(len('cx'), len('cy'), r, r) : null;
    }
    case 'ellipse': {
      const [rx, ry] = [len('rx'), len('ry')];
      return rx > 0 && ry > 0 ? ellipsePath(len('cx'), len('cy'), rx, ry) : null;
    }
    case 'line':
      return `M${len('x1')} ${len('y1')}L${len('x2')} ${len('y2')}`;
    case 'polyline':
    case 'polygon': {
      const p = numbers(a.points);
      if (p.length < 4) return null;
      let d = `M${p[0]} ${p[1]}`;
      for (let i = 2; i + 1 < p.length; i += 2) d += `L${p[i]} ${p[i + 1]}`;
      return el.name === 'polygon' ? `${d}Z` : d;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text: a line per absolutely placed chunk, runs for its tspans.

function collapse(s: string): string {
  return s.replace(/[\n\r\t]/g, ' ').replace(/ {2,}/g, ' ');
}

function readText(el: XmlElement, style: Style, matrix: Matrix, out: SvgText[]) {
  if (Math.abs(matrix[1]) > 1e-9 || Math.abs(matrix[2]) > 1e-9 || Math.abs(matrix[0] - matrix[3]) > 1e-9 || matrix[0] <= 0) no('it has rotated, skewed or stretched text');
  let line: SvgText | null = null;
  let x = 0;
  let y = 0;
  let anchor = style.anchor;
  const startLine = () => {
    line = { kind: 'text', x, y, matrix, anchor, runs: [] };
    out.push(line);
  };
  const position = (e: XmlElement, s: Style) => {
    const xs = numbers(e.attrs.x);
    const ys = numbers(e.attrs.y);
    if (xs.length > 1 || ys.length > 1 || e.attrs.rotate || e.attrs.textLength) no('it places text letter by letter');
    const dx = e.attrs.dx ? length(e.attrs.dx, s.fontSize, 0) : 0;
    const dy = e.attrs.dy ? length(e.attrs.dy, s.fontSize, 0) : 0;
    if (xs.length || ys.length || dy) {
      x = (xs.length ? xs[0] : line ? x : 0) + dx;
      y = (ys.length ? ys[0] : y) + dy;
      return true; // a new chunk
    }
    if (dx) no('it shifts text sideways inside a line');
    return false;
  };
  const walk = (e: XmlElement, s: Style) => {
    for (const c of e.children) {
      if (typeof c === 'string') {
        const t = collapse(c);
        if (!t || !s.fill) continue; // unfilled text is not seen
        if (!line) startLine();
        line!.runs.push({ text: t, size: s.fontSize, families: s.families, bold: s.bold, italic: s.italic, fill: s.fill, opacity: s.opacity * s.fillOpacity * s.fillAlpha });
        continue;
      }
      if (c.name === 'title' || c.name === 'desc') continue;
      if (c.name !== 'tspan') no(`it has <${c.name}> inside text`);
      const cs = styleOf(c, s);
      if (cs.hidden) continue;
      if (position(c, cs)) {
        line = null;
        anchor = cs.anchor;
      }
      walk(c, cs);
    }
  };
  position(el, style);
  walk(el, style);
  // Spaces at the ends of a chunk are not drawn (xml:space default).
  for (const l of out) {
    if (!l.runs.length) continue;
    l.runs[0].text = l.runs[0].text.replace(/^ +/, '');
    const last = l.runs[l.runs.length - 1];
    last.text = last.text.replace(/ +$/, '');
  }
}

// ---------------------------------------------------------------------------------------------

/** Elements that hold no drawing: skipped with their content. */
const SKIPPED = new Set(['title', 'desc', 'metadata']);
const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);

/** The drawing of an SVG, or a NotDrawable error saying what it holds that we do not draw. */
export function readSvgDrawing(source: string, o: { ink?: string } = {}): SvgDrawing {
  const svg = parseXml(source);
  const vb = numbers(svg.attrs.viewBox);
  // `ink`: the colour of `currentColor` and of shapes with no fill of their own (a cover's emblem).
  const rootStyle = styleOf(svg, o.ink ? { ...ROOT_STYLE, color: o.ink, fill: o.ink } : ROOT_STYLE);
  const w = svg.attrs.width && !svg.attrs.width.endsWith('%') ? length(svg.attrs.width, 16, 0) : vb.length === 4 ? vb[2] : 0;
  const h = svg.attrs.height && !svg.attrs.height.endsWith('%') ? length(svg.attrs.height, 16, 0) : vb.length === 4 ? vb[3] : 0;
  const viewBox: SvgDrawing['viewBox'] = vb.length === 4 ? [vb[0], vb[1], vb[2], vb[3]] : [0, 0, w, h];
  if (!(w > 0 && h > 0 && viewBox[2] > 0 && viewBox[3] > 0)) no('it has no size (width, height or viewBox)');
  if (svg.attrs.preserveAspectRatio && !/^\s*xMidYMid(\s+meet)?\s*$/.test(svg.attrs.preserveAspectRatio)) no('it has a preserveAspectRatio other than the default');
  const shapes: SvgDrawing['shapes'] = [];
  const texts: SvgText[] = [];
  const walk = (el: XmlElement, style: Style, matrix: Matrix) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (SKIPPED.has(c.name) || c.name.includes(':')) continue; // editors' own elements (sodipodi:, inkscape:)
      if (c.name === 'defs' && !c.children.some((k) => typeof k !== 'string')) continue;
      const s = styleOf(c, style);
      if (s.hidden) continue;
      const m = multiply(matrix, transform(c.attrs.transform));
      if (c.name === 'g') walk(c, s, m);
      else if (SHAPES.has(c.name)) {
        const d = shapePath(c, s);
        const lineOnly = c.name === 'line' || c.name === 'polyline';
        const fill = lineOnly ? null : s.fill;
        if (!d || (!fill && !s.stroke) || s.opacity === 0) continue;
        shapes.push({
          kind: 'path', d, matrix: m, fill, stroke: s.stroke, strokeWidth: s.strokeWidth, evenOdd: s.evenOdd,
          fillOpacity: s.opacity * s.fillOpacity * s.fillAlpha, strokeOpacity: s.opacity * s.strokeOpacity * s.strokeAlpha,
          lineCap: s.lineCap, lineJoin: s.lineJoin,
        });
      } else if (c.name === 'text') {
        texts.length = 0;
        readText(c, s, m, texts);
        shapes.push(...texts.filter((t) => t.runs.some((r) => r.text)));
      } else no(`it has <${c.name}>`);
    }
  };
  walk(svg, rootStyle, [1, 0, 0, 1, -viewBox[0], -viewBox[1]]);
  return { width: w, height: h, viewBox, shapes };
}

/** The drawing, or why it is not one. */
export function svgDrawingOrReason(source: string, o: { ink?: string } = {}): SvgDrawing | { reason: string } {
  try {
    return readSvgDrawing(source, o);
  } catch (e) {
    if (e instanceof NotDrawable) return { reason: e.message };
    throw e;
  }
}
