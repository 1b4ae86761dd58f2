import type { Language } from '../language.js';

/** Persian: right to left, guillemets, never hyphenated, Persian digits (۱۲, not 12). */
export const fa: Language = {
  code: 'fa',
  quotes: { open: '«', close: '»' },
  uppercase: 'fa',
  rtl: true,
  digits: '۰۱۲۳۴۵۶۷۸۹',
};
