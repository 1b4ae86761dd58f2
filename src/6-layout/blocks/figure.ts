import { figureKey, type Block, type Inline } from '../../model/document.js';
import type { Theme } from '../../model/theme.js';
import type { ImageInfo } from '../../5-images/processImage.js';
import type { PageItem, StructNode, Warning } from '../../model/page.js';
import { adopt, structNode } from '../structure.js';
import type { Flow, FlowLine } from '../flow.js';
import type { PlacedFigure } from '../paginate.js';
import { isScreenshot, setText, stackLines, type FlowContext } from '../text.js';
import { numeral } from '../../3-typography/languages/index.js';
import { drawingSize, smallestTextPt } from '../vectorFigure.js';

type Figure = Extract<Block, { kind: 'figure' }>;

/**
 * A figure narrower than this (points) is widened to it, within its share of the column, when it has
 * the pixels for it (WIDEN_PPI): a small crop of a screenshot reads better larger, but a small logo
 * or icon is not blown up past its pixels.
 */
const MIN_FIGURE_WIDTH = 60;
const WIDEN_PPI = 150;
/** A caption is at least this share of the column wide, even under a narrow figure. */
const MIN_CAPTION_SHARE = 0.6;
/** However illegible it gets, a screenshot is never shrunk under half its size to stay on a page. */
const MIN_SHRINK = 0.5;
/** CSS pixels to points. */
const CSS_PX = 0.75;
/** Sizes are sums of floating-point numbers: within this (points) they fit. */
const FIT = 0.01;

/** A figure's box before any page asks it to shrink, and how far it may shrink. */
function naturalSize(b: Figure, ctx: FlowContext, width: number) {
  const rules = ctx.theme.figures;
  const key = figureKey(b.src, b.attrs);
  const info = ctx.images.get(key)!;
  const maxW = width * b.attrs.width;
  if (info.drawing) {
    const { width: imageWidth, minScale } = drawingSize(info.drawing, maxW, rules);
    return { key, info, imageWidth, imageHeight: (imageWidth * info.height) / info.width, minScale };
  }
  // A screenshot is printed at the width where its interface text comes out at uiTextPt (within the
  // requested share of the column), and shrinks no further than minUiTextPt. A photo (JPEG) has no
  // interface text: it takes the requested width and may shrink a little. On a phone every figure
  // takes the whole column: there is nothing to gain from keeping it small.
  const cssWidth = info.width / info.pixelRatio;
  const screenshot = isScreenshot(info);
  // An SVG we could not draw ourselves is shown as a browser would, never wider than its share.
  const naturalW = rules.fullWidth ? maxW : screenshot ? Math.min(maxW, cssWidth * (rules.uiTextPt / rules.uiTextPx)) : info.format === 'svg' ? Math.min(maxW, cssWidth * CSS_PX) : maxW;
  const imageWidth = Math.max(naturalW, Math.min(maxW, MIN_FIGURE_WIDTH, (info.width / WIDEN_PPI) * 72));
  const minScale = screenshot ? Math.min(1, Math.max(MIN_SHRINK, rules.minUiTextPt / ((imageWidth / cssWidth) * rules.uiTextPx))) : rules.photoMinScale;
  return { key, info, imageWidth, imageHeight: (imageWidth * info.height) / info.width, minScale };
}

/** The image's structure element: a Figure saying its alt text, none for a decorative image (an artifact). */
const figureNode = (b: Figure): StructNode | undefined => (b.decorative ? undefined : structNode('Figure', { alt: b.alt }));

/** A caption's lines, one Caption element beside its figure. */
function captionLines(lines: FlowLine[]): FlowLine[] {
  adopt(lines.flatMap((l) => l.items), structNode('Caption'));
  return lines;
}

/** "Figure N. " then the caption; none for a figure without a caption. */
function captionInlines(b: Figure, ctx: FlowContext): Inline[] {
  return b.caption.length ? [{ text: `${ctx.figureLabel} ${numeral(ctx.figureNumbers.get(b)!, ctx.lang)}. `, bold: true }, ...b.caption] : [];
}

export function figure(b: Figure, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space } = ctx.theme;
  const width = ctx.width - indent;
  const { key, imageWidth, imageHeight, minScale } = naturalSize(b, ctx, width);
  const captionRuns = captionInlines(b, ctx);
  const capWidth = Math.max(imageWidth, width * MIN_CAPTION_SHARE);
  const tag = figureNode(b);
  const caption = captionRuns.length ? captionLines(setText(captionRuns, styles.caption, ctx, b.source, capWidth, 0)) : [];
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
      captionGap: caption.length ? space.captionGap : 0,
      minScale,
      spaceBefore: space.figure,
      keepWithNext: false,
      source: b.source,
      share: b.attrs.width,
      ...(tag ? { tag } : {}),
    },
  ];
}

/**
 * A screenshot whose interface text prints under minUiTextPt, said where the figure is written, with
 * what would help: a figure shrunk to fit the page's height needs a shorter crop; one held narrow by
 * its `width=` gets the share that would do; one already as wide as its column can only be cropped.
 */
export function legibilityWarning(f: PlacedFigure, info: ImageInfo, rules: Theme['figures']): Warning | null {
  if (info.drawing) return drawingLegibility(f, info.drawing, rules);
  if (!isScreenshot(info)) return null;
  const uiPt = (rules.uiTextPx * f.w) / (info.width / info.pixelRatio);
  if (uiPt >= rules.minUiTextPt) return null;
  const message = `interface text in ${f.image.split('#')[0]} prints at about ${uiPt.toFixed(1)} pt (under ${rules.minUiTextPt} pt)`;
  // The printed width at which it would reach the minimum.
  const needed = (f.w * rules.minUiTextPt) / uiPt;
  const EPS = 0.5;
  let hint: string;
  if (f.scale < 1 - 1e-3) hint = 'It is shrunk to fit the page: crop it to a shorter part of the screen (crop="x,y,w,h" in its pixels).';
  else if (f.share < 1 && f.w < f.column - EPS && needed <= f.column + EPS) {
    const share = Math.min(100, Math.ceil((needed / f.column) * 100));
    hint = `Give it width=${share}% or more, or crop it to the part that matters (crop="x,y,w,h" in its pixels).`;
    if (needed <= f.column / 2) hint += ' Narrow screenshots set in a row with others take no more room.';
  } else hint = `At the full width of the column it would still print at about ${((uiPt * f.column) / f.w).toFixed(1)} pt: crop it to the part that matters (crop="x,y,w,h" in its pixels).`;
  return { message, where: f.source, hint };
}

/** The same for a drawing: its smallest text, measured from the SVG, and what would help. */
function drawingLegibility(f: PlacedFigure, drawing: NonNullable<ImageInfo['drawing']>, rules: Theme['figures']): Warning | null {
  const pt = smallestTextPt(drawing, f.w);
  if (pt === null || pt >= rules.minUiTextPt) return null;
  const message = `text in ${f.image.split('#')[0]} prints at about ${pt.toFixed(1)} pt (under ${rules.minUiTextPt} pt)`;
  const needed = (f.w * rules.minUiTextPt) / pt;
  const larger = 'make its text larger in the SVG (font-size)';
  let hint: string;
  if (f.scale < 1 - 1e-3) hint = `It is shrunk to fit the page: make the drawing less tall, or ${larger}.`;
  else if (f.share < 1 && needed <= f.column + 0.5) hint = `Give it width=${Math.min(100, Math.ceil((needed / f.column) * 100))}% or more, or ${larger}.`;
  else hint = `At the full width of the column it would still print at about ${((pt * f.column) / f.w).toFixed(1)} pt: ${larger}.`;
  return { message, where: f.source, hint };
}

/**
 * Figures that follow each other: narrow ones (taller than wide: phone screenshots) and the images of
 * one paragraph share rows where they fit; every other figure stands alone. On a phone every figure
 * takes the column (nothing to gain from setting them small).
 */
export function figures(run: Figure[], ctx: FlowContext, indent: number): Flow[] {
  const out: Flow[] = [];
  let row: Figure[] = [];
  const flush = () => {
    out.push(...(row.length > 1 ? rowFlow(row, ctx, indent) : row.flatMap((b) => figure(b, ctx, indent))));
    row = [];
  };
  for (const b of run) {
    const info = ctx.images.get(figureKey(b.src, b.attrs))!;
    const narrow = !ctx.theme.figures.fullWidth && (b.sideBySide === true || info.height > info.width);
    if (!narrow) {
      flush();
      out.push(...figure(b, ctx, indent));
      continue;
    }
    if (row.length && !rowHeight([...row, b], ctx, indent).fits) flush();
    row.push(b);
  }
  flush();
  return out;
}

/**
 * The images of a row share one height: the largest at which they fill no more than the column, none
 * is larger than alone, and none is narrower than it would be alone or than minRowWidth, whichever is less.
 */
function rowHeight(row: Figure[], ctx: FlowContext, indent: number) {
  const width = ctx.width - indent;
  const sizes = row.map((b) => naturalSize(b, ctx, width));
  const gaps = ctx.theme.space.figure * (row.length - 1);
  const aspects = sizes.map((s) => s.imageWidth / s.imageHeight);
  const height = Math.min(...sizes.map((s) => s.imageHeight), (width - gaps) / aspects.reduce((a, r) => a + r, 0));
  const fits = sizes.every((s, i) => height * aspects[i] >= Math.min(s.imageWidth, ctx.theme.figures.minRowWidth) - FIT);
  return { height, fits, aspects };
}

/**
 * How many times a row taller than the page is made smaller (narrower images, so taller captions)
 * before its figures stand alone instead.
 */
const ROW_TRIES = 12;

/**
 * One row: images side by side, tops aligned, centred in the column, each caption under its image.
 * Never split (a block) and never taller than the page: it is made smaller to fit, or set one figure
 * after another if it cannot.
 */
function rowFlow(row: Figure[], ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, page } = ctx.theme;
  const width = ctx.width - indent;
  const pageHeight = page.height - page.margin.top - page.margin.bottom;
  const natural = rowHeight(row, ctx, indent);
  const aspects = natural.aspects;
  let height = natural.height;
  for (let k = 0; k < ROW_TRIES; k++) {
    const widths = aspects.map((a) => height * a);
    const captions = row.map((b, i) => {
      const runs = captionInlines(b, ctx);
      return runs.length ? captionLines(setText(runs, styles.caption, ctx, b.source, widths[i], 0)) : ([] as FlowLine[]);
    });
    const captionHeight = Math.max(...captions.map((c) => (c.length ? space.captionGap + c.reduce((a, l) => a + l.height, 0) : 0)));
    if (height + captionHeight > pageHeight + FIT) {
      height = pageHeight - captionHeight;
      if (height <= 0) break;
      continue;
    }
    const total = widths.reduce((a, w) => a + w, 0) + space.figure * (row.length - 1);
    let x = indent + (width - total) / 2;
    const items: PageItem[] = [];
    const placed: NonNullable<Extract<Flow, { kind: 'block' }>['figures']> = [];
    row.forEach((b, i) => {
      const image = figureKey(b.src, b.attrs);
      const tag = figureNode(b);
      items.push({ type: 'image', x, y: 0, w: widths[i], h: height, image, ...(tag ? { tag } : {}) }, ...stackLines(captions[i], x, height + space.captionGap).items);
      placed.push({ image, w: widths[i], h: height, column: width, share: b.attrs.width, source: b.source });
      x += widths[i] + space.figure;
    });
    return [{ kind: 'block', height: height + captionHeight, items, spaceBefore: space.figure, keepWithNext: false, figures: placed }];
  }
  return row.flatMap((b) => figure(b, ctx, indent));
}
