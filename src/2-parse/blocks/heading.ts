import { fail } from '../../errors.js';
import { attr, slugify, uniqueId, warnUnusedAttrs, type BlockHandler } from '../context.js';
import { parseInlines } from '../inlines.js';

/** `#`, `##`, `###` (deeper levels are set as `###`). Its id (`{#id}` or the slug of its text) is unique in the guide. */
export const heading: BlockHandler = (ctx, t, source) => {
  const inline = ctx.tokens[ctx.pos + 1];
  ctx.pos += 3; // heading_open, inline, heading_close
  const level = Math.min(3, Number(t.tag.slice(1))) as 1 | 2 | 3;
  warnUnusedAttrs(ctx, t, ['id'], 'a heading', source);
  const inlines = parseInlines(ctx, inline);
  if (!inlines.some((i) => i.text.trim())) fail('empty heading', source, 'Write the heading’s text after the #, or remove the line.');
  const id = uniqueId(ctx.ids, attr(t, 'id') ?? slugify(inlines.map((i) => i.text).join('')));
  return { kind: 'heading', level, inlines, id, source };
};
