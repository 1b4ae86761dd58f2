import type { Edition } from './edition.js';

/** For a home printer or a photocopier: pages two-up on sheets, folded and stapled. */
export const booklet: Edition = { name: 'booklet', suffix: '-booklet', medium: 'page', images: 'print', bleed: false, impose: true, tagged: false };
