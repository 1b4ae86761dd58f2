/**
 * Characters no font of the guide has (a script the theme's fonts do not cover: Arabic with Latin
 * fonts): found before layout, each recorded where it first occurs, and replaced by "?" so that layout
 * still runs over every page and `check` reports them all. The build then fails on the recorded errors;
 * never a blank box in a PDF, never an internal error on a title that would set to nothing.
 */
import type { SourcePos } from '../errors.js';
import type { DocumentModel, Inline } from '../model/document.js';
import type { Theme } from '../model/theme.js';
import { mapInlines } from '../model/walk.js';
import type { Metrics } from './metrics.js';
import { faceFor, type MissingChars } from './words.js';

/** What is drawn: letters, marks, digits, punctuation, symbols (spaces and format characters are layout's). */
const VISIBLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/**
 * The face whose stack (the theme's fallbacks) a run needs: titles, headings and the zine's own words are
 * set in the headings faces (the furniture, the contents, the display face's fallback), running text in
 * the body's, code in mono's.
 */
const FACE_OF = { title: 'headings', text: 'body', code: 'mono' } as const;

export function replaceUnsettable(doc: DocumentModel, metrics: Metrics, fallback: Theme['fallback'], missing: MissingChars, at: { meta: (key: string) => SourcePos; strings: SourcePos }): DocumentModel {
  const settable = (cp: number, use: keyof typeof FACE_OF) => faceFor(FACE_OF[use], cp, metrics, fallback) !== null;
  let changed = false;
  const clean = (text: string, where: SourcePos, use: keyof typeof FACE_OF): string => {
    let out = '';
    for (const ch of text) {
      if (VISIBLE.test(ch) && !settable(ch.codePointAt(0)!, use)) {
        if (!missing.has(ch)) missing.set(ch, where);
        out += '?';
        changed = true;
      } else out += ch;
    }
    return out;
  };
  const texts = <T extends object>(o: T, where: (key: string) => SourcePos) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? clean(v, where(k), 'title') : v])) as T;
  // In reading order, so each character is named where it first occurs: front matter, chapters, strings.
  const meta = texts(doc.meta, at.meta);
  const chapters = doc.chapters.map((c) => ({
    ...c,
    blocks: mapInlines(c.blocks, (inlines: Inline[], b) => inlines.map((r) => ({ ...r, text: clean(r.text, b.source, r.code ? 'code' : b.kind === 'heading' ? 'title' : 'text') }))),
  }));
  const strings = texts(doc.strings, () => at.strings);
  return changed ? { ...doc, strings, meta, chapters } : doc;
}
