/**
 * Block kinds -> flow, one file a kind and one line in this table (as markdown-it registers its
 * rules). Each handler gets its block, the context, the indent it is set at and the block after it
 * (a paragraph announcing a figure stays with it).
 */
import type { Block } from '../../model/document.js';
import type { StructRole } from '../../model/page.js';
import type { Flow } from '../flow.js';
import { adoptFlows, structNode } from '../structure.js';
import type { FlowContext } from '../text.js';
import { callout } from './callout.js';
import { code } from './code.js';
import { figure, figures } from './figure.js';
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

/**
 * The structure element each kind's marks make (tagged PDF), or null for kinds whose handler makes its
 * own (a figure and its caption, each footnote) or that print nothing to read (a rule, a page break).
 */
const ROLE: { [K in Block['kind']]: (b: Extract<Block, { kind: K }>) => StructRole | null } = {
  heading: (b) => `H${b.level}`,
  paragraph: () => 'P',
  list: () => 'L',
  quote: () => 'BlockQuote',
  callout: () => 'Div',
  code: () => 'Code',
  figure: () => null,
  table: () => 'Table',
  notes: () => null,
  separator: () => null,
  pageBreak: () => null,
  linksIndex: () => null,
};

/** A block's flow, its marks made one structure element (its handler may have made elements inside it). */
function flowOf<K extends Block['kind']>(b: Extract<Block, { kind: K }>, ctx: FlowContext, indent: number, next: Block | undefined): Flow[] {
  const flows = (FLOW[b.kind] as FlowHandler<K>)(b, ctx, indent, next);
  const role = (ROLE[b.kind] as (b: Extract<Block, { kind: K }>) => StructRole | null)(b);
  if (role) adoptFlows(flows, structNode(role, 'lang' in b && b.lang ? { lang: b.lang } : {}));
  return flows;
}

/** The document's blocks -> flow items, measured at the column width. */
export function blocksToFlow(blocks: Block[], ctx: FlowContext, indent = 0): Flow[] {
  const out: Flow[] = [];
  // Deep nesting stops indenting at half the column, so text always keeps room to be set.
  const at = Math.min(indent, ctx.width / 2);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'figure') {
      // Figures that follow each other are set together: narrow ones share rows.
      const run: Extract<Block, { kind: 'figure' }>[] = [];
      for (let j = i; blocks[j]?.kind === 'figure'; j++) run.push(blocks[j] as (typeof run)[number]);
      out.push(...figures(run, ctx, at));
      i += run.length - 1;
      continue;
    }
    out.push(...flowOf(b, ctx, at, blocks[i + 1]));
  }
  return out;
}
