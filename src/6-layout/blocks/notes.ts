import type { Block } from '../../model/document.js';
import type { Flow, FlowLine } from '../flow.js';
import { baselineOffset, numberText, setText, type FlowContext } from '../text.js';
import { ORPHANS, WIDOWS } from './paragraph.js';
import { adopt, structNode } from '../structure.js';

/** The short rule over a section's notes: this many times the section bar's width, a hairline. */
const RULE_LENGTH = 2;
const RULE_WEIGHT = 0.5;

/** A section's footnotes: a short rule, then each note in the caption style, its number hanging in the margin of the notes. */
export function notes(b: Extract<Block, { kind: 'notes' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const style = styles.caption;
  const hang = space.listIndent;
  const lines: FlowLine[] = [{ height: space.captionGap, items: [{ type: 'rect', x: indent, y: 0, w: space.sectionBar.width * RULE_LENGTH, h: RULE_WEIGHT, fill: colors.rule }] }];
  for (const note of b.notes) {
    const inlines = note.blocks.flatMap((p) => (p.kind === 'paragraph' ? p.inlines : []));
    const text = setText(inlines, style, ctx, note.blocks[0]?.source ?? b.source, ctx.width - indent - hang, indent + hang);
    const { text: digits, face } = numberText(note.number, style.bold ?? style.face, ctx);
    const label = `${digits}.`;
    const number = { type: 'text' as const, x: indent, y: baselineOffset(style, ctx.metrics), text: label, face, size: style.size, color: style.color, width: ctx.metrics.width(face, label) * style.size };
    if (text[0]) text[0] = { ...text[0], items: [number, ...text[0].items] };
    else text.push({ height: style.leading, items: [number] });
    adopt(text.flatMap((l) => l.items), structNode('Note'));
    lines.push(...text);
  }
  return [{ kind: 'lines', lines, spaceBefore: space.figure, keepWithNext: false, orphans: ORPHANS, widows: WIDOWS }];
}
