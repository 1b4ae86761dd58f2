import { fail } from '../../errors.js';
import type { BlockHandler } from '../context.js';

/** Raw HTML could hide anything from the printed page: refused at its line, with what to write instead. */
export const html: BlockHandler = (_ctx, _t, source) => fail('raw HTML is not allowed in a guide', source, 'Write it in Markdown; for a page break use \\newpage alone on a line.');

/** An A5 column has no room for tables. */
export const table: BlockHandler = (_ctx, _t, source) => fail('tables are not supported', source, 'Use a list instead.');
