import type { Block } from '../../model/document.js';
import type { PageItem } from '../../model/page.js';
import type { Flow } from '../flow.js';
import { baselineOffset, type FlowContext } from '../text.js';
import { blocksToFlow } from './index.js';

/** Item numbers are set a little smaller than the text, in the headings' bold. */
const NUMBER_SIZE = 0.9;
const NUMBER_WIDTH = 10;
/** The square bullet sits on the x-height, this share of the size above the baseline. */
const BULLET_RAISE = 0.42;

export function list(b: Extract<Block, { kind: 'list' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const out: Flow[] = [];
  b.items.forEach((item, n) => {
    const flows = blocksToFlow(item, ctx, indent + space.listIndent);
    const first = flows.find((f) => f.kind === 'lines');
    if (first && first.kind === 'lines' && first.lines[0]) {
      const base = baselineOffset(styles.body, ctx.metrics);
      const marker: PageItem = b.ordered
        ? { type: 'text', x: indent, y: base, text: `${b.start + n}.`, face: 'headings-bold', size: styles.body.size * NUMBER_SIZE, color: colors.accent, width: NUMBER_WIDTH }
        : { type: 'rect', x: indent + space.bullet / 2, y: base - styles.body.size * BULLET_RAISE, w: space.bullet, h: space.bullet, fill: colors.accent };
      first.lines[0] = { ...first.lines[0], items: [marker, ...first.lines[0].items] };
    }
    flows.forEach((f, k) => {
      if ('spaceBefore' in f) f.spaceBefore = k === 0 ? (n === 0 ? space.paragraph : space.listItem) : space.listItem;
    });
    out.push(...flows);
  });
  return out;
}
