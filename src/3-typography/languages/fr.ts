import { NBSP, NNBSP, type Language } from '../language.js';

/** French: no-break (thin) spaces before high punctuation and inside guillemets, replacing plain spaces. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0]*([;!?])/g, (m, p, offset: number) => (offset === 0 && !m.startsWith(' ') ? p : NNBSP + p))
    // A space before a colon becomes a no-break one whatever follows (a URL, a link); a colon written
    // without one gets one only before a space or the end (not in 10:30 or https:).
    .replace(/[ \u00a0\u202f]+:|[ \u00a0\u202f]*:(?=\s|$)/g, NBSP + ':')
    .replace(/«[ \u00a0\u202f]*/g, '«' + NNBSP)
    .replace(/[ \u00a0\u202f]*»/g, NNBSP + '»')
    .replace(/^\u202f([;!?])/, '$1');
}

/** French: guillemets with thin spaces inside, no line starting with ; ! ? : or ». */
export const fr: Language = {
  code: 'fr',
  quotes: { open: '«', close: '»', inner: NNBSP },
  spacing: frenchSpacing,
  hyphenation: { patterns: 'hyphen/fr/index.js', load: () => import('hyphen/fr/index.js') },
  uppercase: 'fr',
};
