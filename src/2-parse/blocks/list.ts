import type { Block } from '../../model/document.js';
import { attr, nested, type BlockHandler } from '../context.js';

/** `-` and `1.` lists: each item is a sequence of blocks, one nesting level deeper. */
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
  return { kind: 'list', ordered, start: Number(attr(t, 'start') ?? 1), items, source };
};
