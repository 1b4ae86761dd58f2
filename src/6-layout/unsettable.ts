/**
 * Characters no font of the guide has (a script the theme's fonts do not cover: Arabic with Latin
 * fonts): found before layout, each recorded where it first occurs, and replaced by "?" so that layout
 * still runs over every page and `check` reports them all. The build then fails on the recorded errors;
 * never a blank box in a PDF, never an internal error on a title that would set to nothing.
 */
import type { SourcePos } from '../errors.js';
import type { DocumentModel, Inline } from '../model/document.js';
import type { Theme } from '../model/theme.js';
import { mapInlines, walkInlines } from '../model/walk.js';
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
  // Each character is looked up once per use: a guide has a few hundred distinct ones in 50,000.
  const known = { title: new Map<string, boolean>(), text: new Map<string, boolean>(), code: new Map<string, boolean>() };
  const settable = (ch: string, use: keyof typeof FACE_OF): boolean => {
    let ok = known[use].get(ch);
    if (ok === undefined) known[use].set(ch, (ok = !VISIBLE.test(ch) || faceFor(FACE_OF[use], ch.codePointAt(0)!, metrics, fallback) !== null));
    return ok;
  };
  // A text of characters already found settable is recognised by one regular expression (native code),
  // not a walk over its characters: the expression is made again when new characters were found.
  const accepted = { title: /^$/u, text: /^$/u, code: /^$/u };
  const allSettable = (text: string, use: keyof typeof FACE_OF) => {
    if (accepted[use].test(text)) return true;
    const before = known[use].size;
    for (const ch of text) if (!settable(ch, use)) return false;
    if (known[use].size > before) {
      const chars = [...known[use]].filter(([, ok]) => ok).map(([c]) => (/[\\\]\[^-]/.test(c) ? `\\${c}` : c));
      accepted[use] = new RegExp(`^[${chars.join('')}]*$`, 'u');
    }
    return true;
  };
  const use = (r: Inline, b: { kind: string }): keyof typeof FACE_OF => (r.code ? 'code' : b.kind === 'heading' ? 'title' : 'text');
  // Nearly always every character can be set: then the document is returned as it is, not copied.
  let fine = [doc.meta, doc.strings].every((o) => Object.values(o).every((v) => typeof v !== 'string' || allSettable(v, 'title')));
  for (const c of doc.chapters) walkInlines(c.blocks, (inlines, b) => (fine &&= inlines.every((r) => allSettable(r.text, use(r, b)))));
  if (fine) return doc;
  const clean = (text: string, where: SourcePos, u: keyof typeof FACE_OF): string => {
    let out = '';
    for (const ch of text) {
      if (!settable(ch, u)) {
        if (!missing.has(ch)) missing.set(ch, where);
        out += '?';
      } else out += ch;
    }
    return out;
  };
  const texts = <T extends object>(o: T, where: (key: string) => SourcePos) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? clean(v, where(k), 'title') : v])) as T;
  // In reading order, so each character is named where it first occurs: front matter, chapters, strings.
  const meta = texts(doc.meta, at.meta);
  const chapters = doc.chapters.map((c) => ({ ...c, blocks: mapInlines(c.blocks, (inlines: Inline[], b) => inlines.map((r) => ({ ...r, text: clean(r.text, b.source, use(r, b)) }))) }));
  const strings = texts(doc.strings, () => at.strings);
  return { ...doc, strings, meta, chapters };
}
