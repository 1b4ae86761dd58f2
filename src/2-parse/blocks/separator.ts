import type { BlockHandler } from '../context.js';

/** `---`, `***` or `___` between blocks: a separator (a page break is `\newpage`). */
export const separator: BlockHandler = (ctx, _t, source) => {
  ctx.pos++;
  return { kind: 'separator', source };
};
