/**
 * The contents fixpoint, read from the PDF: a guide with 40 sections has contents over two pages
 * or more, which moves every page after them; each entry's number must still be the physical
 * page (1-based) on which its heading is printed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { key, norm, openPdf, pageLines, textAreaLines } from '../e2e/helpers.js';
import { words } from '../helpers.js';
import { buildOptions, cleanup, makeProject } from '../safety/helpers.js';

afterAll(cleanup);

const SECTIONS = 40;
const pad = (n: number) => String(n).padStart(2, '0');

/** 40 sections of 1 to 5 paragraphs; every third one has a subsection (also in the contents). */
function guide() {
  const headings: string[] = [];
  let md = '';
  for (let s = 1; s <= SECTIONS; s++) {
    headings.push(`Topic ${pad(s)}`);
    md += `# Topic ${pad(s)}\n\n`;
    const paras = 1 + ((s * 7) % 5);
    for (let p = 0; p < paras; p++) {
      md += `${words(20 + ((p * 37 + s * 11) % 90), s * 100 + p)}.\n\n`;
      if (s % 3 === 0 && p === 0) {
        headings.push(`Detail ${pad(s)}`);
        md += `## Detail ${pad(s)}\n\n${words(30, s)}.\n\n`;
      }
    }
  }
  return { md, headings };
}

it('with 40 sections, contents over 2+ pages give each heading the page it is printed on', async () => {
  const { md, headings } = guide();
  const root = makeProject({ body: md });
  const result = await buildEdition('xx', buildOptions(root));
  expect(result.outputs).toHaveLength(1);
  const doc = openPdf(new Uint8Array(readFileSync(result.outputs[0])));
  const pageCount = doc.countPages();
  const height = doc.loadPage(0).getBounds()[3];
  const width = doc.loadPage(0).getBounds()[2];

  // The contents, from page 2 on: titles closed by a page number at the right, until every heading has its entry.
  const entries: { title: string; number: number; page: number }[] = [];
  let title: string[] = [];
  let page = 1;
  for (; page < pageCount && entries.length < headings.length; page++) {
    for (const l of textAreaLines(pageLines(doc.loadPage(page)), height)) {
      // The title and its right-aligned number share a line: split it at big gaps.
      const runs: { text: string; x: number }[] = [];
      let prevX = -Infinity;
      for (const c of l.chars) {
        if (!runs.length || c.x - prevX > 20) runs.push({ text: '', x: c.x });
        runs[runs.length - 1].text += c.c;
        prevX = c.x + c.size * 0.6;
      }
      for (const r of runs) {
        const t = r.text.trim();
        if (/^\d+$/.test(t) && r.x > width / 2) {
          entries.push({ title: title.join(' '), number: Number(t), page });
          title = [];
        } else if (t && !(page === 1 && entries.length === 0 && title.length === 0 && key(t) === key('Contents'))) title.push(t);
      }
    }
  }
  const contentsPages = page - 1;
  expect(contentsPages, 'the contents should take two pages or more for this test to mean anything').toBeGreaterThanOrEqual(2);
  expect(entries.map((e) => norm(e.title))).toEqual(headings.map(norm));

  // Where each heading is printed: the body page whose text area (running heads aside) holds it.
  const printedOn = new Map<string, number[]>();
  for (let p = page; p < pageCount; p++) {
    const text = key(textAreaLines(pageLines(doc.loadPage(p)), height).map((l) => l.text).join('\n'));
    for (const h of headings) if (text.includes(key(h))) printedOn.set(h, [...(printedOn.get(h) ?? []), p + 1]);
  }
  const wrong: string[] = [];
  headings.forEach((h, i) => {
    const pages = printedOn.get(h) ?? [];
    if (pages.length !== 1) wrong.push(`"${h}" printed on pages [${pages.join(', ')}]`);
    else if (entries[i].number !== pages[0]) wrong.push(`"${h}": contents say ${entries[i].number}, printed on page ${pages[0]}`);
  });
  expect(wrong.join('\n')).toBe('');
}, 30_000);
