import type { Edition } from './edition.js';

/** For reading on a phone without zooming: a narrow page, one column, larger text, full-width screenshots. */
export const phone: Edition = { name: 'phone', suffix: '-phone', medium: 'phone', images: 'screen', bleed: false, impose: false, tagged: true };
