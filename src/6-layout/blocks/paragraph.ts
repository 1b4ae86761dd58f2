import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import { plainText, setText, type FlowContext } from '../text.js';

/** Fewest lines of a paragraph left at a page foot (orphans) or carried to the next page (widows). */
export const ORPHANS = 2;
export const WIDOWS = 2;
/** A paragraph of bold text this short is a heading in all but name ("**Step 1**"). */
const BOLD_HEADING_LINES = 2;

export function paragraph(b: Extract<Block, { kind: 'paragraph' }>, ctx: FlowContext, indent: number, next: Block | undefined): Flow[] {
  const lines = setText(b.inlines, ctx.theme.styles.body, ctx, b.source, ctx.width - indent, indent);
  // A paragraph that announces what follows ("…:") stays with it; so do a line of bold text used as a
  // heading and a paragraph whose images follow it.
  const announces = /[:：]\s*$/.test(plainText(b.inlines));
  const boldHeading = lines.length <= BOLD_HEADING_LINES && b.inlines.every((i) => i.bold || !i.text.trim());
  const keepWithNext = (announces || boldHeading || b.imagesAfter === true) && next !== undefined;
  return [{ kind: 'lines', lines, spaceBefore: ctx.theme.space.paragraph, keepWithNext, orphans: ORPHANS, widows: WIDOWS }];
}
