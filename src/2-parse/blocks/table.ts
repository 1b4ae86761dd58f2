import type { Block, ColumnAlign } from '../../model/document.js';
import { attr, where, type BlockHandler } from '../context.js';
import { parseInlines } from '../inlines.js';

/** markdown-it writes a column's `:---:` marker as the cells' style. */
function alignOf(style: string | undefined): ColumnAlign {
  const m = /text-align:\s*(left|center|right)/.exec(style ?? '');
  return (m?.[1] as ColumnAlign | undefined) ?? 'left';
}

/** GFM tables: the header row, then the body rows, each cell a paragraph of its text. */
export const table: BlockHandler = (ctx, _t, source) => {
  const align: ColumnAlign[] = [];
  const rows: Block[][] = [];
  let row: Block[] = [];
  let rowSource = source;
  for (ctx.pos++; ctx.tokens[ctx.pos].type !== 'table_close'; ctx.pos++) {
    const t = ctx.tokens[ctx.pos];
    if (t.type === 'tr_open') {
      row = [];
      rowSource = where(ctx, t);
    } else if (t.type === 'tr_close') rows.push(row);
    else if (t.type === 'th_open') align.push(alignOf(attr(t, 'style')));
    else if (t.type === 'inline') {
      // markdown-it gives a cell's text no line: it is on its row's, where errors in it are reported.
      t.map ??= [rowSource.line - ctx.file.bodyLine, rowSource.line - ctx.file.bodyLine + 1];
      row.push({ kind: 'paragraph', inlines: parseInlines(ctx, t), source: where(ctx, t, t.content.trim() || undefined) });
    }
  }
  ctx.pos++;
  const [header, ...body] = rows;
  return { kind: 'table', align, header, rows: body, source };
};
