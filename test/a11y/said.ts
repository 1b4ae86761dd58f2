/**
 * What a tagged PDF says, set against the Markdown (test/e2e/helpers.ts reads it with commonmark):
 * shared by the guide that is not ours and by every language of ours.
 */
import { key, type Expected } from '../e2e/helpers.js';
import { allElements, type TaggedPdf } from './pdfStructure.js';

/** The headings of the structure tree as [level, text key], without the contents' and links page's titles (strings.yml). */
export function headingsSaid(pdf: TaggedPdf, strings: Expected['strings']): [number, string][] {
  const own = [key(strings.contents), key(strings.links)];
  return allElements(pdf.root)
    .filter((e) => /^H[1-6]$/.test(e.role) && !own.includes(key(e.text)))
    .map((e) => [Number(e.role[1]), key(e.text)]);
}

export const headingsWritten = (expected: Expected): [number, string][] => expected.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level!, key(b.text)]);

/**
 * The Markdown's blocks (paragraphs, items, captions, code, headings) not found in the structure text
 * in source order. A footnote reference prints as its number, raised (NFKC folds the superscript); a
 * task's box is its label, not its text; tables and footnote definitions, which commonmark reads as
 * paragraphs, are left to their own checks.
 */
export function missingInOrder(pdf: TaggedPdf, expected: Expected): string[] {
  const fold = (s: string) => key(s.normalize('NFKC'));
  const text = fold(pdf.root?.text ?? '');
  let from = 0;
  const missing: string[] = [];
  for (const b of expected.blocks) {
    if (b.text.startsWith('|') || /^\[\^\d+\]:/.test(b.text)) continue;
    const at = text.indexOf(fold(b.text.replace(/\[\^(\d+)\]/g, '$1').replace(/^\[[ x]\] /, '')), from);
    if (at < 0) missing.push(`${b.kind} ${b.file}:${b.line} "${b.text.slice(0, 40)}"`);
    else from = at;
  }
  return missing;
}
