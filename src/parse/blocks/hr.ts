import type { BlockHandler } from '../context.js';

/** `---` between paragraphs: pages have their own rhythm, so a rule prints nothing. */
export const hr: BlockHandler = (ctx) => {
  ctx.pos++;
  return null;
};
