import type { Language } from '../language.js';

/** Spanish. */
export const es: Language = {
  code: 'es',
  quotes: { open: '«', close: '»' },
  hyphenation: { patterns: 'hyphen/es/index.js', load: () => import('hyphen/es/index.js') },
  uppercase: 'es',
};
