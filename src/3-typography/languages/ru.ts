import type { Language } from '../language.js';

/** Russian: «ёлочки» quotation marks; hyphenated (without it, justified lines of long words go loose). */
export const ru: Language = {
  code: 'ru',
  quotes: { open: '«', close: '»' },
  hyphenation: { patterns: 'hyphen/ru/index.js', load: () => import('hyphen/ru/index.js') },
  uppercase: 'ru',
};
