import type { Language } from '../language.js';

/** Portuguese. */
export const pt: Language = {
  code: 'pt',
  quotes: { open: '«', close: '»' },
  hyphenation: { patterns: 'hyphen/pt/index.js', load: () => import('hyphen/pt/index.js') },
  uppercase: 'pt',
};
