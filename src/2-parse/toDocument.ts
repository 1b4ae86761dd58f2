import { fail, type Warn } from '../errors.js';
import type { Block, Chapter } from '../model/document.js';
import type { SourceFile } from '../1-load/loadGuide.js';
import { BLOCKS } from './blocks/index.js';
import { where, type ParseContext } from './context.js';
import { markdownParser } from './markdown.js';

export { MAX_NESTING, slugify } from './context.js';
export { MAX_URL } from './inlines.js';

const silent: Warn = () => {};

/**
 * Markdown file -> chapter of blocks. markdown-it's flat token stream becomes a tree here, once.
 * `baseUrl`: zine.yml's base-url, which relative links are resolved against.
 */
export function parseChapter(file: SourceFile, ids = new Set<string>(), warn: Warn = silent, baseUrl?: string): Chapter {
  const md = markdownParser();
  const tokens = md.parse(file.body, {});
  const lines = file.body.split('\n');
  const ctx: ParseContext = { file, lines, ids, pos: 0, tokens, md, depth: 0, warn, baseUrl, shortcodes: new Map(), blocks: (closeType) => parseBlocks(ctx, closeType) };
  const blocks = parseBlocks(ctx, null);
  const [first] = ctx.shortcodes.values();
  if (first) {
    const names = [...ctx.shortcodes.keys()];
    warn(`icon shortcode${names.length > 1 ? 's' : ''} printed as text: ${names.join(' ')}`, first, 'A zine has no icon set: write the words the icon stands for, or remove it.');
  }
  return { file: file.path, blocks };
}

/** Each token that opens a block goes to its kind's handler (blocks/index.ts), which reads the whole block. */
function parseBlocks(ctx: ParseContext, closeType: string | null): Block[] {
  const out: Block[] = [];
  while (ctx.pos < ctx.tokens.length) {
    const t = ctx.tokens[ctx.pos];
    if (closeType && t.type === closeType) {
      ctx.pos++;
      return out;
    }
    const source = where(ctx, t);
    const handler = Object.hasOwn(BLOCKS, t.type) ? BLOCKS[t.type] : undefined;
    if (!handler) fail(`unsupported Markdown (${t.type})`, source);
    const block = handler(ctx, t, source);
    if (Array.isArray(block)) out.push(...block);
    else if (block) out.push(block);
  }
  return out;
}
