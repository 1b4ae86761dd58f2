import type { Language } from '../language.js';

/** Italian. */
export const it: Language = {
  code: 'it',
  quotes: { open: '«', close: '»' },
  hyphenation: { patterns: 'hyphen/it/index.js', load: () => import('hyphen/it/index.js') },
  uppercase: 'it',
};
