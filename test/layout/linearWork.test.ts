/**
 * Layout costs as much per word in a long text as in a short one: counted in units of work
 * (src/6-layout/work.ts), never timed. Twice the text must cost at most 2.2 times the work (a
 * quadratic step would cost four times), and more than 1.5 times (the count follows the text). The counts are compared with each other, or with what the
 * Markdown holds (its distinct addresses), never with figures taken from a run.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { breakLines } from '../../src/6-layout/lineBreak.js';
import { layoutBook } from '../../src/6-layout/book.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { resetWork, work } from '../../src/6-layout/work.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import type { QrItem } from '../../src/model/page.js';
import { docFromMarkdown } from '../helpers.js';

const STYLES = defaultTheme().styles;
const source = { file: 'content/en/01.md', line: 1, col: 1 };

beforeEach(resetWork);

/** `n` words of running text, long words that hyphenate, numbered so that no two sentences are alike. */
function prose(n: number, seed = 0): string {
  const sentence = (i: number) => `Administrators of community servers reconsider their federation configurations ${seed}.${i} before inviting vulnerable participants into encrypted conversations.`.split(' ');
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(...sentence(i));
  return out.slice(0, n).join(' ');
}

/** Work of `f`, counted from zero. */
function counted(f: () => unknown): typeof work {
  resetWork();
  f();
  return { ...work };
}

/** `twice` is about double `once`: linear growth, not quadratic (which would give 4). A paragraph may
 * need total fit's second, looser pass at one length and not the other, hence the lower margin. */
function expectLinear(once: number, twice: number, what: string) {
  expect(once, `${what}: some work was counted`).toBeGreaterThan(0);
  expect(twice / once, what).toBeGreaterThan(1.5);
  expect(twice / once, what).toBeLessThan(2.2);
}

describe('total fit on one long paragraph', () => {
  // Hyphenation points after every second letter: many breakpoints per line, the hardest case for
  // the number of candidate lines weighed at each break.
  const everyOther = (w: string) => Array.from({ length: Math.max(0, Math.floor((w.length - 3) / 2)) }, (_, k) => 2 + 2 * k);
  for (const [name, hyphenate] of [
    ['English patterns', hyphenator('en')],
    ['a break every other letter', everyOther],
  ] as const) {
    it(`weighs twice the breaks for twice the words (${name})`, () => {
      const o = { style: STYLES.body, width: 300, metrics: fakeMetrics(), lang: 'en', hyphenate, source };
      const text = (n: number) => [{ text: prose(n) }];
      const lines = (n: number) => breakLines(text(n), o).length;
      const once = counted(() => breakLines(text(600), o)).breaksWeighed;
      const twice = counted(() => breakLines(text(1200), o)).breaksWeighed;
      expectLinear(once, twice, `${name}: ${lines(600)} and ${lines(1200)} lines`);
    });
  }
});

/** A guide of `sections` sections of long paragraphs and lists of links, and `placements` `::: links`. */
function guide(sections: number, placements = 1): { md: string[]; urls: Set<string> } {
  const md: string[] = [];
  for (let s = 0; s < sections; s++) {
    const links = Array.from({ length: 6 }, (_, k) => `- Read about tool ${s}-${k} on [its site](https://tool${s}-${k}.example.org/docs/start.html)`).join('\n');
    const directive = s >= sections - placements ? '\n::: links\n:::\n' : '';
    md.push(`# Section ${s}\n\n${prose(300, s)}\n\n## Part ${s}\n\n${prose(450, s + 50)}\n\n${links}\n${directive}`);
  }
  const urls = new Set(md.flatMap((m) => [...m.matchAll(/\]\((https:[^)]+)\)/g)].map((x) => x[1])));
  return { md, urls };
}

const book = (md: string[]) => layoutBook({ doc: docFromMarkdown(md, 'en'), images: new Map(), metrics: fakeMetrics(), hyphenate: hyphenator('en') });

describe('a whole book', () => {
  it('costs twice the work for twice the sections: texts set, breaks weighed, link cells', () => {
    let pages = [0, 0];
    const once = counted(() => (pages[0] = book(guide(6).md).pages.length));
    const twice = counted(() => (pages[1] = book(guide(12).md).pages.length));
    const what = `${pages[0]} and ${pages[1]} pages`;
    expectLinear(once.textsSet, twice.textsSet, `texts set, ${what}`);
    expectLinear(once.breaksWeighed, twice.breaksWeighed, `breaks weighed, ${what}`);
    expectLinear(once.linkCells, twice.linkCells, `link cells, ${what}`);
  });

  it('sets each cell of the links page once, however often the links page is placed or balanced', () => {
    for (const placements of [1, 3]) {
      const g = guide(4, placements);
      const before = counted(() => undefined).linkCells;
      let qrs = 0;
      const w = counted(() => (qrs = book(g.md).pages.flatMap((p) => p.items.filter((i): i is QrItem => i.type === 'qr')).length));
      expect(before).toBe(0);
      // Every placement shows every link; each cell was set once (a link always falls in the same column).
      expect(qrs, `${placements} placements`).toBe(placements * g.urls.size);
      expect(w.linkCells, `${placements} placements`).toBe(g.urls.size);
    }
  });
});
