import type { MarkdownIt, Token } from 'markdown-it';
import { fail, type SourcePos, type Warn, type ZineError } from '../errors.js';
import type { Block } from '../model/document.js';
import type { SourceFile } from '../1-load/loadGuide.js';

/**
 * Lists, quotes and callouts inside each other: each level indents the text, and a guide never needs
 * more than a few. Deeper nesting (hostile or broken input) is refused before it leaves no room to set text.
 */
export const MAX_NESTING = 8;

/** What every block handler reads and moves: the token stream of one file and the position in it. */
export interface ParseContext {
  file: SourceFile;
  lines: string[];
  /** Heading ids already given in the whole guide (they become link targets: each one is unique). */
  ids: Set<string>;
  tokens: Token[];
  /** The parser, for text outside the token stream (a callout's title). */
  md: MarkdownIt;
  /** The next token to read. A handler moves it past every token of its block. */
  pos: number;
  /** Lists, quotes and callouts open around the current token. */
  depth: number;
  /** Something the guide says that we pass over or print differently: told, never silent. */
  warn: Warn;
  /** The file's footnotes (blocks/footnote.ts): their definitions, and the numbers given so far. */
  notes: Footnotes;
  /** A block found wrong: recorded, and the parse goes on after it (see toDocument.ts). */
  error: (e: ZineError) => void;
  /** content/zine.yml's `base-url` (ending with /): relative links are resolved against it. */
  baseUrl?: string;
  /** `:shortcode:` icons left as text in this file, each at its first place (one warning per file). */
  shortcodes: Map<string, SourcePos>;
  /**
   * The blocks up to the token of type `closeType` (consumed), or to the end of the file. The loop of
   * toDocument.ts, handed in here so that block files need not import it (and it need not import them twice).
   */
  blocks: (closeType: string | null) => Block[];
}

/** A file's footnotes: definitions by label, numbers in order of first reference, notes not yet set. */
export interface Footnotes {
  defs: Map<string, { inline: Token; source: SourcePos; used: boolean }>;
  numbers: Map<string, number>;
  /** Labels referenced since the notes were last set (at the end of a section). */
  pending: string[];
}

/**
 * One block kind: reads the tokens of its block, starting at `t` (= ctx.tokens[ctx.pos]), leaves ctx.pos
 * after them, and returns the block (null: nothing to print; several: a paragraph and its figures).
 * `source` is where `t` starts.
 */
export type BlockHandler = (ctx: ParseContext, t: Token, source: SourcePos) => Block | Block[] | null;

/** markdown-it types attribute values as string | number; ours are always text. */
export const attr = (t: Token, name: string): string | undefined => {
  const v = t.attrGet(name);
  return v === null || v === undefined ? undefined : String(v);
};

/**
 * Attributes markdown-it-attrs put on a token (`{.md-button}`, `{ align=right }`) that nothing prints:
 * a warning naming them, once for the token. `used`: the ones its block kind reads.
 */
export function warnUnusedAttrs(ctx: ParseContext, t: Token, used: readonly string[], what: string, source: SourcePos): void {
  const unused = (t.attrs ?? []).filter(([k]) => !used.includes(k));
  if (!unused.length) return;
  const shown = unused.map(([k, v]) => (k === 'class' ? String(v).split(/\s+/).map((c) => '.' + c).join(' ') : k === 'id' ? `#${v}` : `${k}=${v}`)).join(' ');
  ctx.warn(`{${shown}} on ${what} is not used`, source, 'A zine prints no classes or styles: only a heading’s {#id}, a paragraph’s {lang=…} and an image’s width, crop, redact and decorative are read. Remove it.');
}

/** Parse the blocks of a list item, quote or callout, one nesting level deeper. */
export function nested(ctx: ParseContext, closeType: string, source: SourcePos): Block[] {
  if (ctx.depth >= MAX_NESTING) {
    fail(`lists, quotes and callouts are nested more than ${MAX_NESTING} levels deep`, source, 'Flatten the structure: a zine page has no room for deeper indentation.');
  }
  ctx.depth++;
  const blocks = ctx.blocks(closeType);
  ctx.depth--;
  return blocks;
}

/** Where a token starts in the file; with `needle`, the column where that text first appears in the block. */
export function where(ctx: ParseContext, t: Token | undefined, needle?: string): SourcePos {
  const line0 = t?.map?.[0] ?? 0;
  let col = 1;
  if (needle) {
    // markdown-it keeps lines, not columns: find the text on the block's lines for a precise column.
    const end = t?.map?.[1] ?? line0 + 1;
    for (let l = line0; l < end; l++) {
      const i = ctx.lines[l]?.indexOf(needle) ?? -1;
      if (i >= 0) return { file: ctx.file.path, line: ctx.file.bodyLine + l, col: i + 1 };
    }
  }
  return { file: ctx.file.path, line: ctx.file.bodyLine + line0, col };
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

export function uniqueId(ids: Set<string>, base: string): string {
  let id = base;
  for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
  ids.add(id);
  return id;
}
