import type { Block, BookMeta, DocumentModel, Strings } from '../model/document.js';
import { applyTypography } from './rules.js';

const text = (s: string | undefined, lang: string) => (s === undefined ? s : applyTypography([{ text: s }], lang)[0].text);

function blocks(bs: Block[], lang: string): Block[] {
  return bs.map((b): Block => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return { ...b, inlines: applyTypography(b.inlines, lang) };
      case 'figure':
        return { ...b, caption: applyTypography(b.caption, lang) };
      case 'list':
        return { ...b, items: b.items.map((i) => blocks(i, lang)) };
      case 'quote':
      case 'callout':
        return { ...b, blocks: blocks(b.blocks, lang) };
      default:
        return b;
    }
  });
}

/** The typography stage: the same document, its text set by the language's rules. Pure. */
export function typesetDocument(doc: DocumentModel): DocumentModel {
  const lang = doc.lang;
  const meta: BookMeta = { ...doc.meta };
  for (const k of ['title', 'subtitle', 'edition', 'publisher', 'back', 'slogan', 'subject'] as const) meta[k] = text(meta[k], lang) as string;
  const strings = Object.fromEntries(Object.entries(doc.strings).map(([k, v]) => [k, text(v, lang)])) as Strings;
  return { ...doc, meta, strings, chapters: doc.chapters.map((c) => ({ ...c, blocks: blocks(c.blocks, lang) })) };
}
