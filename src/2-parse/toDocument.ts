import type { Token } from 'markdown-it';
import { fail, ZineError, ZineErrors, type Warn } from '../errors.js';
import type { Block, Chapter } from '../model/document.js';
import type { SourceFile } from '../1-load/loadGuide.js';
import { BLOCKS } from './blocks/index.js';
import { noFootnotes, readFootnotes, sectionNotes, unusedNotes } from './blocks/footnote.js';
import { where, type ParseContext } from './context.js';
import { markdownParser } from './markdown.js';

export { MAX_NESTING, slugify } from './context.js';
export { MAX_URL } from './inlines.js';

const silent: Warn = () => {};

/**
 * Markdown file -> chapter of blocks. markdown-it's flat token stream becomes a tree here, once.
 * A block found wrong is reported to `error` and left out, and parsing goes on with the next: one
 * run finds every bad block. Without `error`, the file's errors are thrown together at its end.
 * `baseUrl`: zine.yml's base-url, which relative links are resolved against.
 */
export function parseChapter(file: SourceFile, ids = new Set<string>(), warn: Warn = silent, o: { error?: (e: ZineError) => void; baseUrl?: string } = {}): Chapter {
  const md = markdownParser();
  const tokens = md.parse(file.body, {});
  const lines = file.body.split('\n');
  const errors: ZineError[] = [];
  const ctx: ParseContext = {
    file,
    lines,
    ids,
    pos: 0,
    tokens,
    md,
    depth: 0,
    warn,
    notes: noFootnotes(),
    error: o.error ?? ((e) => errors.push(e)),
    baseUrl: o.baseUrl,
    shortcodes: new Map(),
    blocks: (closeType) => parseBlocks(ctx, closeType),
  };
  readFootnotes(ctx);
  const blocks = parseBlocks(ctx, null);
  unusedNotes(ctx);
  const [first] = ctx.shortcodes.values();
  if (first) {
    const names = [...ctx.shortcodes.keys()];
    warn(`icon shortcode${names.length > 1 ? 's' : ''} printed as text: ${names.join(' ')}`, first, 'A zine has no icon set: write the words the icon stands for, or remove it.');
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new ZineErrors(errors);
  return { file: file.path, blocks };
}

/** The index after the block that opens at `i`: after its matching close token, or after `i` itself. */
function blockEnd(tokens: Token[], i: number): number {
  let level = 0;
  do level += tokens[i++].nesting;
  while (level > 0 && i < tokens.length);
  return i;
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
    // A section's notes are set after its last block: before the next `#`, or at the end of the file.
    if (!closeType && t.type === 'heading_open' && t.tag === 'h1') pushNotes(ctx, out);
    const source = where(ctx, t);
    const start = ctx.pos;
    const depth = ctx.depth;
    try {
      const handler = Object.hasOwn(BLOCKS, t.type) ? BLOCKS[t.type] : undefined;
      if (!handler) fail(`unsupported Markdown (${t.type})`, source);
      const block = handler(ctx, t, source);
      if (Array.isArray(block)) out.push(...block);
      else if (block) out.push(block);
    } catch (e) {
      if (!(e instanceof ZineError)) throw e;
      // Recorded, and the whole block skipped: the next block is read as if this one were not there.
      ctx.error(e);
      ctx.pos = blockEnd(ctx.tokens, start);
      ctx.depth = depth;
    }
  }
  if (!closeType) pushNotes(ctx, out);
  return out;
}

function pushNotes(ctx: ParseContext, out: Block[]): void {
  const notes = sectionNotes(ctx);
  if (notes) out.push(notes);
}
