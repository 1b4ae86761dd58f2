import { figureKey, type Block, type Inline } from '../../model/document.js';
import type { Flow } from '../flow.js';
import { isScreenshot, setText, type FlowContext } from '../text.js';

/** A figure narrower than this (points) is widened to it, within its share of the column. */
const MIN_FIGURE_WIDTH = 60;
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
  const imageWidth = Math.max(naturalW, Math.min(maxW, MIN_FIGURE_WIDTH));
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
    },
  ];
}
