import type { Language } from '../language.js';

/**
 * Arabic: right to left, guillemets, never hyphenated (its comma ، and question mark ؟ are plain
 * characters). Our texts write Western digits (مارس 2020), so the engine's numbers are Western too: a
 * guide written with ٠١٢ would set `digits: '٠١٢٣٤٥٦٧٨٩'`.
 */
export const ar: Language = {
  code: 'ar',
  quotes: { open: '«', close: '»' },
  uppercase: 'ar',
  rtl: true,
};
