import type { Language } from '../language.js';

/**
 * Polish. Its quotes are English ones, as they were before this table (the language had no entry of
 * its own); printing its own marks („…”) is a change to make on purpose, with a test.
 */
export const pl: Language = {
  code: 'pl',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/pl/index.js', load: () => import('hyphen/pl/index.js') },
  uppercase: 'pl',
};
