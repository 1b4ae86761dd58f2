import { figureKey, type Block, type Inline } from '../../model/document.js';
import type { Theme } from '../../model/theme.js';
import type { ImageInfo } from '../../5-images/processImage.js';
import type { Warning } from '../../model/page.js';
import type { Flow } from '../flow.js';
import type { PlacedFigure } from '../paginate.js';
import { isScreenshot, setText, type FlowContext } from '../text.js';

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

export function figure(b: Extract<Block, { kind: 'figure' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, figures: rules } = ctx.theme;
  const width = ctx.width - indent;
  const key = figureKey(b.src, b.attrs);
  const info = ctx.images.get(key)!;
  const maxW = width * b.attrs.width;
  // A screenshot is printed at the width where its interface text comes out at uiTextPt (within the
  // requested share of the column), and shrinks no further than minUiTextPt. A photo (JPEG) has no
  // interface text: it takes the requested width and may shrink a little. On a phone every figure
  // takes the whole column: there is nothing to gain from keeping it small.
  const cssWidth = info.width / info.pixelRatio;
  const screenshot = isScreenshot(info);
  const naturalW = screenshot && !rules.fullWidth ? Math.min(maxW, cssWidth * (rules.uiTextPt / rules.uiTextPx)) : maxW;
  const imageWidth = Math.max(naturalW, Math.min(maxW, MIN_FIGURE_WIDTH, (info.width / WIDEN_PPI) * 72));
  const minScale = screenshot ? Math.min(1, Math.max(MIN_SHRINK, rules.minUiTextPt / ((imageWidth / cssWidth) * rules.uiTextPx))) : rules.photoMinScale;
  const imageHeight = (imageWidth * info.height) / info.width;
  const number = ctx.figureNumbers.get(b);
  const captionInlines: Inline[] = b.caption.length ? [{ text: `${ctx.figureLabel} ${number}. `, bold: true }, ...b.caption] : [];
  const capWidth = Math.max(imageWidth, width * MIN_CAPTION_SHARE);
  const caption = captionInlines.length ? setText(captionInlines, styles.caption, ctx, b.source, capWidth, 0) : [];
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
    },
  ];
}

/**
 * A screenshot whose interface text prints under minUiTextPt, said where the figure is written, with
 * what would help: a figure shrunk to fit the page's height needs a shorter crop; one held narrow by
 * its `width=` gets the share that would do; one already as wide as its column can only be cropped.
 */
export function legibilityWarning(f: PlacedFigure, info: ImageInfo, rules: Theme['figures']): Warning | null {
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
