import type { SourcePos } from '../errors.js';

/** A run of text with one style. Typography rewrites `text`; nothing else changes it. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  link?: string;
  /** A footnote reference: its number, printed raised and small after the word. */
  note?: boolean;
  /** A key to press (`<kbd>`): code in a thin box. */
  kbd?: boolean;
  /** Highlighted (`<mark>`): on a light tint of the accent. */
  mark?: boolean;
  /** `<small>`, `<sub>`, `<sup>`: smaller, and below or above the baseline. */
  small?: boolean;
  sub?: boolean;
  sup?: boolean;
  /** Written in another language than the guide's (`<span lang="de">`): said so to screen readers. */
  lang?: string;
}

export interface FigureAttrs {
  /** Fraction of the text width, 0..1. */
  width: number;
  /** Source pixels to keep: x, y, w, h. */
  crop?: [number, number, number, number];
  /** Source pixels painted opaque before anything else. */
  redact: [number, number, number, number][];
}

/** How a table column's text sits in its cells (`:---`, `:---:`, `---:`). */
export type ColumnAlign = 'left' | 'center' | 'right';

/** One footnote: its number in the file and its text (a paragraph). */
export interface Note {
  number: number;
  blocks: Block[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[]; id: string; source: SourcePos }
  /**
   * `imagesAfter`: images written in it follow it as figures ("Add it. ![The add button](shot.png)"): it stays on their page.
   * `lang`: written in another language than the guide's (`{lang=de}` at its end), for screen readers.
   */
  | { kind: 'paragraph'; inlines: Inline[]; imagesAfter?: true; lang?: string; source: SourcePos }
  /** `tasks`, in a list holding `- [ ]` items: each item's box, ticked or not (null: an ordinary item). */
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][]; tasks?: (boolean | null)[]; source: SourcePos }
  /**
   * `sideBySide`: one of several images of a paragraph, set in a row with its neighbours where they fit.
   * `alt`: what the image shows, said by screen readers; `decorative` (`{decorative}`): it shows nothing
   * to say, and readers skip it.
   */
  | { kind: 'figure'; src: string; alt: string; decorative?: true; caption: Inline[]; attrs: FigureAttrs; sideBySide?: true; source: SourcePos }
  /** `title`: the words after `::: warning` ([] for none). */
  | { kind: 'callout'; variant: string; title: Inline[]; blocks: Block[]; source: SourcePos }
  | { kind: 'quote'; blocks: Block[]; source: SourcePos }
  | { kind: 'code'; text: string; source: SourcePos }
  /** A GFM table: each cell a paragraph; `header` and each row have one cell per column. */
  | { kind: 'table'; align: ColumnAlign[]; header: Block[]; rows: Block[][]; source: SourcePos }
  /** The notes referenced in a section, set after its last block. */
  | { kind: 'notes'; notes: Note[]; source: SourcePos }
  /** `---` between blocks: a visible separator. */
  | { kind: 'separator'; source: SourcePos }
  | { kind: 'pageBreak'; source: SourcePos }
  | { kind: 'linksIndex'; source: SourcePos };

export interface Chapter {
  file: string;
  blocks: Block[];
}

/** Book-level keys from the first file's front matter. */
export interface BookMeta {
  title: string;
  subtitle?: string;
  edition?: string;
  publisher?: string;
  website?: string;
  back?: string;
  slogan?: string;
  subject?: string;
}

/** The zine's own words, one set per language (content/<lang>/strings.yml). */
export const STRING_KEYS = ['contents', 'links', 'linksIntro', 'figure', 'backLabel'] as const;
export type Strings = Record<(typeof STRING_KEYS)[number], string>;

export interface DocumentModel {
  lang: string;
  slug: string;
  meta: BookMeta;
  strings: Strings;
  chapters: Chapter[];
}

/** One image file shown with other attributes (another crop) is another figure: its key says both. */
export function figureKey(src: string, attrs: FigureAttrs): string {
  const extra = [attrs.crop ? `crop=${attrs.crop.join(',')}` : '', attrs.redact.length ? `redact=${attrs.redact.map((r) => r.join(',')).join(';')}` : ''].filter(Boolean);
  return extra.length ? `${src}#${extra.join('&')}` : src;
}
