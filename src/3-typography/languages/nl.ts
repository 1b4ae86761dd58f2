import type { Language } from '../language.js';

/** Dutch. */
export const nl: Language = {
  code: 'nl',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/nl/index.js', load: () => import('hyphen/nl/index.js') },
  uppercase: 'nl',
};
