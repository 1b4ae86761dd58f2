/**
 * The paginator on hand-made flows: every line is 10 pt tall and tagged, so each expected page is
 * written out below as `tag@y` (the top of the line or block on its page) and worked out by hand
 * from the heights and spaces given. Widows and orphans are 2 unless said.
 */
import { describe, expect, it } from 'vitest';
import { paginate, type Levers, type Pagination } from '../../src/6-layout/paginate.js';
import type { Flow, FlowLine } from '../../src/6-layout/flow.js';
import type { PageItem } from '../../src/model/page.js';

const tag = (text: string): PageItem => ({ type: 'text', x: 0, y: 0, text, face: 'body', size: 9, color: '#000', width: 10 });
const line = (text: string, height = 10): FlowLine => ({ height, items: [tag(text)] });

type Lines = Extract<Flow, { kind: 'lines' }>;
type Block = Extract<Flow, { kind: 'block' }>;
type Figure = Extract<Flow, { kind: 'figure' }>;

/** A paragraph of n lines tagged name0, name1, … */
const para = (name: string, n: number, o: Partial<Lines> = {}): Flow => ({
  kind: 'lines',
  lines: Array.from({ length: n }, (_, k) => line(`${name}${k}`)),
  spaceBefore: 0,
  keepWithNext: false,
  orphans: 2,
  widows: 2,
  ...o,
});
const block = (name: string, height: number, o: Partial<Block> = {}): Flow => ({ kind: 'block', height, items: [tag(name)], spaceBefore: 0, keepWithNext: false, ...o });
/** A heading: a block kept with what follows. */
const heading = (name: string, level: number, height: number, o: Partial<Block> = {}): Flow => block(name, height, { keepWithNext: true, heading: { id: name.toLowerCase(), title: name, level }, ...o });
const figure = (o: Partial<Figure> = {}): Flow => ({
  kind: 'figure',
  imageWidth: 200,
  imageHeight: 100,
  image: 'shot.png',
  columnX: 20,
  columnWidth: 300,
  captionX: 20,
  caption: [line('cap0'), line('cap1')],
  captionGap: 5,
  minScale: 0.5,
  spaceBefore: 10,
  keepWithNext: false,
  source: { file: 'content/xx/01.md', line: 3, col: 1 },
  share: 1,
  ...o,
});
const brk: Flow = { kind: 'break', reason: 'explicit' };

const r3 = (v: number) => Math.round(v * 1000) / 1000;
/** Each page as `tag@y`; an image as `img@y`. */
const layout = (p: Pagination) => p.pages.map((page) => page.items.map((i) => (i?.type === 'text' ? `${i.text}@${r3(i.y)}` : i?.type === 'image' ? `img@${r3(i.y)}` : `?${JSON.stringify(i)}`)));
const run = (flows: Flow[], height: number, start: string | null = null) => layout(paginate(flows, height, start));

describe('stacking', () => {
  it('stacks flows from the top, with each flow’s space before it except at the top of a page', () => {
    // A: 0, 10 (its 7 pt before it dropped at the top); B: 20 + 5; C: 40 + 3.
    expect(run([para('a', 2, { spaceBefore: 7 }), block('B', 15, { spaceBefore: 5 }), para('c', 2, { spaceBefore: 3 })], 100)).toEqual([['a0@0', 'a1@10', 'B@25', 'c0@43', 'c1@53']]);
  });

  it('fills a page exactly: ten 10 pt lines on a 100 pt page, then a block that takes just the rest', () => {
    expect(run([para('a', 10)], 100)).toEqual([Array.from({ length: 10 }, (_, k) => `a${k}@${10 * k}`)]);
    // 70 + 5 + 25 = 100: the block stays.
    expect(run([para('a', 7), block('B', 25, { spaceBefore: 5 })], 100)[0].at(-1)).toBe('B@75');
  });

  it('moves a block that does not fit to the next page, without its space before', () => {
    // 80 + 10 + 15 = 105 > 100: B goes to the top of page 2; C follows 4 pt under it.
    expect(run([para('a', 8), block('B', 15, { spaceBefore: 10 }), block('C', 10, { spaceBefore: 4 })], 100)).toEqual([
      Array.from({ length: 8 }, (_, k) => `a${k}@${10 * k}`),
      ['B@0', 'C@19'],
    ]);
  });

  it('an empty flow list still makes one (empty) page, and so does a lone break', () => {
    for (const flows of [[], [brk]]) {
      const p = paginate(flows, 100);
      expect(p.pages.length).toBe(1);
      expect(p.pages[0].items).toEqual([]);
    }
  });

  it('a break starts a new page, but never leaves an empty one (at the start, twice in a row, at the end)', () => {
    expect(run([brk, para('a', 1), brk, brk, para('b', 1), brk], 100)).toEqual([['a0@0'], ['b0@0']]);
  });

  it('records the parts of the book on the pages that hold them', () => {
    const p = paginate([block('A', 10), block('L', 10, { part: 'links' })], 15);
    expect(layout(p)).toEqual([['A@0'], ['L@0']]);
    expect(p.pages.map((pg) => [...pg.parts])).toEqual([[], ['links']]);
  });
});

describe('widows and orphans', () => {
  it('carries two lines over rather than one (widows)', () => {
    // Page 50: 30 pt left under the block, three lines would fit, but that leaves one: two go.
    expect(run([block('T', 20), para('p', 4)], 50)).toEqual([
      ['T@0', 'p0@20', 'p1@30'],
      ['p2@0', 'p3@10'],
    ]);
  });

  it('leaves two lines at a page foot (exactly the orphans), and never one', () => {
    expect(run([block('T', 30), para('p', 5)], 50)).toEqual([
      ['T@0', 'p0@30', 'p1@40'],
      ['p2@0', 'p3@10', 'p4@20'],
    ]);
    // Room for one line only: the whole paragraph moves.
    expect(run([block('T', 40), para('p', 5)], 50)).toEqual([['T@0'], ['p0@0', 'p1@10', 'p2@20', 'p3@30', 'p4@40']]);
  });

  it('counts the paragraph’s space before in the room at the page foot', () => {
    // 50 − 20 − 10 = 20 pt: two lines, then three on the next page.
    expect(run([block('T', 20), para('p', 5, { spaceBefore: 10 })], 50)).toEqual([
      ['T@0', 'p0@30', 'p1@40'],
      ['p2@0', 'p3@10', 'p4@20'],
    ]);
  });

  it('a page takes what fits when nothing else can: three lines on pages two lines tall', () => {
    expect(run([para('p', 3)], 20)).toEqual([['p0@0', 'p1@10'], ['p2@0']]);
  });

  it('splits a keep-with-next paragraph longer than a page and still leaves no widow', () => {
    // Six lines, five fit: four stay so that two go on; the block after follows them.
    expect(run([para('p', 6, { keepWithNext: true }), block('A', 10)], 50)).toEqual([
      ['p0@0', 'p1@10', 'p2@20', 'p3@30'],
      ['p4@0', 'p5@10', 'A@20'],
    ]);
  });

  it('never splits a keep-with-next paragraph at the foot of a page that already has something', () => {
    // With what follows it (80 pt) it cannot fit any page, so only its own rule moves it: whole, to the next page.
    expect(run([block('T', 10), para('p', 5, { keepWithNext: true }), block('A', 30)], 50)).toEqual([
      ['T@0'],
      ['p0@0', 'p1@10', 'p2@20', 'p3@30', 'p4@40'],
      ['A@0'],
    ]);
  });
});

describe('keep with next: the room a chain needs', () => {
  // Page 100. A heading of 15 pt (5 pt before it) kept with a paragraph of 4 lines (3 pt before it):
  // it needs 5 + 15 + 3 + 2 lines = 43 pt at the foot of a page.
  const flows = (filler: number, lines = 4, sb = 3) => [block('F', filler), heading('H', 2, 15, { spaceBefore: 5 }), para('p', lines, { spaceBefore: sb })];

  it('moves a heading to the next page with its paragraph rather than leave it stranded', () => {
    expect(run(flows(70), 100)).toEqual([['F@0'], ['H@0', 'p0@18', 'p1@28', 'p2@38', 'p3@48']]);
  });

  it('keeps it when the heading and the paragraph’s first two lines fit exactly, moves it one point later', () => {
    // 57 + 43 = 100: the heading stays, two lines under it, two on the next page.
    expect(run(flows(57), 100)).toEqual([
      ['F@0', 'H@62', 'p0@80', 'p1@90'],
      ['p2@0', 'p3@10'],
    ]);
    expect(run(flows(58), 100)).toEqual([['F@0'], ['H@0', 'p0@18', 'p1@28', 'p2@38', 'p3@48']]);
  });

  it('asks for the whole of a paragraph too short to split (three lines)', () => {
    // 5 + 15 + 3 lines = 50 pt.
    expect(run(flows(50, 3, 0), 100)).toEqual([['F@0', 'H@55', 'p0@70', 'p1@80', 'p2@90']]);
    expect(run(flows(51, 3, 0), 100)).toEqual([['F@0'], ['H@0', 'p0@15', 'p1@25', 'p2@35']]);
  });

  it('adds up a chain of headings, with the spaces between them', () => {
    // A (8 before, 20) + 10 + B (15) + 5 + two lines (20) = 78 pt.
    const chain = (filler: number) => [block('F', filler), heading('A', 1, 20, { spaceBefore: 8 }), heading('B', 2, 15, { spaceBefore: 10 }), para('p', 4, { spaceBefore: 5 })];
    expect(run(chain(22), 100)).toEqual([
      ['F@0', 'A@30', 'B@60', 'p0@80', 'p1@90'],
      ['p2@0', 'p3@10'],
    ]);
    expect(run(chain(23), 100)).toEqual([['F@0'], ['A@0', 'B@30', 'p0@50', 'p1@60', 'p2@70', 'p3@80']]);
  });

  it('moves a chain exactly a page tall, but not one taller than a page (it could not fit anywhere)', () => {
    expect(run([block('F', 10), heading('H', 2, 20), block('X', 80)], 100)).toEqual([['F@0'], ['H@0', 'X@20']]);
    expect(run([block('F', 10), heading('H', 2, 20), block('X', 85)], 100)).toEqual([['F@0', 'H@10'], ['X@0']]);
    // Nor on an empty page: no empty page is left behind.
    expect(run([heading('H', 2, 20), block('X', 85)], 100)).toEqual([['H@0'], ['X@0']]);
  });

  it('a heading before a figure needs room for the figure at its smallest scale and its caption', () => {
    // Page 200. Figure: 150 × 100, caption one line under a 4 pt gap, shrinks to half: 50 + 4 + 10 = 64,
    // plus 6 before it and the 20 pt heading: 90 pt.
    const fig = figure({ imageWidth: 150, imageHeight: 100, caption: [line('cap0')], captionGap: 4, spaceBefore: 6, columnX: 10, columnWidth: 200, captionX: 10 });
    const p = paginate([block('F', 110), heading('H', 2, 20), fig], 200);
    // It fits at exactly half size: image 136..186, caption at 190.
    expect(layout(p)).toEqual([['F@0', 'H@110', 'img@136', 'cap0@190']]);
    expect(p.figures[0].scale).toBeCloseTo(0.5, 9);
    const q = paginate([block('F', 111), heading('H', 2, 20), fig], 200);
    expect(layout(q)).toEqual([['F@0'], ['H@0', 'img@26', 'cap0@130']]);
    expect(q.figures[0]).toMatchObject({ page: 1, scale: 1, w: 150, h: 100 });
  });
});

describe('figures', () => {
  it('shrink to fit the rest of the page, caption included, centred in their column', () => {
    // Page 200, 100 taken, 10 before: 90 pt for image + 5 + two caption lines (25): scale 0.65.
    const p = paginate([block('F', 100), figure(), block('A', 5)], 200);
    expect(layout(p)).toEqual([['F@0', 'img@110', 'cap0@180', 'cap1@190'], ['A@0']]);
    const img = p.pages[0].items[1];
    expect(img.type).toBe('image');
    if (img.type !== 'image') return;
    expect(img.image).toBe('shot.png');
    expect(img.w).toBeCloseTo(130, 9);
    expect(img.h).toBeCloseTo(65, 9);
    // Centred: 20 + (300 − 130) / 2.
    expect(img.x).toBeCloseTo(105, 9);
    // The caption starts at the column's left edge, left of the image.
    expect(p.pages[0].items.slice(2).map((i) => i.x)).toEqual([20, 20]);
    expect(p.figures).toHaveLength(1);
    const f = p.figures[0];
    expect(f).toMatchObject({ image: 'shot.png', page: 0, column: 300, share: 1, source: { file: 'content/xx/01.md', line: 3, col: 1 } });
    expect([f.w, f.h, f.scale].map(r3)).toEqual([130, 65, 0.65]);
  });

  it('move to the next page, full size, rather than shrink under their smallest scale', () => {
    // 60 pt left: scale 0.35 < 0.5. On the new page: 100 + 5 + 20 fits at full size, centred: 20 + 50.
    const p = paginate([block('F', 130), figure()], 200);
    expect(layout(p)).toEqual([['F@0'], ['img@0', 'cap0@105', 'cap1@115']]);
    expect(p.pages[1].items[0]).toMatchObject({ x: 70, w: 200, h: 100 });
    expect(p.figures[0]).toMatchObject({ page: 1, scale: 1 });
  });

  it('taller than a whole page, shrink to fit it even under their smallest scale', () => {
    // 400 pt tall, caption 10 under 5: (200 − 15) / 400 = 0.4625.
    const p = paginate([figure({ imageHeight: 400, imageWidth: 100, caption: [line('cap0')] })], 200);
    expect(layout(p)).toEqual([['img@0', 'cap0@190']]);
    expect(r3(p.figures[0].scale)).toBe(0.463);
    expect(p.figures[0].page).toBe(0);
  });
});

describe('headings and running heads', () => {
  // Page 100. Sections One, Two, Three (level 1); Sub is a level-2 heading inside One.
  const flows: Flow[] = [
    heading('One', 1, 20),
    para('p', 2, { spaceBefore: 5 }), // 25, 35
    heading('Sub', 2, 15, { spaceBefore: 10 }), // 45 + 10 + 15 + 5 + 2 lines = 95: stays at 55
    para('q', 5, { spaceBefore: 5 }), // 20 pt left: two lines, three on page 2
    brk,
    heading('Two', 1, 20),
    para('r', 10, { spaceBefore: 5 }), // 75 pt: seven lines, three on page 4
    heading('Three', 1, 20, { spaceBefore: 10 }), // 30 + 10 + 20 + 5 + 20 = 85: stays at 40, mid-page
    para('s', 2, { spaceBefore: 5 }), // 65, 75
    para('t', 3, { spaceBefore: 5 }), // 10 pt left: the whole paragraph on page 5
  ];
  const p = paginate(flows, 100, 'Front');

  it('places everything where worked out', () => {
    expect(layout(p)).toEqual([
      ['One@0', 'p0@25', 'p1@35', 'Sub@55', 'q0@75', 'q1@85'],
      ['q2@0', 'q3@10', 'q4@20'],
      ['Two@0', 'r0@25', 'r1@35', 'r2@45', 'r3@55', 'r4@65', 'r5@75', 'r6@85'],
      ['r7@0', 'r8@10', 'r9@20', 'Three@40', 's0@65', 's1@75'],
      ['t0@0', 't1@10', 't2@20'],
    ]);
  });

  it('records each heading with its page and its y', () => {
    expect(p.headings).toEqual([
      { id: 'one', title: 'One', level: 1, page: 0, y: 0 },
      { id: 'sub', title: 'Sub', level: 2, page: 0, y: 55 },
      { id: 'two', title: 'Two', level: 1, page: 2, y: 0 },
      { id: 'three', title: 'Three', level: 1, page: 3, y: 40 },
    ]);
  });

  it('gives each page the section running at its top: a section starting mid-page runs from the next', () => {
    expect(p.pages.map((pg) => pg.section)).toEqual(['One', 'One', 'Two', 'Two', 'Three']);
  });

  it('starts from the section it is given', () => {
    expect(paginate([para('a', 3)], 20, 'Front').pages.map((pg) => pg.section)).toEqual(['Front', 'Front']);
  });
});

describe('levers (to save a sheet)', () => {
  // A section break whose opening is a 20 pt rule block (tagged R), then a 20 pt section title kept with
  // what follows.
  const opening = { height: 20, items: [tag('R')] };
  const section = (name: string): Flow[] => [{ kind: 'break', reason: 'section', opening }, heading(name, 1, 20)];
  const runWith = (flows: Flow[], height: number, levers: Levers) => layout(paginate(flows, height, null, levers));

  it('without levers, a section starts a new page however much room is left', () => {
    expect(runWith([para('a', 2), ...section('S'), para('b', 2)], 100, {})).toEqual([['a0@0', 'a1@10'], ['S@0', 'b0@20', 'b1@30']]);
  });

  it('opens a section under its rule on the page under way when at least the share of the page is left', () => {
    // 20 pt used, 80 left ≥ a third of 100: rule at 20, title at 40, its paragraph at 60 and 70.
    expect(runWith([para('a', 2), ...section('S'), para('b', 2)], 100, { shareSections: 1 / 3 })).toEqual([['a0@0', 'a1@10', 'R@20', 'S@40', 'b0@60', 'b1@70']]);
  });

  it('starts a new page when less than the share is left, or when the rule, title and two lines do not fit', () => {
    // Page 200: 120 pt used, 80 left < half the page, though rule, title and two lines (60) would fit: a new page.
    expect(runWith([para('a', 12), ...section('S'), para('b', 2)], 200, { shareSections: 0.5 })).toEqual([
      Array.from({ length: 12 }, (_, k) => `a${k}@${10 * k}`),
      ['S@0', 'b0@20', 'b1@30'],
    ]);
    // 100 left: half the page, it opens there.
    expect(runWith([para('a', 10), ...section('S'), para('b', 2)], 200, { shareSections: 0.5 })[0].slice(-4)).toEqual(['R@100', 'S@120', 'b0@140', 'b1@150']);
    // 50 left ≥ any share, but rule 20 + title 20 + two lines 20 = 60 > 50: a new page.
    expect(runWith([para('a', 5), ...section('S'), para('b', 4)], 100, { shareSections: 0 })[1][0]).toBe('S@0');
    // With 60 left they fit: the first two lines at the foot, the other two over.
    expect(runWith([para('a', 4), ...section('S'), para('b', 4)], 100, { shareSections: 0 })).toEqual([
      ['a0@0', 'a1@10', 'a2@20', 'a3@30', 'R@40', 'S@60', 'b0@80', 'b1@90'],
      ['b2@0', 'b3@10'],
    ]);
  });

  it('gives a section its own page when the book asks for it, and never shares with an explicit break', () => {
    expect(runWith([para('a', 2), ...section('S'), para('b', 2)], 100, { shareSections: 0, ownPage: new Set(['s']) })[1][0]).toBe('S@0');
    expect(runWith([para('a', 2), brk, para('b', 2)], 100, { shareSections: 0 })).toEqual([['a0@0', 'a1@10'], ['b0@0', 'b1@10']]);
  });

  it('sets figures smaller, never under their smallest scale', () => {
    // Natural 200 × 100 at 0.8: 160 × 80, centred in 300 from 20: x = 90.
    const p = paginate([figure({ minScale: 0.5 })], 500, null, { figureScale: 0.8 });
    expect(p.pages[0].items[0]).toMatchObject({ x: 90, w: 160, h: 80 });
    expect(paginate([figure({ minScale: 0.9 })], 500, null, { figureScale: 0.8 }).figures[0].scale).toBe(0.9);
  });

  it('floats a figure that does not fit after the paragraphs that follow it, never past a heading', () => {
    // 130 used, 60 left under the figure's 10 before; it needs at least 0.5 × 100 + 5 + 20 = 75: the
    // paragraph c (3 lines, 10 before) goes first, at 140..160; the figure starts page 2 (caption at 105),
    // and the heading (no space before) follows it at 125, not floated past.
    const flows = [block('F', 130), figure(), para('c', 3, { spaceBefore: 10 }), heading('H', 2, 10), para('d', 2)];
    expect(runWith(flows, 200, { floatFigures: true })).toEqual([
      ['F@0', 'c0@140', 'c1@150', 'c2@160'],
      ['img@0', 'cap0@105', 'cap1@115', 'H@125', 'd0@135', 'd1@145'],
    ]);
    // Without the lever the paragraph waits for the figure on page 2.
    expect(runWith(flows, 200, {})[0]).toEqual(['F@0']);
    // Announced by the paragraph before it (kept with it), a figure does not float: here one taller than
    // the page even at its smallest (400 × 0.5 + 25), so the keep cannot hold and it starts page 2.
    const announced = [block('F', 50), para('a', 2, { keepWithNext: true }), figure({ imageHeight: 400 }), para('c', 3)];
    expect(runWith(announced, 200, { floatFigures: true })[0]).toEqual(['F@0', 'a0@50', 'a1@60']);
  });
});
