import { nested, type BlockHandler } from '../context.js';

/** `>` quotes. */
export const quote: BlockHandler = (ctx, _t, source) => {
  ctx.pos++;
  return { kind: 'quote', blocks: nested(ctx, 'blockquote_close', source), source };
};
