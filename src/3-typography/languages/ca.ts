import type { Language } from '../language.js';

/**
 * Catalan. Its quotes are English ones, as they were before this table (the language had no entry of
 * its own); printing its own marks («…») is a change to make on purpose, with a test.
 */
export const ca: Language = {
  code: 'ca',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/ca/index.js', load: () => import('hyphen/ca/index.js') },
  uppercase: 'ca',
};
