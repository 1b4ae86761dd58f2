import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import { setText, type FlowContext } from '../text.js';
import { ORPHANS, WIDOWS } from './paragraph.js';

/**
 * Code keeps its spaces (as no-break spaces: the same width in a monospaced face) and its lines;
 * a line longer than the column is cut, never reflowed.
 */
export function code(b: Extract<Block, { kind: 'code' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space } = ctx.theme;
  const width = ctx.width - indent;
  const lines = b.text.split('\n').flatMap((t) => setText([{ text: t.replace(/ /g, '\u00a0') || '\u00a0', code: true }], styles.code, ctx, b.source, width - 2 * space.codeIndent, indent + space.codeIndent));
  return [{ kind: 'lines', lines, spaceBefore: space.paragraph, keepWithNext: false, orphans: ORPHANS, widows: WIDOWS }];
}
