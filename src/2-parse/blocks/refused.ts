import { fail } from '../../errors.js';
import type { BlockHandler } from '../context.js';

// Raw HTML is refused at its line, with what to write instead.

export const html: BlockHandler = (_ctx, _t, source) => fail('raw HTML is not allowed in a guide', source, 'Write it in Markdown; for a page break use \\newpage alone on a line.');
