import type { Edition } from './edition.js';

/** To read on screen, attach to an email or a message: small, clickable. */
export const reading: Edition = { name: 'reading', suffix: '', medium: 'page', images: 'screen', bleed: false, impose: false, tagged: true };
