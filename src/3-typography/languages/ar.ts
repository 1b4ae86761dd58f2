import type { Language } from '../language.js';

/** Arabic: right to left, guillemets, never hyphenated (its comma ، and question mark ؟ are plain characters). */
export const ar: Language = {
  code: 'ar',
  quotes: { open: '«', close: '»' },
  uppercase: 'ar',
  rtl: true,
};
