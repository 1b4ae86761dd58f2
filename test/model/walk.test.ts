import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/model/document.js';
import { blocksOfKind, childBlocks, mapBlocks, mapInlines, walkBlocks, walkInlines } from '../../src/model/walk.js';
import { typesetDocument } from '../../src/3-typography/applyToDocument.js';
import { strings } from '../helpers.js';

const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const p = (text: string): Block => ({ kind: 'paragraph', inlines: [{ text }], source });
const fig = (src: string): Block => ({ kind: 'figure', src, alt: '', caption: [{ text: `caption ${src}` }], attrs: { width: 1, redact: [] }, source });
const list = (...items: Block[][]): Block => ({ kind: 'list', ordered: false, start: 1, items, source });
const callout = (title: string, ...blocks: Block[]): Block => ({ kind: 'callout', variant: 'note', title: title ? [{ text: title }] : [], blocks, source });
const quote = (...blocks: Block[]): Block => ({ kind: 'quote', blocks, source });

/**
 * Built by hand, not parsed: figures and paragraphs in list items inside callouts inside quotes, and
 * every other kind once. Names say the reading order (f1 is read before f2, p1 before p2).
 */
const tree = (): Block[] => [
  { kind: 'heading', level: 1, inlines: [{ text: 'h1' }], id: 'h1', source },
  p('p1'),
  quote(
    p('p2'),
    callout(
      'c1',
      list(
        [p('p3'), fig('f1')],
        [fig('f2'), list([p('p4'), fig('f3')])],
      ),
      p('p5'),
    ),
    fig('f4'),
  ),
  fig('f5'),
  list([callout('c2', quote(list([fig('f6'), p('p6')])))]),
  { kind: 'code', text: 'p-code stays', source },
  { kind: 'pageBreak', source },
  { kind: 'linksIndex', source },
  p('p7'),
];

const texts = (runs: Inline[]) => runs.map((r) => r.text).join('');

describe('the document walker', () => {
  it('finds every figure, at every depth, in reading order', () => {
    expect(blocksOfKind(tree(), 'figure').map((f) => f.src)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
  });

  it('visits every block once, a container before what it holds, with its depth', () => {
    const seen: string[] = [];
    walkBlocks(tree(), (b, depth) => seen.push(`${depth}:${b.kind === 'paragraph' ? texts(b.inlines) : b.kind === 'figure' ? b.src : b.kind}`));
    expect(seen).toEqual([
      '0:heading', '0:p1', '0:quote', '1:p2', '1:callout', '2:list', '3:p3', '3:f1', '3:f2', '3:list', '4:p4', '4:f3', '2:p5', '1:f4',
      '0:f5', '0:list', '1:callout', '2:quote', '3:list', '4:f6', '4:p6', '0:code', '0:pageBreak', '0:linksIndex', '0:p7',
    ]);
  });

  it('visits every run of text of paragraphs, headings, captions and callout titles in reading order', () => {
    const seen: string[] = [];
    walkInlines(tree(), (runs) => seen.push(texts(runs)));
    expect(seen).toEqual(['h1', 'p1', 'p2', 'c1', 'p3', 'caption f1', 'caption f2', 'p4', 'caption f3', 'p5', 'caption f4', 'caption f5', 'c2', 'caption f6', 'p6', 'p7']);
  });

  it('lists a block’s child sequences: one per list item, one for a quote or callout, none for a leaf', () => {
    const [, , q] = tree();
    expect(childBlocks(q)).toHaveLength(1);
    expect(childBlocks(callout('', p('a'), p('b')))).toEqual([[p('a'), p('b')]]);
    expect(childBlocks(list([p('a')], [p('b')], []))).toHaveLength(3);
    expect(childBlocks(p('a'))).toEqual([]);
  });

  it('map rewrites every paragraph at every depth, and leaves the tree it was given alone', () => {
    const original = tree();
    const before = JSON.stringify(original);
    const mapped = mapBlocks(original, (b) => (b.kind === 'paragraph' ? { ...b, inlines: [{ text: texts(b.inlines).toUpperCase() }] } : b));
    const paragraphs: string[] = [];
    walkBlocks(mapped, (b) => b.kind === 'paragraph' && paragraphs.push(texts(b.inlines)));
    expect(paragraphs).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    expect(blocksOfKind(mapped, 'figure').map((f) => f.src)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect(JSON.stringify(original)).toBe(before);
  });

  it('mapInlines rewrites headings, paragraphs, captions and callout titles at every depth, and nothing else', () => {
    const mapped = mapInlines(tree(), (runs) => runs.map((r) => ({ ...r, text: `<${r.text}>` })));
    const seen: string[] = [];
    walkInlines(mapped, (runs) => seen.push(texts(runs)));
    expect(seen).toEqual(['<h1>', '<p1>', '<p2>', '<c1>', '<p3>', '<caption f1>', '<caption f2>', '<p4>', '<caption f3>', '<p5>', '<caption f4>', '<caption f5>', '<c2>', '<caption f6>', '<p6>', '<p7>']);
    expect(blocksOfKind(mapped, 'code')[0].text).toBe('p-code stays');
  });

  it('carries the typography stage to every depth', () => {
    const doc = typesetDocument({ lang: 'en', slug: 't', meta: { title: 'T' }, strings, chapters: [{ file: 'content/en/01.md', blocks: mapInlines(tree(), (runs) => runs.map((r) => ({ ...r, text: `"${r.text}"` }))) }] });
    const seen: string[] = [];
    walkInlines(doc.chapters[0].blocks, (runs) => seen.push(texts(runs)));
    expect(seen).toHaveLength(16);
    for (const s of seen) expect(s).toMatch(/^“[^"]+”$/);
  });
});

describe('src/model/', () => {
  it('imports no stage: the walker and the document model stand on their own', () => {
    for (const file of ['document.ts', 'walk.ts']) {
      const text = readFileSync(join(import.meta.dirname, '../../src/model', file), 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const i of imports) expect(i, `${file} imports ${i}`).toMatch(/^\.\/|^\.\.\/errors\.js$/);
    }
  });
});
