/**
 * Tables, footnotes, task lists and separators as the parser reads them: the expected values come from
 * the Markdown written in each case (its lines and columns counted by hand).
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, ZineError } from '../../src/errors.js';
import type { Block } from '../../src/model/document.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';

const FILE = 'content/fr/02-x.md';

function parse(body: string) {
  const warnings: string[] = [];
  const chapter = parseChapter({ path: FILE, body, bodyLine: 1, frontMatter: {} }, new Set(), (m, at, hint) => warnings.push(formatWarning(m, at, hint)));
  return { blocks: chapter.blocks, warnings };
}

const plain = (b: Block | undefined) => (b?.kind === 'paragraph' ? b.inlines.map((i) => i.text).join('') : `<${b?.kind}>`);

describe('footnotes', () => {
  it('numbers references in order of first reference and sets the notes after the section', () => {
    const { blocks, warnings } = parse('# A\n\nOne[^z] two[^a] again[^z].\n\n[^a]: Note a.\n[^z]: Note z.\n\n# B\n\nText.\n');
    expect(warnings).toEqual([]);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'notes', 'heading', 'paragraph']);
    const para = blocks[1].kind === 'paragraph' ? blocks[1].inlines : [];
    expect(para.filter((i) => i.note).map((i) => i.text)).toEqual(['1', '2', '1']);
    const notes = blocks[2].kind === 'notes' ? blocks[2].notes : [];
    expect(notes.map((n) => [n.number, plain(n.blocks[0])])).toEqual([
      [1, 'Note z.'],
      [2, 'Note a.'],
    ]);
  });

  it('warns at its line and column about a reference with no definition, and prints it as written', () => {
    const { blocks, warnings } = parse('# A\n\nSome text and[^missing] more.\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^content\/fr\/02-x\.md:3:14 footnote \[\^missing\] has no definition/);
    expect(warnings[0]).toContain('\n  Add a line "[^missing]: ');
    expect(plain(blocks[1])).toBe('Some text and[^missing] more.');
  });

  it('warns at its line about a definition nothing refers to, and about one written twice', () => {
    const { blocks, warnings } = parse('# A\n\nText[^a].\n\n[^a]: First.\n\n[^a]: Second.\n\n[^lost]: Never used.\n');
    expect(warnings).toEqual([
      expect.stringMatching(/^content\/fr\/02-x\.md:7:1 footnote \[\^a\] is defined twice/),
      expect.stringMatching(/^content\/fr\/02-x\.md:9:1 footnote \[\^lost\] is never referenced/),
    ]);
    expect(blocks.filter((b) => b.kind === 'notes')).toHaveLength(1);
  });

  it('reads a definition that goes on over indented lines, and ends it at the next block', () => {
    const { blocks } = parse('Text[^a].\n\n[^a]: Starts here\n    and goes on.\n- a list after it\n');
    const notes = blocks.find((b) => b.kind === 'notes');
    expect(notes?.kind === 'notes' && plain(notes.notes[0].blocks[0])).toBe('Starts here and goes on.');
    expect(blocks.some((b) => b.kind === 'list')).toBe(true);
  });
});

describe('tables', () => {
  it('reads the header, the rows and the alignment of each column', () => {
    const { blocks } = parse('| A | B | C |\n| :-- | :-: | --: |\n| 1 | **2** | 3 |\n| 4 |\n');
    const t = blocks[0];
    expect(t.kind).toBe('table');
    if (t.kind !== 'table') return;
    expect(t.align).toEqual(['left', 'center', 'right']);
    expect(t.header.map(plain)).toEqual(['A', 'B', 'C']);
    // A short row is filled with empty cells.
    expect(t.rows.map((r) => r.map(plain))).toEqual([
      ['1', '2', '3'],
      ['4', '', ''],
    ]);
    expect(t.rows[0][1].kind === 'paragraph' && t.rows[0][1].inlines[0].bold).toBe(true);
  });

  it('reports an error in a cell at the row’s line', () => {
    try {
      parseChapter({ path: FILE, body: 'Intro.\n\n| a | b |\n| - | - |\n| x | [y](javascript:alert(1)) |\n', bodyLine: 1, frontMatter: {} });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ZineError);
      expect((e as ZineError).format()).toMatch(/^content\/fr\/02-x\.md:5:\d+ link "javascript:alert\(1\)" is not allowed/);
    }
  });
});

describe('task lists and separators', () => {
  it('takes the box out of a task’s text and says whether it is ticked', () => {
    const { blocks } = parse('- [ ] open\n- [x] done\n- [X] Done too\n- plain [ ] not a task\n- [ ]\n');
    const list = blocks[0];
    expect(list.kind === 'list' && list.tasks).toEqual([false, true, true, null, false]);
    expect(list.kind === 'list' && list.items.map((i) => plain(i[0]))).toEqual(['open', 'done', 'Done too', 'plain [ ] not a task', '']);
  });

  it('leaves a list without tasks as it was', () => {
    const { blocks } = parse('- a\n- [link](https://example.org)\n');
    expect(blocks[0].kind === 'list' && 'tasks' in blocks[0]).toBe(false);
  });

  it('reads ---, *** and ___ as separators, and a line under text as a heading (CommonMark)', () => {
    const { blocks } = parse('A.\n\n---\n\nB.\n\n***\n\n___\n\nC\n---\n');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'separator', 'paragraph', 'separator', 'separator', 'heading']);
    expect(blocks[1].source.line).toBe(3);
  });
});
