import MarkdownIt, { type StateBlock, type MarkdownIt as Md } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import container from 'markdown-it-container';

/** Callout variants and the `::: links` placeholder are the only containers the format knows. */
export const CONTAINERS = ['note', 'tip', 'warning', 'links'] as const;

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

let cached: Md | undefined;

export function markdownParser(): Md {
  if (cached) return cached;
  // html: true so that raw HTML arrives as tokens we can refuse with a position, instead of as text.
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.use(attrs, { leftDelimiter: '{', rightDelimiter: '}' });
  // Any container name parses; toDocument refuses unknown ones with their line.
  md.use(container, 'any', { validate: () => true });
  md.block.ruler.before('paragraph', 'page_break', pageBreakRule, { alt: ['paragraph'] });
  // Every URL reaches toDocument, which decides (and says why) instead of silently dropping it.
  md.validateLink = () => true;
  cached = md;
  return md;
}
