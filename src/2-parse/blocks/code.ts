import type { BlockHandler } from '../context.js';

/** Fenced and indented code, printed as typed. */
export const code: BlockHandler = (ctx, t, source) => {
  ctx.pos++;
  return { kind: 'code', text: t.content.replace(/\n$/, ''), source };
};
