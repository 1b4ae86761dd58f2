import type { BlockHandler } from '../context.js';

/** `---` between blocks prints nothing (a page break is `\newpage`). */
export const hr: BlockHandler = (ctx) => {
  ctx.pos++;
  return null;
};
