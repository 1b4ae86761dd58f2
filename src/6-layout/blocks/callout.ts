import type { Block } from '../../model/document.js';
import type { PageItem } from '../../model/page.js';
import type { Flow, FlowLine } from '../flow.js';
import { setText, type FlowContext } from '../text.js';
import { blocksToFlow } from './index.js';
import { ORPHANS, WIDOWS } from './paragraph.js';
import { adopt, structNode } from '../structure.js';

/** Text inside a callout keeps at least this width, however deep the callout is nested. */
const MIN_INNER_WIDTH = 60;

/**
 * A callout is lines like any paragraph, each carrying its slice of the tinted box: it splits across
 * pages like text, and each part is a complete box. Its title (`::: warning Before you leave`) is set
 * at the top in the headings' bold and never left at a page foot without the body's first line.
 */
export function callout(b: Extract<Block, { kind: 'callout' }>, ctx: FlowContext, indent: number): Flow[] {
  const { space, colors, styles } = ctx.theme;
  const width = ctx.width - indent;
  const pad = space.calloutPadding;
  const rule = space.calloutRule;
  const tint = b.variant === 'warning' ? colors.tint : colors.calloutTint;
  const innerWidth = Math.max(MIN_INNER_WIDTH, width - 2 * pad - rule);
  const inner = blocksToFlow(b.blocks, { ...ctx, width: innerWidth }, 0);
  const box = (height: number, items: PageItem[] = []): FlowLine => ({
    height,
    items: [{ type: 'rect', x: indent, y: 0, w: width, h: height, fill: tint }, { type: 'rect', x: indent, y: 0, w: rule, h: height, fill: colors.accent }, ...items.map((it) => ({ ...it, x: it.x + indent + pad + rule }))],
  });
  const title = b.title.length ? setText(b.title, styles.calloutTitle, ctx, b.source, innerWidth) : [];
  adopt(title.flatMap((l) => l.items), structNode('P'));
  const lines: FlowLine[] = [box(pad), ...title.map((l) => box(l.height, l.items))];
  inner.forEach((f, k) => {
    if (k > 0 || title.length) lines.push(box(space.calloutGap));
    if (f.kind === 'lines') lines.push(...f.lines.map((l) => box(l.height, l.items)));
    else if (f.kind === 'block') lines.push(box(f.height, f.items));
    else if (f.kind === 'figure') {
      const x = (f.columnWidth - f.imageWidth) / 2;
      const image: PageItem = { type: 'image', x: f.columnX + x, y: 0, w: f.imageWidth, h: f.imageHeight, image: f.image, ...(f.tag ? { tag: f.tag } : {}) };
      lines.push(box(f.imageHeight + f.captionGap, [image]), ...f.caption.map((l) => box(l.height, l.items)));
    }
  });
  lines.push(box(pad));
  // At a page foot: the top padding, the title, the gap under it and the body's first line, or none of them.
  const orphans = title.length ? 1 + title.length + 2 : ORPHANS;
  return [{ kind: 'lines', lines, spaceBefore: space.paragraph + 2, keepWithNext: false, orphans, widows: WIDOWS }];
}
