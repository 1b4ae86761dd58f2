import type { BookMeta, DocumentModel, Strings } from '../model/document.js';
import { mapInlines } from '../model/walk.js';
import { applyTypography } from './rules.js';

const text = (s: string | undefined, lang: string) => (s === undefined ? s : applyTypography([{ text: s }], lang)[0].text);

/** The typography stage: the same document, its text set by the language's rules. Pure. */
export function typesetDocument(doc: DocumentModel): DocumentModel {
  const lang = doc.lang;
  const meta: BookMeta = { ...doc.meta };
  for (const k of ['title', 'subtitle', 'edition', 'publisher', 'back', 'slogan', 'subject'] as const) meta[k] = text(meta[k], lang) as string;
  const strings = Object.fromEntries(Object.entries(doc.strings).map(([k, v]) => [k, text(v, lang)])) as Strings;
  return { ...doc, meta, strings, chapters: doc.chapters.map((c) => ({ ...c, blocks: mapInlines(c.blocks, (runs) => applyTypography(runs, lang)) })) };
}
