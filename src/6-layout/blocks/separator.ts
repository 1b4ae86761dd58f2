import type { Block } from '../../model/document.js';
import type { Flow } from '../flow.js';
import type { FlowContext } from '../text.js';

/**
 * `---`: a short rule in the accent, centred (the section bar's length, half its weight), with a
 * figure's space above and below it. Kept with what follows and left out at a page top: a page break
 * already separates.
 */
export function separator(_b: Extract<Block, { kind: 'separator' }>, ctx: FlowContext, indent: number): Flow[] {
  const { space, colors } = ctx.theme;
  const { width: w, height } = space.sectionBar;
  const h = height / 2;
  const x = indent + (ctx.width - indent - w) / 2;
  // The paragraph after it adds its own space: with it, a figure's space below the rule as above.
  return [{ kind: 'block', height: h + space.figure - space.paragraph, items: [{ type: 'rect', x, y: 0, w, h, fill: colors.accent }], spaceBefore: space.figure, keepWithNext: true, betweenOnly: true }];
}
