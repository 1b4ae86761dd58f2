import { fail } from '../../errors.js';
import type { Block, Inline } from '../../model/document.js';
import type { PageItem } from '../../model/page.js';
import { MM, type TextStyle } from '../../model/theme.js';
import type { Flow, FlowLine } from '../flow.js';
import { breakLines } from '../lineBreak.js';
import { setText, stackLines, type FlowContext } from '../text.js';
import { toWords, type BreakOptions } from '../words.js';
import { adopt, structNode } from '../structure.js';

/** Rules: the header's and the table's end in the ink, thin gray ones between rows (hairlines on any page). */
const FRAME_RULE = 0.6;
const ROW_RULE = 0.4;
/** Widths are sums of floating-point numbers: a table over by less than this (points) fits. */
const EPS = 0.01;

const cellInlines = (cell: Block): Inline[] => (cell.kind === 'paragraph' ? cell.inlines : []);
const mm = (pt: number) => (pt / MM).toFixed(0);

/**
 * A table as wide as the column, its columns sized by their content: each at least its longest word,
 * at most what sets its cells on one line, the room shared fairly between them. Each row is a line of
 * the flow (a table breaks between rows), the header row repeated on each further page.
 */
export function table(b: Extract<Block, { kind: 'table' }>, ctx: FlowContext, indent: number): Flow[] {
  const { styles, space, colors, page } = ctx.theme;
  const { padX, padY } = space.tableCell;
  const width = ctx.width - indent;
  const columns = b.align.length;
  const rows = [b.header, ...b.rows];
  const styleOf = (r: number, c: number): TextStyle => ({ ...(r === 0 ? styles.tableHead : styles.tableCell), align: b.align[c] });
  const options = (style: TextStyle, cell: Block, w: number): BreakOptions => ({ style, width: w, metrics: ctx.metrics, lang: ctx.lang, hyphenate: ctx.hyphenate, source: cell.source, missing: ctx.missing, fallback: ctx.theme.fallback });

  // Each column's narrowest (its longest word) and natural width (its longest cell on one line).
  const min = new Array<number>(columns).fill(0);
  const max = new Array<number>(columns).fill(0);
  const longest = new Array<string>(columns).fill('');
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const o = options(styleOf(r, c), cell, Infinity);
      for (const w of toWords(cellInlines(cell), o)) {
        if (w.width > min[c]) [min[c], longest[c]] = [w.width, w.pieces.map((p) => p.text).join('')];
      }
      for (const l of breakLines(cellInlines(cell), o)) max[c] = Math.max(max[c], l.natural);
    }),
  );
  const room = width - 2 * padX * columns;
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  if (sum(min) > room + EPS) {
    const widest = longest.map((w, c) => [w, min[c]] as const).sort((a, z) => z[1] - a[1])[0][0];
    fail(
      `table too wide: its ${columns} columns need ${mm(sum(min) + 2 * padX * columns)} mm at their longest words (such as "${widest}"), the text column is ${mm(width)} mm`,
      b.source,
      'Use fewer columns, shorten the longest words (a long address or command can go in the text under the table), or write the table as a list.',
    );
  }
  // Room to spare widens every column in proportion to its natural width. Too little for that is shared
  // fairly: every column as wide as the others, unless its text needs less (its natural width) or
  // more (its longest word). That common width is found by bisection.
  const clamp = (level: number) => min.map((m, c) => Math.min(Math.max(level, m), Math.max(m, max[c])));
  let widths: number[];
  if (sum(max) <= room) widths = max.map((m) => (sum(max) > 0 ? m + ((room - sum(max)) * m) / sum(max) : room / columns));
  else {
    let [lo, hi] = [0, room];
    for (let i = 0; i < 50; i++) {
      const level = (lo + hi) / 2;
      if (sum(clamp(level)) > room) hi = level;
      else lo = level;
    }
    widths = clamp(lo);
  }
  const lefts = widths.map((_, c) => indent + sum(widths.slice(0, c)) + (2 * c + 1) * padX);

  const rule = (y: number, weight: number, fill: string): PageItem => ({ type: 'rect', x: indent, y, w: width, h: weight, fill });
  // The tallest row a page can hold under the header: a taller one could only run off the page.
  const pageRoom = page.height - page.margin.top - page.margin.bottom;
  const lines: FlowLine[] = rows.map((row, r) => {
    const tr = structNode('TR');
    const cells = row.map((cell, c) => stackLines(setText(cellInlines(cell), styleOf(r, c), ctx, cell.source, widths[c], lefts[c]), 0, padY));
    cells.forEach((k) => adopt(k.items, r === 0 ? structNode('TH', { parent: tr, scope: 'Column' }) : structNode('TD', { parent: tr })));
    const leading = (r === 0 ? styles.tableHead : styles.tableCell).leading;
    const height = Math.max(leading, ...cells.map((k) => k.height)) + 2 * padY;
    const last = r === rows.length - 1;
    const items: PageItem[] = cells.flatMap((k) => k.items);
    if (r === 0) items.push(rule(0, FRAME_RULE, colors.ink), rule(height - FRAME_RULE, FRAME_RULE, colors.ink));
    else items.push(last ? rule(height - FRAME_RULE, FRAME_RULE, colors.ink) : rule(height - ROW_RULE, ROW_RULE, colors.rule));
    return { height, items };
  });
  const [head] = lines;
  lines.forEach((l, r) => {
    if ((r ? head.height : 0) + l.height > pageRoom + EPS) fail('a table row is taller than a page', r ? b.rows[r - 1][0].source : b.source, 'Shorten the text of its cells, or write the table as a list.');
  });
  return [{ kind: 'lines', lines, repeat: [head], spaceBefore: space.figure, keepWithNext: false, orphans: 2, widows: 1 }];
}
