import { parseChapter } from '../src/2-parse/toDocument.js';
import { typesetDocument } from '../src/3-typography/applyToDocument.js';
import type { DocumentModel, Strings } from '../src/model/document.js';
import { STRING_KEYS } from '../src/model/document.js';

export const strings: Strings = Object.fromEntries(STRING_KEYS.map((k) => [k, k.toUpperCase()])) as Strings;

/** A document from Markdown strings, as the load and parse stages would make it, without the disk. */
export function docFromMarkdown(files: string[], lang = 'fr', meta: Partial<DocumentModel['meta']> = {}): DocumentModel {
  const ids = new Set<string>();
  const chapters = files.map((body, i) => parseChapter({ path: `content/${lang}/0${i + 1}.md`, body, bodyLine: 1, frontMatter: {} }, ids));
  return typesetDocument({ lang, slug: 'test', meta: { title: 'Test guide', ...meta }, strings, chapters });
}

/** Deterministic filler text of n words (lengths 2 to 9) for layout tests. */
export function words(n: number, seed = 1): string {
  const out: string[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const len = 2 + (s % 8);
    out.push('abcdefghijklmnopqrstuvwxyz'.slice(s % 17, (s % 17) + len));
  }
  return out.join(' ');
}
