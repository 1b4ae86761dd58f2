import type { Block } from '../../model/document.js';
import type { PageItem } from '../../model/page.js';
import type { FaceId } from '../../model/theme.js';
import type { Flow } from '../flow.js';
import { baselineOffset, numberText, type FlowContext } from '../text.js';
import { blocksToFlow } from './index.js';
import { adoptFlows, structNode } from '../structure.js';

/** Item numbers are set a little smaller than the text, in the headings' bold. */
const NUMBER_SIZE = 0.9;
const NUMBER_WIDTH = 10;
/** The square bullet sits on the x-height, this share of the size above the baseline. */
const BULLET_RAISE = 0.42;
/** A task's box stands on the baseline, as tall as a capital (this share of the size). */
const BOX_SIZE = 0.7;
/** The box's frame (a tenth of its side) and a check mark, in a unit square, drawn at the box's size. */
const BOX = 'M0 0H1V1H0Z M0.1 0.1V0.9H0.9V0.1Z';
const CHECK = 'M0.14 0.52L0.27 0.39L0.43 0.55L0.76 0.14L0.9 0.26L0.43 0.8Z';
/** What a reader hears for a drawn label: a bullet, a task's empty or ticked box. */
const BULLET = '•';
const TO_DO = '☐';
const DONE = '☑';

/** A list item's number followed by its full stop. */
const label = (n: { text: string; face: FaceId }) => ({ text: `${n.text}.`, face: n.face });

export function list(b: Extract<Block, { kind: 'list' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const out: Flow[] = [];
  b.items.forEach((item, n) => {
    const flows = blocksToFlow(item, ctx, indent + space.listIndent);
    // LI: its label (the drawn bullet or box says what it stands for), then its body.
    const li = structNode('LI');
    adoptFlows(flows, structNode('LBody', { parent: li }));
    const first = flows.find((f) => f.kind === 'lines');
    const task = b.tasks?.[n] ?? null;
    const tag = structNode('Lbl', { parent: li, ...(b.ordered && task === null ? {} : { actual: task === null ? BULLET : task ? DONE : TO_DO }) });
    // A task with no text still prints its box: a line to fill in by hand.
    if (task !== null && first?.kind === 'lines' && !first.lines.length) first.lines.push({ height: styles.body.leading, items: [] });
    if (first && first.kind === 'lines' && first.lines[0]) {
      const base = baselineOffset(styles.body, ctx.metrics);
      const box = styles.body.size * BOX_SIZE;
      const markers: PageItem[] =
        task !== null
          ? [
              { type: 'path', x: indent, y: base - box, scale: box, span: box, d: BOX, fill: colors.ink, evenOdd: true, tag },
              ...(task ? [{ type: 'path' as const, x: indent, y: base - box, scale: box, span: box, d: CHECK, fill: colors.accent, tag }] : []),
            ]
          : b.ordered
            ? [{ type: 'text', ...label(numberText(b.start + n, 'headings-bold', ctx)), x: indent, y: base, size: styles.body.size * NUMBER_SIZE, color: colors.accent, width: NUMBER_WIDTH, tag }]
            : [{ type: 'rect', x: indent + space.bullet / 2, y: base - styles.body.size * BULLET_RAISE, w: space.bullet, h: space.bullet, fill: colors.accent, tag }];
      first.lines[0] = { ...first.lines[0], items: [...markers, ...first.lines[0].items] };
    }
    flows.forEach((f, k) => {
      if ('spaceBefore' in f) f.spaceBefore = k === 0 ? (n === 0 ? space.paragraph : space.listItem) : space.listItem;
    });
    out.push(...flows);
  });
  return out;
}
