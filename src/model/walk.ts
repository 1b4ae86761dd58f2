import type { Block, Inline } from './document.js';

/**
 * The one walker of the document tree. Where each kind keeps its child blocks and its text is said once,
 * in the two tables below (keyed by kind, as mdast's enter/exit tables); every stage walks with the
 * functions after them instead of a switch of its own. Both tables list every kind (null: none), so a new
 * kind in document.ts does not compile until it says here what it holds: a kind the walker silently
 * skipped would hide its figures from the image stage and its text from typography.
 */

type Of<K extends Block['kind']> = Extract<Block, { kind: K }>;

interface Field<B extends Block, T> {
  get: (b: B) => T;
  /** The same block with `value` in place of what `get` returned (a copy: the tree is never mutated). */
  with: (b: B, value: T) => B;
}

/** Kinds holding blocks: their child sequences in reading order (a list: one sequence per item). */
const CHILDREN: { [K in Block['kind']]: Field<Of<K>, Block[][]> | null } = {
  list: { get: (b) => b.items, with: (b, items) => ({ ...b, items }) },
  quote: { get: (b) => [b.blocks], with: (b, [blocks]) => ({ ...b, blocks }) },
  callout: { get: (b) => [b.blocks], with: (b, [blocks]) => ({ ...b, blocks }) },
  // A table's rows are sequences of cells (paragraphs), the header first.
  table: { get: (b) => [b.header, ...b.rows], with: (b, [header, ...rows]) => ({ ...b, header, rows }) },
  notes: { get: (b) => b.notes.map((n) => n.blocks), with: (b, seqs) => ({ ...b, notes: b.notes.map((n, i) => ({ ...n, blocks: seqs[i] })) }) },
  heading: null,
  paragraph: null,
  figure: null,
  code: null,
  pageBreak: null,
  linksIndex: null,
  separator: null,
};

/** Kinds holding text: their runs of inlines (a figure: its caption; a callout: its title). */
const INLINES: { [K in Block['kind']]: Field<Of<K>, Inline[]> | null } = {
  heading: { get: (b) => b.inlines, with: (b, inlines) => ({ ...b, inlines }) },
  paragraph: { get: (b) => b.inlines, with: (b, inlines) => ({ ...b, inlines }) },
  figure: { get: (b) => b.caption, with: (b, caption) => ({ ...b, caption }) },
  callout: { get: (b) => b.title, with: (b, title) => ({ ...b, title }) },
  // Code is printed as typed (typography leaves it alone); the others hold no text.
  code: null,
  list: null,
  quote: null,
  table: null,
  notes: null,
  pageBreak: null,
  linksIndex: null,
  separator: null,
};

// The tables are typed per kind; looked up by a block of any kind, they are read through this view.
const children = (b: Block) => CHILDREN[b.kind] as Field<Block, Block[][]> | null;
const inlines = (b: Block) => INLINES[b.kind] as Field<Block, Inline[]> | null;

/** The block sequences directly inside a block, in reading order; [] for a block that holds none. */
export function childBlocks(block: Block): Block[][] {
  return children(block)?.get(block) ?? [];
}

/** The runs of text a block holds itself (not those of its children); undefined for a kind without text. */
export function blockInlines(block: Block): Inline[] | undefined {
  return inlines(block)?.get(block);
}

/**
 * Every block at every depth, in reading order: a block, then what it holds. `depth` counts the blocks
 * holding it (lists, quotes, callouts, tables, notes; 0 for a chapter’s own blocks).
 */
export function walkBlocks(blocks: readonly Block[], visit: (block: Block, depth: number) => void, depth = 0): void {
  for (const b of blocks) {
    visit(b, depth);
    for (const seq of childBlocks(b)) walkBlocks(seq, visit, depth + 1);
  }
}

/** Every block of one kind at every depth, in reading order. */
export function blocksOfKind<K extends Block['kind']>(blocks: readonly Block[], kind: K): Of<K>[] {
  const out: Of<K>[] = [];
  walkBlocks(blocks, (b) => {
    if (b.kind === kind) out.push(b as Of<K>);
  });
  return out;
}

/**
 * A new tree: `f` applied to every block at every depth, children first, so `f` sees a block whose
 * children are already rewritten. Blocks `f` returns unchanged stay the same objects (leaves only:
 * a block holding children is always a copy).
 */
export function mapBlocks(blocks: readonly Block[], f: (block: Block) => Block): Block[] {
  return blocks.map((b) => {
    const field = children(b);
    return f(field ? field.with(b, field.get(b).map((seq) => mapBlocks(seq, f))) : b);
  });
}

/**
 * Every run of text of the tree, in reading order: the inlines of each paragraph, heading and figure
 * caption at every depth, with the block holding them.
 */
export function walkInlines(blocks: readonly Block[], visit: (inlines: Inline[], block: Block) => void): void {
  walkBlocks(blocks, (b) => {
    const runs = blockInlines(b);
    if (runs) visit(runs, b);
  });
}

/** A new tree whose every run of text (paragraphs, headings, figure captions, at every depth) is `f` of it. */
export function mapInlines(blocks: readonly Block[], f: (inlines: Inline[], block: Block) => Inline[]): Block[] {
  return mapBlocks(blocks, (b) => {
    const field = inlines(b);
    return field ? field.with(b, f(field.get(b), b)) : b;
  });
}
