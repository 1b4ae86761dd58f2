import type { Language } from '../language.js';

/** German (1996 spelling reform patterns). */
export const de: Language = {
  code: 'de',
  quotes: { open: '„', close: '“' },
  hyphenation: { patterns: 'hyphen/de-1996/index.js', load: () => import('hyphen/de-1996/index.js') },
  properNounsHyphenate: true,
  uppercase: 'de',
};
