/**
 * The layout of what guides written for a website bring: inline HTML set as formatting, rows of phone
 * screenshots, callout titles and bold lines used as headings. Checked by geometry with fake metrics
 * (every character 0.5 em, ascent 0.8, descent 0.2): what is expected comes from the Markdown and from
 * invariants of the page (inside the column, on one page, above or below the baseline), not from the
 * code that places things.
 */
import { describe, expect, it } from 'vitest';
import { blocksToFlow } from '../../src/6-layout/blocks/index.js';
import { contentBox, layoutBook } from '../../src/6-layout/book.js';
import type { FlowContext } from '../../src/6-layout/text.js';
import type { Flow } from '../../src/6-layout/flow.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import type { ImageItem, PageItem, RectItem, TextItem } from '../../src/model/page.js';
import { docFromMarkdown, words } from '../helpers.js';

const theme = defaultTheme();
const WIDTH = 300;
/** Phone screenshots (1080 × 2340 px, no density: what Android saves), a desktop one, a photo. */
const IMAGES = new Map<string, ImageInfo>([
  ...[1, 2, 3, 4, 5].map((n) => [`phone${n}.png`, { width: 1080, height: 2340, pixelRatio: 1, format: 'png' }] as [string, ImageInfo]),
  ['wide.png', { width: 1600, height: 900, pixelRatio: 1, format: 'png' }],
  ['tall-thin.png', { width: 100, height: 2000, pixelRatio: 1, format: 'png' }],
]);
const ctx = (over: Partial<FlowContext> = {}): FlowContext => ({ metrics: fakeMetrics(), lang: 'en', hyphenate: () => [], width: WIDTH, images: IMAGES, figureLabel: 'Figure', figureNumbers: new Map(), theme, ...over });
const flows = (md: string, c = ctx()) => blocksToFlow(docFromMarkdown([md], 'en').chapters[0].blocks, c);

const texts = (items: PageItem[]) => items.filter((i): i is TextItem => i.type === 'text');
const rects = (items: PageItem[]) => items.filter((i): i is RectItem => i.type === 'rect');
const images = (items: PageItem[]) => items.filter((i): i is ImageItem => i.type === 'image');
const linesOf = (f: Flow) => (f.kind === 'lines' ? f.lines : []);

describe('inline HTML set as formatting', () => {
  const size = theme.styles.body.size;

  it('<br> and <br /> end lines, as Markdown’s own hard break', () => {
    const [f] = flows('First line<br>second line<br />third line\nstill the third.');
    expect(linesOf(f).map((l) => texts(l.items).map((t) => t.text).join(' '))).toEqual(['First line', 'second line', 'third line still the third.']);
  });

  it('<br> in a heading breaks it on the page; the contents and the outline read it as one line', () => {
    const model = layoutBook({ doc: docFromMarkdown(['# Part<br>one\n\n## Step<br />two\n\nText.\n'], 'en'), images: IMAGES, metrics: fakeMetrics(), hyphenate: () => [] });
    expect(model.outline.map((o) => o.title)).toEqual(['Part one', 'Step two']);
    const body = model.pages.find((p) => p.kind === 'body')!;
    const step = texts(body.items).filter((t) => ['STEP', 'TWO'].includes(t.text));
    expect(step.map((t) => t.text)).toEqual(['STEP', 'TWO']);
    expect(step[1].y).toBeGreaterThan(step[0].y);
    const contents = model.pages.find((p) => p.kind === 'contents')!;
    expect(texts(contents.items).map((t) => t.text)).toEqual(expect.arrayContaining(['Step two']));
  });

  it('<sup> is set smaller above the baseline, <sub> smaller below it, both inside their line', () => {
    const [f] = flows('H<sub>2</sub>O and x<sup>2</sup>');
    const [line] = linesOf(f);
    const [h, sub, , sup] = texts(line.items);
    expect([h.text, sub.text, sup.text]).toEqual(['H', '2', '2']);
    expect(sub.size).toBeLessThan(size);
    expect(sup.size).toBeLessThan(size);
    expect(sup.y).toBeLessThan(h.y); // y grows downwards: above the baseline
    expect(sub.y).toBeGreaterThan(h.y);
    expect(sup.y - 0.8 * sup.size).toBeGreaterThanOrEqual(0);
    expect(sub.y + 0.2 * sub.size).toBeLessThanOrEqual(line.height);
    // The narrower digit takes less room: the text after it starts where the smaller digit ends.
    const o = texts(line.items)[2];
    expect(o.x).toBeCloseTo(sub.x + 0.5 * sub.size, 6);
  });

  it('<small> is smaller, on the baseline', () => {
    const [f] = flows('Normal <small>fine print</small>');
    const [normal, small] = texts(linesOf(f)[0].items);
    expect(small.size).toBeLessThan(normal.size);
    expect(small.y).toBe(normal.y);
  });

  it('<kbd> is code in a thin box around the key, one box per key', () => {
    const [f] = flows('Press <kbd>Ctrl</kbd> <kbd>C</kbd> now.');
    const items = linesOf(f)[0].items;
    const keys = texts(items).filter((t) => t.face === 'mono');
    expect(keys.map((k) => k.text)).toEqual(['Ctrl', 'C']);
    const box = rects(items);
    expect(box).toHaveLength(8); // four hairlines a key
    for (const [k, key] of keys.entries()) {
      const sides = box.slice(4 * k, 4 * k + 4);
      const left = Math.min(...sides.map((r) => r.x));
      const right = Math.max(...sides.map((r) => r.x + r.w));
      const top = Math.min(...sides.map((r) => r.y));
      const bottom = Math.max(...sides.map((r) => r.y + r.h));
      expect(left).toBeLessThanOrEqual(key.x);
      expect(right).toBeGreaterThanOrEqual(key.x + key.width);
      expect(top).toBeLessThanOrEqual(key.y - 0.8 * key.size);
      expect(bottom).toBeGreaterThanOrEqual(key.y + 0.2 * key.size);
      // A hairline: thin, not a filled box over the letters.
      for (const r of sides) expect(Math.min(r.w, r.h)).toBeLessThan(1);
    }
    // The boxes do not run into each other, nor over the words: the spaces between stay clear.
    expect(Math.max(...box.slice(0, 4).map((r) => r.x + r.w))).toBeLessThan(Math.min(...box.slice(4).map((r) => r.x)));
    const [press, now] = [texts(items)[0], texts(items).at(-1)!];
    expect(press.x + press.width).toBeLessThan(Math.min(...box.map((r) => r.x)));
    expect(now.x).toBeGreaterThan(Math.max(...box.map((r) => r.x + r.w)));
  });

  it('<mark> is one tint of the accent behind the marked words, spaces included, drawn under them', () => {
    const [f] = flows('Read <mark>these two words</mark> first.');
    const items = linesOf(f)[0].items;
    const tint = rects(items);
    expect(tint).toHaveLength(1);
    expect(tint[0].fill).toBe(theme.colors.highlight);
    expect(tint[0].fill).not.toBe('#ffffff');
    const marked = texts(items).find((t) => t.text.includes('these'))!;
    expect(marked.text).toBe('these two words');
    expect(tint[0].x).toBeLessThanOrEqual(marked.x);
    expect(tint[0].x + tint[0].w).toBeGreaterThanOrEqual(marked.x + marked.width);
    expect(items.indexOf(tint[0])).toBeLessThan(items.indexOf(marked));
    // "Read" and "first." are not marked.
    const read = texts(items)[0];
    expect(read.x + read.width).toBeLessThan(tint[0].x + 0.01);
  });
});

describe('rows of narrow figures', () => {
  const gap = theme.space.figure;
  const minRow = theme.figures.minRowWidth;
  const rowsOf = (fs: Flow[]) => fs.map((f) => (f.kind === 'block' ? images(f.items).map((i) => i.image) : f.kind === 'figure' ? [f.image] : []));

  /** Geometry every row must have: in the column, tops and heights equal, no overlap, captions under their image. */
  const checkRow = (f: Flow, column: [number, number]) => {
    if (f.kind !== 'block') throw new Error(`expected a row, got ${f.kind}`);
    const imgs = images(f.items).sort((a, b) => a.x - b.x);
    expect(imgs.length).toBeGreaterThan(1);
    for (const [k, im] of imgs.entries()) {
      expect(im.x).toBeGreaterThanOrEqual(column[0] - 0.01);
      expect(im.x + im.w).toBeLessThanOrEqual(column[1] + 0.01);
      expect(im.y).toBe(imgs[0].y);
      expect(im.h).toBeCloseTo(imgs[0].h, 6);
      if (k > 0) expect(im.x).toBeGreaterThanOrEqual(imgs[k - 1].x + imgs[k - 1].w + gap - 0.01);
      // Each keeps its own shape.
      const info = IMAGES.get(im.image)!;
      expect(im.w / im.h).toBeCloseTo(info.width / info.height, 6);
    }
    for (const t of texts(f.items)) {
      const under = imgs.find((im) => t.x >= im.x - 0.01 && t.x + t.width <= im.x + im.w + 0.01);
      expect(under, `caption "${t.text}" under no image`).toBeDefined();
      expect(t.y).toBeGreaterThan(under!.y + under!.h);
    }
    expect(f.height).toBeLessThanOrEqual(theme.page.height - theme.page.margin.top - theme.page.margin.bottom + 0.01);
    return imgs;
  };

  it('two phone screenshots in a row set side by side, each with its caption under it', () => {
    const fs = flows('![a](phone1.png "The first.")\n\n![b](phone2.png "The second, with a longer caption.")');
    expect(fs).toHaveLength(1);
    const imgs = checkRow(fs[0], [0, WIDTH]);
    expect(texts((fs[0] as Extract<Flow, { kind: 'block' }>).items).map((t) => t.text).join(' ')).toMatch(/^Figure\s.*The first\..*Figure\s.*The second/);
    // Centred in the column.
    expect(imgs[0].x).toBeCloseTo(WIDTH - (imgs[1].x + imgs[1].w), 6);
  });

  it('as many to a row as keep minRowWidth each: the column and the theme say how many', () => {
    const perRow = Math.floor((WIDTH + gap) / (minRow + gap));
    expect(perRow).toBe(2); // 300 pt: two of at least 38 mm, not three
    const fs = flows([1, 2, 3, 4, 5].map((n) => `![A screenshot](phone${n}.png)`).join('\n\n'));
    expect(rowsOf(fs)).toEqual([['phone1.png', 'phone2.png'], ['phone3.png', 'phone4.png'], ['phone5.png']]);
    for (const f of fs.slice(0, 2)) for (const im of checkRow(f, [0, WIDTH])) expect(im.w).toBeGreaterThanOrEqual(minRow - 0.01);
    // The last one stands alone, as a figure that may shrink to its page.
    expect(fs[2].kind).toBe('figure');
  });

  it('a wide figure between narrow ones breaks the row: it stands alone at its own width', () => {
    expect(rowsOf(flows('![A screenshot](phone1.png)\n\n![A screenshot](wide.png)\n\n![A screenshot](phone2.png)'))).toEqual([['phone1.png'], ['wide.png'], ['phone2.png']]);
  });

  it('the images of one paragraph share a row even when wide; one image with text stays alone', () => {
    const fs = flows('Both screens: ![A screenshot](wide.png) ![A screenshot](wide.png)\n\nOne: ![A screenshot](wide.png)');
    expect(fs.map((f) => f.kind)).toEqual(['lines', 'block', 'lines', 'figure']);
    checkRow(fs[1], [0, WIDTH]);
  });

  it('a row that would leave one of its figures under minRowWidth is not made', () => {
    // At one height a 16:9 and a 1080 × 2340 screenshot fill the column only with the phone's at about
    // 60 pt: (300 - gap) / (16/9 + 1080/2340) × 1080/2340.
    const phoneWidth = ((WIDTH - gap) / (1600 / 900 + 1080 / 2340)) * (1080 / 2340);
    expect(phoneWidth).toBeLessThan(minRow);
    expect(rowsOf(flows('Both: ![A screenshot](wide.png) ![A screenshot](phone1.png)'))).toEqual([[], ['wide.png'], ['phone1.png']]);
  });

  it('in a list item, a row is indented with the item and stays inside the column', () => {
    const fs = flows('- Add both: ![A screenshot](phone1.png) ![A screenshot](phone2.png)');
    const row = fs.find((f) => f.kind === 'block')!;
    checkRow(row, [theme.space.listIndent, WIDTH]);
  });

  it('a row too tall for the page is made smaller to fit it', () => {
    const fs = flows('![A screenshot](tall-thin.png "A very tall one.")\n\n![A screenshot](tall-thin.png "And another.")');
    expect(fs).toHaveLength(1);
    checkRow(fs[0], [0, WIDTH]);
  });

  it('on a phone every figure takes the column: no rows', () => {
    const phone = ctx({ theme: defaultTheme({ medium: 'phone' }) });
    expect(flows('![A screenshot](phone1.png)\n\n![A screenshot](phone2.png)', phone).map((f) => f.kind)).toEqual(['figure', 'figure']);
  });

  it('a row is never split across pages, and phone screenshots take fewer pages than one each', () => {
    const layout = (md: string) => layoutBook({ doc: docFromMarkdown([md], 'en'), images: IMAGES, metrics: fakeMetrics(), hyphenate: () => [] });
    const guides = [
      (filler: string) => `# Steps\n\n${filler}\n\n1. Open the app. ![A screenshot](phone1.png) ![A screenshot](phone2.png)\n2. Then these:\n\n   ![A screenshot](phone3.png)\n\n   ![A screenshot](phone4.png)\n`,
      // Nothing keeps the figures with the text before them: the row itself must not be split.
      (filler: string) => `# Steps\n\n${filler}\n\n![A screenshot](phone1.png)\n\n![A screenshot](phone2.png)\n\n${filler}\n\n![A screenshot](phone3.png)\n\n![A screenshot](phone4.png)\n`,
    ];
    for (const [filler, guide] of [60, 180, 300].flatMap((n) => guides.map((g) => [n, g] as const))) {
      const model = layout(guide(words(filler, 5)));
      const placed = model.pages.flatMap((p) => images(p.items).map((im) => ({ page: p.index, im })));
      expect(placed.map((p) => p.im.image).sort()).toEqual(['phone1.png', 'phone2.png', 'phone3.png', 'phone4.png']);
      // The two of a row are on one page, at one height.
      for (const [a, b] of [['phone1.png', 'phone2.png'], ['phone3.png', 'phone4.png']]) {
        const [pa, pb] = [placed.find((p) => p.im.image === a)!, placed.find((p) => p.im.image === b)!];
        expect(pb.page, `filler ${filler}`).toBe(pa.page);
        expect(pb.im.y).toBeCloseTo(pa.im.y, 6);
      }
      for (const { page, im } of placed) {
        const box = contentBox(theme.page, page);
        expect(im.x).toBeGreaterThanOrEqual(box.x - 0.01);
        expect(im.x + im.w).toBeLessThanOrEqual(box.x + box.width + 0.01);
        expect(im.y + im.h).toBeLessThanOrEqual(box.y + box.height + 0.01);
      }
      // Two rows, two pages at most: fewer than one screenshot a page.
      expect(new Set(placed.map((p) => p.page)).size).toBeLessThanOrEqual(2);
    }
  });
});

describe('keeps', () => {
  const layout = (md: string) => layoutBook({ doc: docFromMarkdown([md], 'en'), images: IMAGES, metrics: fakeMetrics(), hyphenate: () => [] });
  /** The page holding this text, or this image. */
  const pageOf = (model: ReturnType<typeof layout>, needle: string) => model.pages.findIndex((p) => texts(p.items).some((t) => t.text.includes(needle)) || images(p.items).some((i) => i.image === needle));

  /**
   * Filler of growing length moves the block under test down the first page, across its foot: the
   * keep must hold at every length, and at some length the same text without the keep must split
   * (else the sweep never reached the page foot and proves nothing).
   */
  function sweep(withKeep: (filler: string) => string, without: (filler: string) => string, head: string, next: string) {
    let splitWithout = 0;
    // About 800 of these words fill the first page (found by trying): the sweep crosses its foot.
    for (let n = 740; n <= 900; n += 2) {
      const filler = words(n, 7);
      const kept = layout(withKeep(filler));
      expect(pageOf(kept, head), `${n} words`).toBeGreaterThan(0);
      expect(pageOf(kept, next), `${n} words: "${head}" left at a page foot without "${next}"`).toBe(pageOf(kept, head));
      const loose = layout(without(filler));
      if (pageOf(loose, next) !== pageOf(loose, head)) splitWithout++;
    }
    expect(splitWithout).toBeGreaterThan(0);
  }

  it('a line of bold text used as a heading stays on the page of what follows it', () => {
    const after = `Zfollow ${words(60, 9)}`;
    sweep(
      (filler) => `# S\n\n${filler}\n\n**Step one**\n\n${after}\n`,
      (filler) => `# S\n\n${filler}\n\nStep one\n\n${after}\n`,
      'Step one',
      'Zfollow',
    );
  });

  it('a paragraph stays on the page of the image written in it', () => {
    sweep(
      (filler) => `# S\n\n${filler}\n\nAdd it to the list. ![A screenshot](wide.png)\n`,
      (filler) => `# S\n\n${filler}\n\nAdd it to the list.\n\n![A screenshot](wide.png)\n`,
      'Add it to the list.',
      'wide.png',
    );
  });

  it('a callout’s title stays on the page of the callout’s first line', () => {
    const body = `Zbody ${words(50, 9)}`;
    sweep(
      (filler) => `# S\n\n${filler}\n\n::: warning Before you leave\n${body}\n:::\n`,
      (filler) => `# S\n\n${filler}\n\n::: warning\nBefore you leave\n\n${body}\n:::\n`,
      'Before you leave',
      'Zbody',
    );
  });

  it('a callout’s title is set in the headings’ bold, at the top of the box', () => {
    const [f] = flows('::: warning Before *you* leave\nLock the screen.\n:::');
    const lines = linesOf(f);
    const title = texts(lines[1].items);
    expect(title.map((t) => t.text).join(' ')).toBe('Before you leave');
    expect(title[0].face).toBe('headings-bold');
    expect(texts(lines[0].items)).toEqual([]); // the box's top padding
    expect(texts(lines.find((l) => texts(l.items).some((t) => t.text.includes('Lock')))!.items)[0].face).toBe('body');
  });
});
