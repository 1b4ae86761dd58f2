import type { Block } from '../../model/document.js';
import { attr, nested, type BlockHandler } from '../context.js';

/** `- [ ] ` or `- [x] ` at the start of an item: a task, printed with a box instead of a bullet. */
const TASK = /^\[([ xX])\](?: +|$)/;

/**
 * `-` and `1.` lists: each item is a sequence of blocks, one nesting level deeper. Items that start
 * with a task box lose its text and say in `tasks` whether it is ticked.
 */
export const list: BlockHandler = (ctx, t, source) => {
  const ordered = t.type === 'ordered_list_open';
  const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
  ctx.pos++;
  const items: Block[][] = [];
  while (ctx.tokens[ctx.pos].type !== close) {
    ctx.pos++; // list_item_open
    items.push(nested(ctx, 'list_item_close', source));
  }
  ctx.pos++;
  const tasks = items.map(task);
  return { kind: 'list', ordered, start: Number(attr(t, 'start') ?? 1), items, ...(tasks.some((k) => k !== null) ? { tasks } : {}), source };
};

/** Whether an item is a ticked (true) or open (false) task, its box taken out of its text; null: not a task. */
function task(item: Block[]): boolean | null {
  const first = item[0];
  if (first?.kind !== 'paragraph') return null;
  const run = first.inlines[0];
  const m = run && !run.code && !run.link ? TASK.exec(run.text) : null;
  if (!m) return null;
  const text = run.text.slice(m[0].length);
  first.inlines = text ? [{ ...run, text }, ...first.inlines.slice(1)] : first.inlines.slice(1);
  return m[1] !== ' ';
}
