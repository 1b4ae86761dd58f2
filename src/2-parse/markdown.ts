import MarkdownIt, { type MarkdownIt as Md } from 'markdown-it';
import attrs from 'markdown-it-attrs';
import { SYNTAX } from './blocks/index.js';

let cached: Md | undefined;

export function markdownParser(): Md {
  if (cached) return cached;
  // html: true so that raw HTML arrives as tokens we can refuse with a position, instead of as text.
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.use(attrs, { leftDelimiter: '{', rightDelimiter: '}' });
  // The syntax of our own block kinds: containers (refused by name in toDocument), \newpage.
  for (const use of SYNTAX) use(md);
  // Every URL reaches toDocument, which decides (and says why) instead of silently dropping it.
  md.validateLink = () => true;
  cached = md;
  return md;
}
