import type { SourcePos } from '../errors.js';
import { figureKey, type Block, type Inline } from '../model/document.js';
import type { PageItem } from '../model/page.js';
import type { ImageInfo } from '../images/processImage.js';
import type { Hyphenator } from '../typography/hyphenate.js';
import { breakLines, type Line, type MissingChars } from './lineBreak.js';
import type { Metrics } from './metrics.js';
import type { Flow, FlowLine, HeadingMark } from './flow.js';
import { COLORS, MIN_UI_TEXT_PT, SPACE, STYLES, UI_TEXT_PT, UI_TEXT_PX, type TextStyle } from './style.js';

export interface FlowContext {
  metrics: Metrics;
  lang: string;
  hyphenate: Hyphenator;
  /** Width of the text column in points. */
  width: number;
  /** Image facts by figure key (its path as written in the Markdown, and its crop and redaction). */
  images: Map<string, ImageInfo>;
  figureLabel: string;
  figureCount: number;
  missing?: MissingChars;
}

/** Screenshots come as PNG or WebP; photos as JPEG (or HEIF): only screenshots have interface text to keep legible. */
export function isScreenshot(info: ImageInfo): boolean {
  return info.format !== 'jpeg' && info.format !== 'heif';
}

export function baselineOffset(style: TextStyle, metrics: Metrics): number {
  const asc = metrics.ascent(style.face);
  const desc = metrics.descent(style.face);
  return (style.leading + style.size * (asc + desc)) / 2;
}

/** Lines from the line breaker -> flow lines with page items (text fragments, link boxes). */
export function toFlowLines(lines: Line[], style: TextStyle, metrics: Metrics, indent = 0): FlowLine[] {
  const base = baselineOffset(style, metrics);
  return lines.map((line) => {
    const items: PageItem[] = line.fragments.map((f) => ({
      type: 'text' as const,
      x: indent + f.x,
      y: base,
      text: f.text,
      face: f.face,
      size: style.size,
      color: f.link && style.linkColor ? style.linkColor : style.color,
      width: f.width,
      ...(style.tracking ? { tracking: style.tracking } : {}),
      ...(f.wordSpacing ? { wordSpacing: f.wordSpacing } : {}),
    }));
    for (const l of line.links) items.push({ type: 'link', x: indent + l.x, y: 0, w: l.w, h: style.leading, url: l.url });
    return { height: style.leading, items };
  });
}

export function setText(inlines: Inline[], style: TextStyle, ctx: FlowContext, source: SourcePos, width = ctx.width, indent = 0): FlowLine[] {
  const lines = breakLines(inlines, { style, width, metrics: ctx.metrics, lang: ctx.lang, hyphenate: ctx.hyphenate, source, missing: ctx.missing });
  return toFlowLines(lines, style, ctx.metrics, indent);
}

const plain = (inlines: Inline[]) => inlines.map((i) => i.text).join('');

/** The document's blocks -> flow items, measured at the column width. */
export function blocksToFlow(blocks: Block[], ctx: FlowContext, indent = 0): Flow[] {
  const out: Flow[] = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    out.push(...blockToFlow(b, ctx, indent, next));
  });
  return out;
}

function blockToFlow(b: Block, ctx: FlowContext, indentWanted: number, next: Block | undefined): Flow[] {
  // Deep nesting stops indenting at half the column, so text always keeps room to be set.
  const indent = Math.min(indentWanted, ctx.width / 2);
  const width = ctx.width - indent;
  switch (b.kind) {
    case 'heading': {
      const heading: HeadingMark = { id: b.id, title: plain(b.inlines), level: b.level };
      if (b.level === 1) {
        const lines = setText(b.inlines, STYLES.sectionLabel, ctx, b.source, width, indent);
        const bar: PageItem = { type: 'rect', x: indent, y: 0, w: 22, h: 4, fill: COLORS.accent };
        const top = 12;
        const items: PageItem[] = [bar];
        let y = top;
        for (const l of lines) {
          items.push(...l.items.map((it) => ({ ...it, y: it.y + y })));
          y += l.height;
        }
        return [
          { kind: 'break', reason: 'section' },
          { kind: 'block', height: y + SPACE.afterSectionLabel, items, spaceBefore: 0, keepWithNext: true, heading },
        ];
      }
      const style = b.level === 2 ? STYLES.h2 : STYLES.h3;
      const lines = setText(b.inlines, style, ctx, b.source, width, indent);
      const items: PageItem[] = [];
      let y = 0;
      for (const l of lines) {
        items.push(...l.items.map((it) => ({ ...it, y: it.y + y })));
        y += l.height;
      }
      return [{ kind: 'block', height: y + (b.level === 2 ? SPACE.afterH2 : 3), items, spaceBefore: b.level === 2 ? SPACE.beforeH2 : 10, keepWithNext: true, heading }];
    }
    case 'paragraph': {
      const lines = setText(b.inlines, STYLES.body, ctx, b.source, width, indent);
      // A paragraph that announces what follows ("…:") stays with it.
      const announces = /[:：]\s*$/.test(plain(b.inlines)) && next !== undefined;
      return [{ kind: 'lines', lines, spaceBefore: SPACE.paragraph, keepWithNext: announces, orphans: 2, widows: 2 }];
    }
    case 'list': {
      const out: Flow[] = [];
      b.items.forEach((item, n) => {
        const flows = blocksToFlow(item, ctx, indent + SPACE.listIndent);
        const first = flows.find((f) => f.kind === 'lines');
        if (first && first.kind === 'lines' && first.lines[0]) {
          const base = baselineOffset(STYLES.body, ctx.metrics);
          const marker: PageItem = b.ordered
            ? { type: 'text', x: indent, y: base, text: `${b.start + n}.`, face: 'sans-bold', size: STYLES.body.size * 0.9, color: COLORS.accent, width: 10 }
            : { type: 'rect', x: indent + 2, y: base - STYLES.body.size * 0.42, w: 4, h: 4, fill: COLORS.accent };
          first.lines[0] = { ...first.lines[0], items: [marker, ...first.lines[0].items] };
        }
        flows.forEach((f, k) => {
          if ('spaceBefore' in f) f.spaceBefore = k === 0 ? (n === 0 ? SPACE.paragraph : SPACE.listItem) : SPACE.listItem;
        });
        out.push(...flows);
      });
      return out;
    }
    case 'quote': {
      // Set in italic, with a rule down the left of every line (so a quote split across pages keeps it).
      const italic = (bs: Block[]): Block[] =>
        bs.map((q) => (q.kind === 'paragraph' ? { ...q, inlines: q.inlines.map((i) => ({ ...i, italic: true })) } : q.kind === 'list' ? { ...q, items: q.items.map(italic) } : q));
      const flows = blocksToFlow(italic(b.blocks), ctx, indent + SPACE.listIndent);
      for (const f of flows) {
        if (f.kind !== 'lines') continue;
        f.lines = f.lines.map((l) => ({ ...l, items: [{ type: 'rect', x: indent + 2, y: 0, w: 2, h: l.height, fill: COLORS.rule }, ...l.items] }));
      }
      return flows;
    }
    case 'callout': {
      // A callout is lines like any paragraph, each carrying its slice of the tinted box: it splits
      // across pages like text, and each part is a complete box.
      const pad = 8;
      const tint = b.variant === 'warning' ? COLORS.tint : '#f1f1f1';
      const inner = blocksToFlow(b.blocks, { ...ctx, width: Math.max(60, width - 2 * pad - 3) }, 0);
      const box = (height: number, items: PageItem[] = []): FlowLine => ({
        height,
        items: [{ type: 'rect', x: indent, y: 0, w: width, h: height, fill: tint }, { type: 'rect', x: indent, y: 0, w: 3, h: height, fill: COLORS.accent }, ...items.map((it) => ({ ...it, x: it.x + indent + pad + 3 }))],
      });
      const lines: FlowLine[] = [box(pad)];
      inner.forEach((f, k) => {
        if (k > 0) lines.push(box(4));
        if (f.kind === 'lines') lines.push(...f.lines.map((l) => box(l.height, l.items)));
        else if (f.kind === 'block') lines.push(box(f.height, f.items));
        else if (f.kind === 'figure') {
          const x = (f.columnWidth - f.imageWidth) / 2;
          const image: PageItem = { type: 'image', x: f.columnX + x, y: 0, w: f.imageWidth, h: f.imageHeight, image: f.image };
          lines.push(box(f.imageHeight + f.captionGap, [image]), ...f.caption.map((l) => box(l.height, l.items)));
        }
      });
      lines.push(box(pad));
      return [{ kind: 'lines', lines, spaceBefore: SPACE.paragraph + 2, keepWithNext: false, orphans: 2, widows: 2 }];
    }
    case 'code': {
      // Code keeps its spaces (as no-break spaces: the same width in a monospaced face) and its lines;
      // a line longer than the column is cut, never reflowed.
      const lines = b.text.split('\n').flatMap((t) => setText([{ text: t.replace(/ /g, '\u00a0') || '\u00a0', code: true }], STYLES.code, ctx, b.source, width - 12, indent + 6));
      return [{ kind: 'lines', lines, spaceBefore: SPACE.paragraph, keepWithNext: false, orphans: 2, widows: 2 }];
    }
    case 'figure': {
      const key = figureKey(b.src, b.attrs);
      const info = ctx.images.get(key)!;
      const maxW = width * b.attrs.width;
      // A screenshot is printed at the width where its interface text comes out at UI_TEXT_PT (within the
      // requested share of the column), and shrinks no further than MIN_UI_TEXT_PT. A photo (JPEG) has
      // no interface text: it takes the requested width and may shrink a fifth.
      const cssWidth = info.width / info.pixelRatio;
      const screenshot = isScreenshot(info);
      const naturalW = screenshot ? Math.min(maxW, cssWidth * (UI_TEXT_PT / UI_TEXT_PX)) : maxW;
      const imageWidth = Math.max(naturalW, Math.min(maxW, 60));
      const minScale = screenshot ? Math.min(1, Math.max(0.5, MIN_UI_TEXT_PT / ((imageWidth / cssWidth) * UI_TEXT_PX))) : 0.8;
      const imageHeight = (imageWidth * info.height) / info.width;
      ctx.figureCount++;
      const captionInlines: Inline[] = b.caption.length ? [{ text: `${ctx.figureLabel} ${ctx.figureCount}. `, bold: true }, ...b.caption] : [];
      const capWidth = Math.max(imageWidth, width * 0.6);
      const caption = captionInlines.length ? setText(captionInlines, STYLES.caption, ctx, b.source, capWidth, 0) : [];
      return [
        {
          kind: 'figure',
          imageWidth,
          imageHeight,
          image: key,
          columnX: indent,
          columnWidth: width,
          captionX: Math.min(indent + (width - imageWidth) / 2, indent + width - capWidth),
          caption,
          captionGap: caption.length ? SPACE.captionGap : 0,
          minScale,
          spaceBefore: SPACE.figure,
          keepWithNext: false,
          label: `${b.source.file}:${b.source.line}`,
        },
      ];
    }
    case 'pageBreak':
      return [{ kind: 'break', reason: 'explicit' }];
    case 'linksIndex':
      return []; // placed by the book layout, which knows every link of the guide
  }
}
