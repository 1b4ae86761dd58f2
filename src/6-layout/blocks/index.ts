/**
 * Block kinds -> flow, one file a kind and one line in this table (as markdown-it registers its
 * rules). Each handler gets its block, the context, the indent it is set at and the block after it
 * (a paragraph announcing a figure stays with it).
 */
import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import type { FlowContext } from '../text.js';
import { callout } from './callout.js';
import { code } from './code.js';
import { figure } from './figure.js';
import { heading } from './heading.js';
import { list } from './list.js';
import { notes } from './notes.js';
import { paragraph } from './paragraph.js';
import { quote } from './quote.js';
import { separator } from './separator.js';
import { table } from './table.js';

export type FlowHandler<K extends Block['kind']> = (b: Extract<Block, { kind: K }>, ctx: FlowContext, indent: number, next: Block | undefined) => Flow[];

const FLOW: { [K in Block['kind']]: FlowHandler<K> } = {
  heading,
  paragraph,
  list,
  quote,
  callout,
  code,
  figure,
  table,
  notes,
  separator,
  pageBreak: () => [{ kind: 'break', reason: 'explicit' }],
  linksIndex: () => [], // placed by the book layout, which knows every link of the guide
};

/** The document's blocks -> flow items, measured at the column width. */
export function blocksToFlow(blocks: Block[], ctx: FlowContext, indent = 0): Flow[] {
  const out: Flow[] = [];
  blocks.forEach((b, i) => {
    // Deep nesting stops indenting at half the column, so text always keeps room to be set.
    const handler = FLOW[b.kind] as FlowHandler<typeof b.kind>;
    out.push(...handler(b, ctx, Math.min(indent, ctx.width / 2), blocks[i + 1]));
  });
  return out;
}
