import type { Inline } from '../model/document.js';
import type { QuoteStyle } from './language.js';
import { language } from './languages/index.js';

export { NBSP, NNBSP, type QuoteStyle } from './language.js';
export { frenchSpacing } from './languages/fr.js';

/** A language's primary quotation marks (English ones for a language not in the table). */
export function quoteStyle(lang: string): QuoteStyle {
  return language(lang).quotes;
}

/** An address written out in running text: typography leaves it as typed. */
const URL = /[a-z][a-z0-9+.-]*:\/\/\S+/gi;

/**
 * Language rules applied to every inline run of text: curly apostrophes and quotes, ellipsis and the
 * language's spacing (in French, the no-break spaces that keep ; ! ? : and » from starting a line).
 * Code and URLs stay as typed; the text around a URL is set like any other ("à suivre : https://…"
 * keeps its colon on the line of "suivre").
 */
export function applyTypography(inlines: Inline[], lang: string): Inline[] {
  const { quotes: q, spacing } = language(lang);
  let prev = ' ';
  const setText = (t: string) => {
    let out = '';
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
    return out;
  };
  return inlines.map((run) => {
    if (run.code) {
      prev = run.text.slice(-1) || prev;
      return run;
    }
    // The text between the URLs of a run is set; each URL is kept as it is.
    let out = '';
    let at = 0;
    for (const m of run.text.matchAll(URL)) {
      out += setText(run.text.slice(at, m.index)) + m[0];
      prev = m[0].slice(-1);
      at = m.index + m[0].length;
    }
    out += setText(run.text.slice(at));
    return out === run.text ? run : { ...run, text: out };
  });
}
