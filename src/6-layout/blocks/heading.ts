import type { Block } from '../../model/document.js';
import type { PageItem } from '../../model/page.js';
import type { Flow, HeadingMark } from '../flow.js';
import { plainText, setText, stackLines, type FlowContext } from '../text.js';

/**
 * What comes before a section: a new page, or, when the paginator lets the section start lower on a page
 * to save a sheet, a clear opening: space, a rule across the column, space.
 */
export function sectionBreak(ctx: FlowContext, indent: number): Flow {
  const { above, rule, below } = ctx.theme.space.sectionOpening;
  const items: PageItem[] = [{ type: 'rect', x: indent, y: above, w: ctx.width - indent, h: rule, fill: ctx.theme.colors.rule }];
  return { kind: 'break', reason: 'section', opening: { height: above + rule + below, items } };
}

/** `#` opens a section (on a new page, or after a rule) under an accent bar; `##` and `###` stay with what follows. */
export function heading(b: Extract<Block, { kind: 'heading' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const width = ctx.width - indent;
  // A <br> breaks the heading on the page; the contents, running heads and outline read it as one line.
  const heading: HeadingMark = { id: b.id, title: plainText(b.inlines).replace(/\n/g, ' '), level: b.level };
  if (b.level === 1) {
    const bar = space.sectionBar;
    const title = stackLines(setText(b.inlines, styles.sectionLabel, ctx, b.source, width, indent), 0, bar.gap);
    const items: PageItem[] = [{ type: 'rect', x: indent, y: 0, w: bar.width, h: bar.height, fill: colors.accent }, ...title.items];
    return [
      sectionBreak(ctx, indent),
      { kind: 'block', height: title.bottom + space.afterSectionLabel, items, spaceBefore: 0, keepWithNext: true, heading },
    ];
  }
  const h2 = b.level === 2;
  const title = stackLines(setText(b.inlines, h2 ? styles.h2 : styles.h3, ctx, b.source, width, indent));
  return [{ kind: 'block', height: title.height + (h2 ? space.afterH2 : space.afterH3), items: title.items, spaceBefore: h2 ? space.beforeH2 : space.beforeH3, keepWithNext: true, heading }];
}
