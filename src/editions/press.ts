import type { Edition } from './edition.js';

/** For a print shop: trimmed pages with bleed, TrimBox and BleedBox, crop marks. */
export const press: Edition = { name: 'press', suffix: '-press', medium: 'page', images: 'print', bleed: true, impose: false, tagged: false };
