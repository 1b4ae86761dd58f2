/** The editions, one file each and one line in this table; `build` makes those asked for, in this order. */
import { booklet } from './booklet.js';
import type { Edition } from './edition.js';
import { phone } from './phone.js';
import { press } from './press.js';
import { reading } from './reading.js';

export type { Edition } from './edition.js';

export const EDITIONS: readonly Edition[] = [reading, booklet, press, phone];
