import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import { plainText, setText, type FlowContext } from '../text.js';

/** Fewest lines of a paragraph left at a page foot (orphans) or carried to the next page (widows). */
export const ORPHANS = 2;
export const WIDOWS = 2;

export function paragraph(b: Extract<Block, { kind: 'paragraph' }>, ctx: FlowContext, indent: number, next: Block | undefined): Flow[] {
  const lines = setText(b.inlines, ctx.theme.styles.body, ctx, b.source, ctx.width - indent, indent);
  // A paragraph that announces what follows ("…:") stays with it.
  const announces = /[:：]\s*$/.test(plainText(b.inlines)) && next !== undefined;
  return [{ kind: 'lines', lines, spaceBefore: ctx.theme.space.paragraph, keepWithNext: announces, orphans: ORPHANS, widows: WIDOWS }];
}
