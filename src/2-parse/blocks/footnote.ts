import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import type { Block, Inline, Note } from '../../model/document.js';
import { where, type BlockHandler, type Footnotes, type ParseContext } from '../context.js';
import { parseInlines } from '../inlines.js';

/**
 * Footnotes: `[^label]` after a word, `[^label]: text` on a line of its own. The notes referenced in a
 * section are numbered in order of first reference (from 1 in each file) and set after the section's
 * last block, in one `notes` block.
 */

// Labels hold no space or bracket and are short, so that a scan for one stops early on any text.
const DEF = /^\[\^([^[\]\s]{1,100})\]:[ \t]*/;
const REF = /\[\^([^[\]\s]{1,100})\]/y;

/** `[^label]: text`, up to a blank line or another block: the note's text (one paragraph). */
function definitionRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  // Asked of every line (it ends paragraphs): most lines are told apart by their first two characters.
  if (state.src.charCodeAt(start) !== 0x5b /* [ */ || state.src.charCodeAt(start + 1) !== 0x5e /* ^ */) return false;
  const m = DEF.exec(state.src.slice(start, state.eMarks[startLine]));
  if (!m) return false;
  if (silent) return true;
  const terminators = state.md.block.ruler.getRules('paragraph');
  let next = startLine + 1;
  // As a paragraph goes on: over every line, indented or not, that starts no other block.
  while (next < endLine && !state.isEmpty(next) && !terminators.some((rule) => rule(state, next, endLine, true))) next++;
  const open = state.push('footnote_def_open', '', 1);
  open.info = m[1]; // the label
  open.map = [startLine, next];
  const inline = state.push('inline', '', 0);
  inline.content = state.getLines(startLine, next, state.blkIndent, false).trim().replace(DEF, '');
  inline.map = [startLine, next];
  inline.children = [];
  state.push('footnote_def_close', '', -1);
  state.line = next;
  return true;
}

/** `[^label]` in running text (defined or not: toDocument tells about an unknown one). */
function referenceRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) return false;
  REF.lastIndex = state.pos;
  const m = REF.exec(state.src);
  if (!m) return false;
  if (!silent) {
    const t = state.push('footnote_ref', '', 0);
    t.info = m[1]; // the label
    t.content = m[0];
  }
  state.pos += m[0].length;
  return true;
}

export function footnoteSyntax(md: MarkdownIt): void {
  // Before `reference`, which would read `[^1]: text` as a link definition.
  md.block.ruler.before('reference', 'footnote_def', definitionRule, { alt: ['paragraph', 'reference'] });
  md.inline.ruler.after('image', 'footnote_ref', referenceRule);
}

export const noFootnotes = (): Footnotes => ({ defs: new Map(), numbers: new Map(), pending: [] });

/** The definitions of a file, read before any block so that a note may be defined after its reference. */
export function readFootnotes(ctx: ParseContext): void {
  const { defs } = ctx.notes;
  ctx.tokens.forEach((t, i) => {
    if (t.type !== 'footnote_def_open') return;
    const source = where(ctx, t);
    if (defs.has(t.info)) ctx.warn(`footnote [^${t.info}] is defined twice: the first definition is printed`, source, 'Give each note its own label.');
    else defs.set(t.info, { inline: ctx.tokens[i + 1], source, used: false });
  });
}

/** Definitions print nothing where they stand: their text goes with the section's notes. */
export const footnoteDefinition: BlockHandler = (ctx) => {
  ctx.pos += 3; // footnote_def_open, inline, footnote_def_close
  return null;
};

/** A reference as printed: the note's number, or (no such note) the text as written, with a warning. */
export function footnoteReference(ctx: ParseContext, t: Token, inline: Token): Inline {
  const label: string = t.info;
  const { defs, numbers, pending } = ctx.notes;
  if (!defs.has(label)) {
    ctx.warn(`footnote [^${label}] has no definition: printed as written`, where(ctx, inline, t.content), `Add a line "[^${label}]: the note’s text" after the paragraph, or remove the reference.`);
    return { text: t.content };
  }
  let n = numbers.get(label);
  if (n === undefined) {
    numbers.set(label, (n = numbers.size + 1));
    pending.push(label);
  }
  return { text: String(n), note: true };
}

/** The notes referenced since the last call, as one block (null: none), for the end of a section. */
export function sectionNotes(ctx: ParseContext): Block | null {
  const { defs, numbers, pending } = ctx.notes;
  if (!pending.length) return null;
  const notes: Note[] = [];
  // A note may refer to another note: `pending` grows while it is read, and that one is set here too.
  for (let i = 0; i < pending.length; i++) {
    const def = defs.get(pending[i])!;
    def.used = true;
    notes.push({ number: numbers.get(pending[i])!, blocks: [{ kind: 'paragraph', inlines: parseInlines(ctx, def.inline), source: def.source }] });
  }
  const source = defs.get(pending[0])!.source;
  pending.length = 0;
  return { kind: 'notes', notes, source };
}

/** After the file: a definition no reference used is told at its line. */
export function unusedNotes(ctx: ParseContext): void {
  for (const [label, def] of ctx.notes.defs) {
    if (!def.used) ctx.warn(`footnote [^${label}] is never referenced: not printed`, def.source, `Refer to it with [^${label}] after a word, or remove the definition.`);
  }
}
