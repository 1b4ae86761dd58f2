/** What the typography and layout stages need to know about a language. One file per language in languages/. */

export const NBSP = '\u00a0';
export const NNBSP = '\u202f'; // narrow no-break space: French thin space before ; ! ? and inside « »

export interface QuoteStyle {
  open: string;
  close: string;
  /** French guillemets take a thin no-break space inside. */
  inner?: string;
}

/** A module of TeX hyphenation patterns from the `hyphen` package. */
export interface HyphenModule {
  hyphenateSync: (text: string, options: { hyphenChar?: string; minWordLength?: number }) => string;
}

export interface Language {
  /** ISO 639-1 code, as the folders of content/ are named (a region, as in pt-BR, is looked up without it). */
  code: string;
  /** The primary quotation marks that straight double quotes become. */
  quotes: QuoteStyle;
  /** Rules on the spaces around punctuation, applied to each run of text once its quotes are set. */
  spacing?: (text: string) => string;
  /** TeX patterns from the `hyphen` package; without them, words are never hyphenated. */
  hyphenation?: {
    /** The patterns module, for require() when they are needed before anything awaited `load`. */
    patterns: string;
    /** The same module as a static import() (a literal string, so that esbuild bundles it), loaded on demand. */
    load: () => Promise<{ default: HyphenModule }>;
  };
  /**
   * Capitalised words are hyphenated like any other. Where not set, a capitalised word is taken for a
   * proper noun and kept whole; German capitalises every noun, so it sets this.
   */
  properNounsHyphenate?: boolean;
  /** The locale for text set in capitals (String.prototype.toLocaleUpperCase). */
  uppercase: string;
  /** Written right to left (Arabic, Persian): lines are set by the bidirectional algorithm, pages mirrored, booklets bound on the right. */
  rtl?: boolean;
  /**
   * The digits 0 to 9 of the numbers the engine writes (folios, contents, list, note and figure
   * numbers), as the language's texts write theirs; Western digits where not set. Numbers the author
   * wrote stay as written.
   */
  digits?: string;
}
