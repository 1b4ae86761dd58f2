import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import type { FlowContext } from '../text.js';
import { blocksToFlow } from './index.js';

/** Set in italic, with a rule down the left of every line (so a quote split across pages keeps it). */
export function quote(b: Extract<Block, { kind: 'quote' }>, ctx: FlowContext, indent: number): Flow[] {
  const { space, colors } = ctx.theme;
  const italic = (bs: Block[]): Block[] =>
    bs.map((q) => (q.kind === 'paragraph' ? { ...q, inlines: q.inlines.map((i) => ({ ...i, italic: true })) } : q.kind === 'list' ? { ...q, items: q.items.map(italic) } : q));
  const flows = blocksToFlow(italic(b.blocks), ctx, indent + space.listIndent);
  for (const f of flows) {
    if (f.kind !== 'lines') continue;
    f.lines = f.lines.map((l) => ({ ...l, items: [{ type: 'rect', x: indent + space.quoteRule, y: 0, w: space.quoteRule, h: l.height, fill: colors.rule }, ...l.items] }));
  }
  return flows;
}
