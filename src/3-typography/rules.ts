import type { Inline } from '../model/document.js';
import type { QuoteStyle } from './language.js';
import { language } from './languages/index.js';

export { NBSP, NNBSP, type QuoteStyle } from './language.js';
export { frenchSpacing } from './languages/fr.js';

/** A language's primary quotation marks (English ones for a language not in the table). */
export function quoteStyle(lang: string): QuoteStyle {
  return language(lang).quotes;
}

/**
 * Language rules applied to every inline run of text: curly apostrophes and quotes, ellipsis and the
 * language's spacing (in French, the no-break spaces that keep ; ! ? : and » from starting a line).
 * Code and URLs stay as typed.
 */
export function applyTypography(inlines: Inline[], lang: string): Inline[] {
  const { quotes: q, spacing } = language(lang);
  let prev = ' ';
  return inlines.map((run) => {
    if (run.code || /:\/\//.test(run.text)) {
      prev = run.text.slice(-1) || prev;
      return run;
    }
    let out = '';
    const t = run.text;
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      const next = t[i + 1] ?? '';
      if (c === "'") out += '’';
      else if (c === '"') {
        const opening = /[\s(\[\u00a0\u202f—–-]/.test(prev) || prev === '';
        out += opening ? q.open : q.close;
      } else if (c === '.' && next === '.' && t[i + 2] === '.') {
        out += '…';
        i += 2;
      } else out += c;
      prev = out.slice(-1);
    }
    if (spacing) out = spacing(out);
    prev = out.slice(-1) || prev;
    return { ...run, text: out };
  });
}
