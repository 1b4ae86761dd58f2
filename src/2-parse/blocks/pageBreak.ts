import type { MarkdownIt, StateBlock } from 'markdown-it';
import type { BlockHandler } from '../context.js';

/**
 * `\newpage` alone on a line forces a page break. A block rule of its own (as markdown-it does for
 * every construct) so that it never mixes with paragraph text.
 */
function pageBreakRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const line = state.src.slice(start, state.eMarks[startLine]).trim();
  if (line !== '\\newpage' && line !== '\\pagebreak') return false;
  if (silent) return true;
  const token = state.push('page_break', '', 0);
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

export function pageBreakSyntax(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'page_break', pageBreakRule, { alt: ['paragraph'] });
}

export const pageBreak: BlockHandler = (ctx, _t, source) => {
  ctx.pos++;
  return { kind: 'pageBreak', source };
};
