import { fail } from '../../errors.js';
import type { BlockHandler } from '../context.js';

// Raw HTML and tables are refused at their line, each with what to write instead.

export const html: BlockHandler = (_ctx, _t, source) => fail('raw HTML is not allowed in a guide', source, 'Write it in Markdown; for a page break use \\newpage alone on a line.');

export const table: BlockHandler = (_ctx, _t, source) => fail('tables are not supported', source, 'Use a list instead.');
