import type { Inline } from '../model/document.js';

export const NBSP = '\u00a0';
export const NNBSP = '\u202f'; // narrow no-break space: French thin space before ; ! ? and inside « »

interface QuoteStyle {
  open: string;
  close: string;
  /** French guillemets take a thin no-break space inside. */
  inner?: string;
}

/** Each language's primary quotation marks. Languages not listed keep straight quotes as curly English ones. */
const QUOTES: Record<string, QuoteStyle> = {
  fr: { open: '«', close: '»', inner: NNBSP },
  en: { open: '“', close: '”' },
  nl: { open: '“', close: '”' },
  de: { open: '„', close: '“' },
  es: { open: '«', close: '»' },
  it: { open: '«', close: '»' },
  pt: { open: '«', close: '»' },
};

export function quoteStyle(lang: string): QuoteStyle {
  return QUOTES[lang.split('-')[0]] ?? QUOTES.en;
}

/**
 * Language rules applied to every inline run of text: curly apostrophes and quotes, ellipsis and, in
 * French, the no-break spaces that keep ; ! ? : and » from starting a line. Code and URLs stay as typed.
 */
export function applyTypography(inlines: Inline[], lang: string): Inline[] {
  const q = quoteStyle(lang);
  const french = lang.split('-')[0] === 'fr';
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
    if (french) out = frenchSpacing(out);
    prev = out.slice(-1) || prev;
    return { ...run, text: out };
  });
}

/** French: no-break (thin) spaces before high punctuation and inside guillemets, replacing plain spaces. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0]*([;!?])/g, (m, p, offset: number) => (offset === 0 && !m.startsWith(' ') ? p : NNBSP + p))
    .replace(/[ \u00a0\u202f]*:(?=\s|$)/g, NBSP + ':')
    .replace(/«[ \u00a0\u202f]*/g, '«' + NNBSP)
    .replace(/[ \u00a0\u202f]*»/g, NNBSP + '»')
    .replace(/^\u202f([;!?])/, '$1');
}
