import type { Language } from '../language.js';

/** English, with British hyphenation patterns. */
export const en: Language = {
  code: 'en',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/en-gb/index.js', load: () => import('hyphen/en-gb/index.js') },
  uppercase: 'en',
};
