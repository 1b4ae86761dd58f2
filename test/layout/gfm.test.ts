/**
 * Tables, footnotes, task lists and separators laid out with fake metrics (every character 0.5 em):
 * what is expected comes from the Markdown written here and from geometry (the content box, the
 * column), not from the layout code.
 */
import { describe, expect, it } from 'vitest';
import { contentBox, layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { ZineError } from '../../src/errors.js';
import type { Page, PageItem, PageModel, PathItem, RectItem, TextItem } from '../../src/model/page.js';
import { paginate } from '../../src/6-layout/paginate.js';
import type { Flow, FlowLine } from '../../src/6-layout/flow.js';
import { docFromMarkdown, words } from '../helpers.js';

const THEME = defaultTheme();
const PAGE = THEME.page;
const layout = (...files: string[]) => layoutBook({ doc: docFromMarkdown(files, 'en'), images: new Map(), metrics: fakeMetrics(), hyphenate: () => [] });
const texts = (p: Page) => p.items.filter((i): i is TextItem => i.type === 'text');
/** Text of the column (no running head, no folio), top to bottom, left to right. */
const columnTexts = (p: Page) => {
  const box = contentBox(PAGE, p.index);
  return texts(p)
    .filter((t) => t.y > box.y && t.y <= box.y + box.height + 0.01)
    .sort((a, b) => a.y - b.y || a.x - b.x);
};
const bodyPages = (m: PageModel) => m.pages.filter((p) => p.kind === 'body');
const EPS = 0.01;

function expectInsideBox(p: Page, items: PageItem[]) {
  const box = contentBox(PAGE, p.index);
  for (const it of items) {
    const w = it.type === 'text' ? it.width : 'w' in it ? it.w : 0;
    const what = `page ${p.index}: ${JSON.stringify(it).slice(0, 90)}`;
    expect(it.x, what).toBeGreaterThanOrEqual(box.x - EPS);
    expect(it.x + w, what).toBeLessThanOrEqual(box.x + box.width + EPS);
    expect(it.y, what).toBeGreaterThanOrEqual(box.y - EPS);
    expect(it.y + (it.type === 'text' ? 0 : 'h' in it ? it.h : 0), what).toBeLessThanOrEqual(box.y + box.height + EPS);
  }
}

/** Items on one baseline never overlap: no cell's text runs into the next cell. */
function expectNoOverlapOnALine(p: Page) {
  const byLine = new Map<number, TextItem[]>();
  for (const t of columnTexts(p)) byLine.set(Math.round(t.y * 100), [...(byLine.get(Math.round(t.y * 100)) ?? []), t]);
  for (const line of byLine.values()) {
    line.sort((a, b) => a.x - b.x);
    for (let i = 1; i < line.length; i++) expect(line[i - 1].x + line[i - 1].width, `"${line[i - 1].text}" runs into "${line[i].text}"`).toBeLessThanOrEqual(line[i].x + EPS);
  }
}

describe('tables', () => {
  const ROWS = 90;
  const long = `# Steps\n\nBefore the table.\n\n| No | Step | State |\n| --- | :---: | ---: |\n${Array.from({ length: ROWS }, (_, i) => `| R${i + 1} | ${words(3 + (i % 7), i)} | ${i % 2 ? 'done' : 'open'} |`).join('\n')}\n\nAfter the table.\n`;
  const model = layout(long);
  const pages = bodyPages(model).filter((p) => texts(p).some((t) => /^R\d+$/.test(t.text)));

  it('breaks a long table between rows over three pages or more, its header row first on each', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, k) => {
      const column = columnTexts(p);
      const firstRow = column.find((t) => /^R\d+$/.test(t.text))!;
      const above = column.filter((t) => t.y < firstRow.y);
      const headerY = Math.max(...above.map((t) => t.y));
      expect(above.filter((t) => t.y === headerY).map((t) => t.text), `page ${p.index}`).toEqual(['No', 'Step', 'State']);
      // On the pages it continues on, the table's header row is the first thing.
      if (k > 0) expect(above.every((t) => t.y === headerY), `page ${p.index}`).toBe(true);
    });
  });

  it('prints every body row exactly once, in order', () => {
    const labels = pages.flatMap((p) => columnTexts(p).filter((t) => /^R\d+$/.test(t.text)).map((t) => t.text));
    expect(labels).toEqual(Array.from({ length: ROWS }, (_, i) => `R${i + 1}`));
  });

  it('keeps every cell inside the column and the page’s content box, no cell running into the next', () => {
    for (const p of pages) {
      expectInsideBox(p, p.items.filter((i) => i.type !== 'link' && i.y > contentBox(PAGE, p.index).y - EPS && i.y < PAGE.height - PAGE.margin.bottom));
      expectNoOverlapOnALine(p);
    }
  });

  it('sets the table to the column’s width, with a rule under each row', () => {
    const box = contentBox(PAGE, pages[0].index);
    const rules = pages[0].items.filter((i): i is RectItem => i.type === 'rect' && Math.abs(i.w - box.width) < EPS && i.h < 1 && i.y > box.y);
    // One per body row on the page, plus the header's two (above and under it).
    const rowsOnPage = columnTexts(pages[0]).filter((t) => /^R\d+$/.test(t.text)).length;
    expect(rules.length).toBe(rowsOnPage + 2);
    for (const r of rules) expect(r.x).toBeCloseTo(box.x, 5);
  });

  it('aligns the columns as the `:---:` markers say', () => {
    const p = pages[0];
    const rows = columnTexts(p);
    const states = rows.filter((t) => t.text === 'done' || t.text === 'open' || t.text === 'State');
    const right = states.map((t) => t.x + t.width);
    expect(Math.max(...right) - Math.min(...right)).toBeLessThan(EPS);
    // The table spans the column: its last column ends a cell's padding from the column's edge.
    const box = contentBox(PAGE, p.index);
    expect(right[0]).toBeCloseTo(box.x + box.width - THEME.space.tableCell.padX, 5);
    const lefts = rows.filter((t) => /^R\d+$/.test(t.text)).map((t) => t.x);
    expect(Math.max(...lefts) - Math.min(...lefts)).toBeLessThan(EPS);
    // The centred column: one-line cells share their middle.
    const firstR = rows.find((t) => t.text === 'R1')!;
    const stateColumn = Math.min(...states.map((t) => t.x));
    const mids = rows.filter((t) => t.x > firstR.x + firstR.width + 1 && t.x + t.width < stateColumn).map((t) => t.x + t.width / 2);
    expect(mids.length).toBeGreaterThan(5);
    expect(Math.max(...mids) - Math.min(...mids)).toBeLessThan(EPS);
  });

  it('gives each column at least its longest word and shares the rest fairly', () => {
    // At 4.3 pt a letter, the word is wider than a third of the 313 pt the cells share: it stays whole
    // all the same. "Short text here" takes its natural width, less than a fair share, on one line;
    // the long description wraps in what is left.
    const word = 'Incomprehensibilitiesxxxxxx';
    const md = `# T\n\n| Name | Word | Description |\n| --- | --- | --- |\n| Short text here | ${word} | ${words(60, 5)} |\n`;
    const p = bodyPages(layout(md))[0];
    const t = columnTexts(p);
    expect(t.some((i) => i.text === word)).toBe(true);
    expect(t.some((i) => i.text === 'Short text here')).toBe(true);
    const descriptionLines = new Set(t.filter((i) => words(60, 5).includes(i.text)).map((i) => i.y));
    expect(descriptionLines.size).toBeGreaterThan(2);
    expectInsideBox(p, t);
    expectNoOverlapOnALine(p);
  });

  it('refuses a table whose longest words cannot fit, naming it and what to do', () => {
    const word = 'x'.repeat(30);
    const md = `# T\n\nText.\n\n| a | b | c | d |\n| - | - | - | - |\n| ${word} | ${word} | ${word} | ${word} |\n`;
    let error: unknown;
    try {
      layout(md);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZineError);
    const text = (error as ZineError).format();
    expect(text).toMatch(/^content\/en\/01\.md:5:1 table too wide/);
    expect(text).toMatch(/fewer columns/);
    expect(text).toMatch(/list/);
  });

  it('refuses a row taller than a page, at the row’s line', () => {
    const md = `# T\n\n| a | b |\n| - | - |\n| one | two |\n| x | ${words(2500, 9)} |\n`;
    expect(() => layout(md)).toThrowError(ZineError);
    try {
      layout(md);
    } catch (e) {
      expect((e as ZineError).format()).toMatch(/^content\/en\/01\.md:6:\d+ a table row is taller than a page\n {2}Shorten/);
    }
  });
});

describe('a table in pagination', () => {
  const line = (text: string, height: number): FlowLine => ({ height, items: [{ type: 'text', x: 0, y: height - 2, text, face: 'body', size: 9, color: '#000', width: 10 }] });
  const tableFlow = (rows: number, rowHeight: number): Flow => {
    const head = line('head', 10);
    return { kind: 'lines', lines: [head, ...Array.from({ length: rows }, (_, i) => line(`row ${i}`, rowHeight))], repeat: [head], spaceBefore: 5, keepWithNext: false, orphans: 2, widows: 1 };
  };
  const pageTexts = (flows: Flow[], height: number) => paginate(flows, height).pages.map((p) => p.items.map((i) => (i as TextItem).text));

  it('does not repeat the header row of a table that moved whole to the next page', () => {
    const [first, second] = pageTexts([{ kind: 'lines', lines: [line('text', 80)], spaceBefore: 0, keepWithNext: false, orphans: 2, widows: 2 }, tableFlow(3, 12)], 100);
    expect(first).toEqual(['text']);
    expect(second).toEqual(['head', 'row 0', 'row 1', 'row 2']);
  });

  it('places every row once, and ends, even when a row and the header row overflow a page together', () => {
    const pages = pageTexts([tableFlow(3, 50)], 55);
    expect(pages.flat().filter((t) => t.startsWith('row'))).toEqual(['row 0', 'row 1', 'row 2']);
    for (const p of pages.slice(1)) expect(p[0]).toBe('head');
  });
});

describe('footnotes', () => {
  const md = [
    `# One\n\nFirst claim[^a] and a second[^b].\n\n${words(40, 1)}\n\n[^a]: The first note.\n[^b]: The second note, ${words(30, 2)}.\n\n# Two\n\nA third[^c].\n\n[^c]: The third note.\n`,
    '# Three\n\nAnother claim[^d].\n\n[^d]: A note of the second file.\n',
  ];
  const model = layout(...md);
  const all = bodyPages(model).flatMap((p) => columnTexts(p).map((t) => ({ ...t, page: p.index })));

  it('prints the reference as a raised number right after the word', () => {
    // The word, then the number touching it on the same line (numbers restart in each file).
    const after = (word: string, number: string) =>
      all.some((t) => t.text.endsWith(word) && all.some((n) => n.page === t.page && n.y === t.y && n.text.startsWith(number) && Math.abs(n.x - (t.x + t.width)) < EPS));
    expect(after('First claim', '¹')).toBe(true);
    expect(after('second', '²')).toBe(true);
    expect(after('A third', '³')).toBe(true);
    expect(after('Another claim', '¹')).toBe(true);
    expect(all.some((t) => t.text.includes('['))).toBe(false);
  });

  it('sets the notes after the section’s last block, numbered, in the caption style', () => {
    const at = (s: string) => all.findIndex((t) => t.text.includes(s));
    const lastWord = words(40, 1).split(' ').at(-1)!;
    expect(at('The first note.')).toBeGreaterThan(at(lastWord));
    expect(at('The second note')).toBeGreaterThan(at('The first note.'));
    expect(at('The second note')).toBeLessThan(at('TWO'));
    expect(at('The third note.')).toBeGreaterThan(at('A third'));
    expect(at('The third note.')).toBeLessThan(at('THREE'));
    expect(at('A note of the second file.')).toBeGreaterThan(at('Another claim'));
    const note = all.find((t) => t.text.includes('The first note.'))!;
    expect(note.size).toBe(THEME.styles.caption.size);
    const number = all.find((t) => t.text === '1.' && t.y === note.y && t.page === note.page);
    expect(number, 'its number on the same line').toBeDefined();
    expect(number!.x).toBeLessThan(note.x);
  });
});

describe('a footnote number with fonts that lack superscript digits', () => {
  it('is printed in brackets rather than stop the build', () => {
    const metrics = fakeMetrics([0xb9]); // no ¹ in any face
    const model = layoutBook({ doc: docFromMarkdown(['# S\n\nA claim[^a].\n\n[^a]: The note.\n'], 'en'), images: new Map(), metrics, hyphenate: () => [] });
    const body = bodyPages(model).flatMap(columnTexts);
    expect(body.some((t) => t.text.startsWith('[1]'))).toBe(true);
    expect(body.some((t) => t.text.includes('¹'))).toBe(false);
  });
});

describe('a footnote in a heading', () => {
  it('is printed in the heading, not in the contents or the outline', () => {
    const model = layout('# Section\n\n## Title[^t]\n\nText.\n\n[^t]: On the title.\n');
    const entry = model.outline.find((o) => o.level === 1)!;
    expect(entry.title).toBe('Title');
    const contents = model.pages.filter((p) => p.kind === 'contents').flatMap(texts);
    expect(contents.some((t) => /TITLE/i.test(t.text))).toBe(true);
    expect(contents.some((t) => /¹/.test(t.text))).toBe(false);
    expect(bodyPages(model).flatMap(columnTexts).some((t) => t.text === '¹')).toBe(true);
  });
});

describe('task lists', () => {
  const model = layout('# List\n\n- [ ] Back up\n- [x] Update\n- Plain\n- [ ]\n');
  const p = bodyPages(model)[0];
  const paths = p.items.filter((i): i is PathItem => i.type === 'path');
  const line = (s: string) => columnTexts(p).find((t) => t.text === s)!;

  it('draws a box before each task and a check mark in the ticked one, a bullet before the others', () => {
    const boxes = paths.filter((i) => i.evenOdd);
    const checks = paths.filter((i) => !i.evenOdd);
    expect(boxes.length).toBe(3);
    expect(checks.length).toBe(1);
    for (const [s, k] of [['Back up', 0], ['Update', 1]] as const) {
      const t = line(s);
      // The box stands on the text's baseline, left of it, as tall as it is wide.
      expect(boxes[k].y + boxes[k].scale).toBeCloseTo(t.y, 5);
      expect(boxes[k].x + boxes[k].scale).toBeLessThan(t.x);
    }
    expect(checks[0].y).toBe(boxes[1].y);
    const box = contentBox(PAGE, p.index);
    const bullet = p.items.find((i): i is RectItem => i.type === 'rect' && i.w === THEME.space.bullet && i.y > box.y && i.y < box.y + box.height);
    expect(bullet && Math.abs(bullet.y - line('Plain').y) < THEME.styles.body.size).toBe(true);
    // The text is not printed with its `[ ]`.
    expect(columnTexts(p).some((t) => t.text.includes('['))).toBe(false);
  });

  it('keeps every box inside the column', () => expectInsideBox(p, paths.map((i) => ({ ...i, w: i.scale, h: i.scale }) as unknown as PageItem)));
});

describe('separators', () => {
  const isSeparator = (i: PageItem) => i.type === 'rect' && i.fill === THEME.colors.accent && Math.abs(i.h - THEME.space.sectionBar.height / 2) < EPS;

  it('print a short centred accent rule between two paragraphs', () => {
    const p = bodyPages(layout('# S\n\nAbove.\n\n---\n\nBelow.\n'))[0];
    const rule = p.items.find(isSeparator) as RectItem;
    const box = contentBox(PAGE, p.index);
    expect(rule).toBeDefined();
    expect(rule.x + rule.w / 2).toBeCloseTo(box.x + box.width / 2, 5);
    const [above, below] = ['Above.', 'Below.'].map((s) => columnTexts(p).find((t) => t.text === s)!);
    expect(rule.y).toBeGreaterThan(above.y);
    expect(rule.y).toBeLessThan(below.y - THEME.styles.body.size);
  });

  it('never stands at the top of a page, wherever the page break falls', () => {
    let printed = 0;
    let written = 0;
    // Paragraphs of growing length move the separators over every position on the page.
    for (let n = 0; n < 30; n++) {
      const md = `# S\n\n${Array.from({ length: 6 }, (_, k) => words(40 + n * 7 + k * 13, n * 10 + k)).join('\n\n---\n\n')}\n`;
      for (const p of bodyPages(layout(md))) {
        const box = contentBox(PAGE, p.index);
        const column = p.items.filter((i) => i.y >= box.y - EPS && i.y <= box.y + box.height + EPS && i.type !== 'link').sort((a, b) => a.y - b.y);
        const seps = column.filter(isSeparator);
        printed += seps.length;
        if (seps.length) expect(column[0], `page ${p.index} starts with a separator (n = ${n})`).not.toBe(seps[0]);
        // Something printed above each separator on its page, and below it.
        for (const s of seps) expect(column.some((i) => i.type === 'text' && i.y < s.y)).toBe(true);
      }
      written += 5;
    }
    // Some were left out at page tops, most printed.
    expect(printed).toBeLessThan(written);
    expect(printed).toBeGreaterThan(written / 2);
  });
});
