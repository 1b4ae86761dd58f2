import type { Language } from '../language.js';

/**
 * Swedish. Its quotes are English ones, as they were before this table (the language had no entry of
 * its own); printing its own marks (”…”) is a change to make on purpose, with a test.
 */
export const sv: Language = {
  code: 'sv',
  quotes: { open: '“', close: '”' },
  hyphenation: { patterns: 'hyphen/sv/index.js', load: () => import('hyphen/sv/index.js') },
  uppercase: 'sv',
};
