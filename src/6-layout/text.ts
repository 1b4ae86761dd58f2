/** Setting text for the flow: the context every block's layout gets, and lines of page items. */
import type { SourcePos } from '../errors.js';
import type { Block, Inline } from '../model/document.js';
import type { PageItem, StructNode } from '../model/page.js';
import { structNode } from './structure.js';
import { JOINED_FACES, JOINED_LEADING, SOLID, trackingOf, type Colors, type TextStyle, type Theme } from '../model/theme.js';
import type { ImageInfo } from '../5-images/processImage.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { breakLines, type Line, type MissingChars } from './lineBreak.js';
import type { Metrics } from './metrics.js';
import type { FlowLine } from './flow.js';
import { work } from './work.js';
import { reflect, reflections } from './bidi.js';
import { faceFor } from './words.js';
import { numeral } from '../3-typography/languages/index.js';
import type { FaceId } from '../model/theme.js';

export interface FlowContext {
  metrics: Metrics;
  lang: string;
  hyphenate: Hyphenator;
  theme: Theme;
  /** Width of the text column in points. */
  width: number;
  /** Image facts by figure key (its path as written in the Markdown, and its crop and redaction). */
  images: Map<string, ImageInfo>;
  figureLabel: string;
  /** Figure numbers, counted once over the whole document (captioned figures only). */
  figureNumbers: Map<Block, number>;
  missing?: MissingChars;
}

/**
 * Screenshots come as PNG or WebP; photos as JPEG (or HEIF); diagrams as SVG: only screenshots have
 * interface text at screen size to keep legible (a drawing's text is measured from the drawing).
 */
export function isScreenshot(info: ImageInfo): boolean {
  return info.format !== 'svg' && info.format !== 'jpeg' && info.format !== 'heif';
}

/** A number the engine writes (folio, contents, list or note number) in the language's digits, and the face of `face`'s stack that has them. */
export function numberText(n: number, face: FaceId, ctx: Pick<FlowContext, 'lang' | 'metrics' | 'theme'>): { text: string; face: FaceId } {
  const text = numeral(n, ctx.lang);
  return { text, face: faceFor(face, text.codePointAt(0)!, ctx.metrics, ctx.theme.fallback) ?? face };
}

export function baselineOffset(style: TextStyle, metrics: Metrics): number {
  const asc = metrics.ascent(style.face);
  const desc = metrics.descent(style.face);
  return (style.leading + style.size * (asc + desc)) / 2;
}

/**
 * Keys' boxes and highlights span the run's advance widths (the spaces around them stay clear), from
 * above the capitals to below the descenders (ems of the run's size): less than the leading, so the
 * boxes of two lines never touch. A key's box is outlined with hairlines of KBD_RULE points.
 */
const BOX_TOP = 0.9;
const BOX_BOTTOM = 0.28;
const KBD_RULE = 0.4;

function boxItems(line: Line, style: TextStyle, colors: Colors, base: number, indent: number, spans: [number, number][]): PageItem[] {
  return line.boxes.flatMap((b) => {
    const size = style.size * b.size;
    const [x, y, w, h] = [indent + reflect(b.x, b.w, spans), base - BOX_TOP * size, b.w, (BOX_TOP + BOX_BOTTOM) * size];
    if (b.box === 'mark') return [{ type: 'rect' as const, x, y, w, h, fill: colors.highlight }];
    const r = KBD_RULE;
    return [
      { type: 'rect' as const, x, y, w, h: r, fill: colors.muted },
      { type: 'rect' as const, x, y: y + h - r, w, h: r, fill: colors.muted },
      { type: 'rect' as const, x, y, w: r, h, fill: colors.muted },
      { type: 'rect' as const, x: x + w - r, y, w: r, h, fill: colors.muted },
    ];
  });
}

/** Lines from the line breaker -> flow lines with page items (boxes behind the text, text fragments, link boxes). */
export function toFlowLines(lines: Line[], style: TextStyle, metrics: Metrics, colors: Colors, indent = 0): FlowLine[] {
  const baseline = baselineOffset(style, metrics);
  // Each link is one Link element, its words and its boxes (over lines too), in the element of its text.
  let link: { url: string; node: StructNode } | null = null;
  const linkOf = (url: string | undefined): StructNode | null => {
    if (!url) return (link = null);
    if (link?.url !== url) link = { url, node: structNode('Link') };
    return link.node;
  };
  // Words in another language (`<span lang>`): one Span per run, in the element of its text.
  let span: { lang: string; node: StructNode } | null = null;
  const spanOf = (lang: string | undefined): StructNode | null => {
    if (!lang) return (span = null);
    if (span?.lang !== lang) span = { lang, node: structNode('Span', { lang }) };
    return span.node;
  };
  return lines.map((line) => {
    // A line of Arabic in a style set solid gets more room, shared above and below it.
    const open = style.leading < style.size * SOLID && line.fragments.some((f) => JOINED_FACES.has(f.face));
    const height = open ? style.size * JOINED_LEADING : style.leading;
    const base = baseline + (height - style.leading) / 2;
    // Right-to-left paragraphs: left-to-right runs reversed here, so the page's mirror puts them back in order.
    const spans = reflections(line.fragments);
    const text: PageItem[] = line.fragments.flatMap((f) => {
      const inLink = linkOf(f.link);
      const inSpan = spanOf(f.lang);
      // A link in another language: the Link says its language.
      if (inLink && f.lang) inLink.lang = f.lang;
      const tag = inLink ?? inSpan;
      const size = f.size ? style.size * f.size : style.size;
      const tracking = trackingOf(style, f.face);
      const item = {
        type: 'text' as const,
        x: indent + reflect(f.x, f.width, spans),
        y: f.rise ? base - f.rise * style.size : base,
        text: f.text,
        face: f.face,
        size,
        color: f.link && style.linkColor ? style.linkColor : style.color,
        width: f.width,
        ...(tracking ? { tracking } : {}),
        ...(f.wordSpacing ? { wordSpacing: f.wordSpacing } : {}),
        ...(f.spaceAfter ? { spaceAfter: true as const } : {}),
        ...(f.actual !== undefined ? { actual: f.actual } : {}),
        ...(tag ? { tag } : {}),
      };
      if (!f.hyphen) return [item];
      // The hyphen added at the break is drawn on its own, an artifact: the word reads whole ("sessions").
      const hyphen = metrics.width(f.face, '-') * size + (tracking ?? 0);
      const { tag: _t, wordSpacing: _w, spaceAfter: _s, ...plain } = item;
      return [
        { ...item, text: f.text.slice(0, -1), width: f.width - hyphen },
        { ...plain, x: item.x + f.width - hyphen, text: '-', width: hyphen, hyphen: true as const },
      ];
    });
    const items = [...boxItems(line, style, colors, base, indent, spans), ...text];
    for (const l of line.links) {
      const x = indent + reflect(l.x, l.w, spans);
      const words = text.find((t) => t.tag && t.type === 'text' && t.x >= x - 0.01 && t.x < x + l.w);
      items.push({ type: 'link', x, y: 0, w: l.w, h: height, url: l.url, tag: words?.tag ?? structNode('Link') });
    }
    return { height, items };
  });
}

export function setText(inlines: Inline[], style: TextStyle, ctx: FlowContext, source: SourcePos, width = ctx.width, indent = 0): FlowLine[] {
  work.textsSet++;
  const lines = breakLines(inlines, { style, width, metrics: ctx.metrics, lang: ctx.lang, hyphenate: ctx.hyphenate, source, missing: ctx.missing, fallback: ctx.theme.fallback });
  return toFlowLines(lines, style, ctx.metrics, ctx.theme.colors, indent);
}

/** Lines stacked from the top: their items placed, and the height they take. */
export function stackLines(lines: FlowLine[], x = 0, y0 = 0): { items: PageItem[]; height: number; bottom: number } {
  const items: PageItem[] = [];
  let y = y0;
  for (const l of lines) {
    for (const it of l.items) items.push({ ...it, x: it.x + x, y: it.y + y });
    y += l.height;
  }
  return { items, height: y - y0, bottom: y };
}

/** The words of a run of text, without its footnote numbers (a heading's, in the contents and running heads). */
export const plainText = (inlines: Inline[]) =>
  inlines
    .filter((i) => !i.note)
    .map((i) => i.text)
    .join('');
