import type { Language } from '../language.js';

/**
 * Danish. Its quotes are English ones, as they were before this table (the language had no entry of
 * its own); printing its own marks (»…«) is a change to make on purpose, with a test.
 */
export const da: Language = {
  code: 'da',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/da/index.js', load: () => import('hyphen/da/index.js') },
  uppercase: 'da',
};
