/**
 * First fit and the lines it builds, at 10 pt with fake metrics: a letter 5 pt, a space 2.5 pt.
 * A justified line spreads its missing width over its spaces as `wordSpacing`, unless that would
 * pass 2.2 × 0.26 × 10 = 5.72 pt a space (then it is set ragged). Expected positions are counted by
 * hand from the text.
 */
import { describe, expect, it } from 'vitest';
import { breakLines, buildLine, firstFit, type Line } from '../../src/6-layout/lineBreak.js';
import { toWords, type BreakOptions } from '../../src/6-layout/words.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { Inline } from '../../src/model/document.js';
import type { TextStyle } from '../../src/model/theme.js';

const style: TextStyle = { face: 'body', bold: 'body-bold', size: 10, leading: 12, color: '#000', align: 'justify', hyphenate: true };
const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const POINTS: Record<string, number[]> = { chiffrement: [4, 7] };
const o = (width: number, extra: Partial<BreakOptions> = {}): BreakOptions => ({ style, width, metrics: fakeMetrics(), lang: 'xx', hyphenate: (w) => POINTS[w] ?? [], source, ...extra });
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');
const first = (runs: Inline[] | string, width: number, extra: Partial<BreakOptions> = {}) => {
  const opts = o(width, extra);
  return firstFit(toWords(typeof runs === 'string' ? [{ text: runs }] : runs, opts), opts);
};
const spacing = (ls: Line[]) => ls.map((l) => l.fragments.map((f) => f.wordSpacing ?? 0));
/** One line of all the words, as a ragged (left) line: fragments as [text, x, width]. */
const one = (runs: Inline[], extra: Partial<BreakOptions> = {}) => {
  const opts = o(1000, { align: 'left', ...extra });
  return buildLine(toWords(runs, opts), true, opts);
};
const frags = (l: Line) => l.fragments.map((f) => [f.text, f.x, f.width]);

describe('first fit', () => {
  it('fills a line and justifies it, but never the last line', () => {
    // "aaaaaaaaa bbbbbbbbb" is 92.5 pt: 3 pt more at its one space. So is "ccccccccc ddddddddd", last.
    const ls = first('aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd', 95.5);
    expect(ls.map(text)).toEqual(['aaaaaaaaa bbbbbbbbb', 'ccccccccc ddddddddd']);
    expect(ls.map((l) => l.natural)).toEqual([92.5, 92.5]);
    expect(spacing(ls)).toEqual([[3], [0]]);
  });

  it('hyphenates the word that overflows at its last point that fits, and justifies the line', () => {
    // 87 pt: "aaaa bbbb " leaves 42 pt, "chiffre-" takes 40; the two spaces share 2 pt.
    const ls = first('aaaa bbbb chiffrement', 87);
    expect(ls.map(text)).toEqual(['aaaa bbbb chiffre-', 'ment']);
    expect(spacing(ls)[0]).toEqual([1]);
    // Exactly 40 pt left for "chiffre-": it still fits. 30 pt: only "chif-" does.
    expect(first('chiffrement', 40).map(text)).toEqual(['chiffre-', 'ment']);
    expect(first('chiffrement', 30).map(text)[0]).toBe('chif-');
  });

  it('ends a line at a hard break, and sets it like a last line', () => {
    // The hard break ends "aaaaaaaaa bbbbbbbbb" (it would take 3 pt of spacing if it were justified).
    const ls = first('aaaaaaaaa bbbbbbbbb\ncc dd', 95.5);
    expect(ls.map(text)).toEqual(['aaaaaaaaa bbbbbbbbb', 'cc dd']);
    expect(spacing(ls)).toEqual([[0], [0]]);
    expect(first('ab\ncd', 100, { align: 'left' }).map(text)).toEqual(['ab', 'cd']);
  });

  it('adds no empty line after a hard break at the end, and none for nothing', () => {
    expect(first('ab\n', 100).map(text)).toEqual(['ab']);
    expect(firstFit([], o(100))).toEqual([]);
  });

  it('leaves a ragged line as it is, even one that does not end the paragraph', () => {
    const ls = first('aa bb cc', 25, { align: 'left' });
    expect(ls.map(text)).toEqual(['aa bb', 'cc']);
    expect(spacing(ls)).toEqual([[0], [0]]);
    expect(ls[0].fragments[0].x).toBe(0);
  });

  it('sets ragged a justified line that would be too loose', () => {
    // "ab cd" is 22.5 pt: 5.5 pt at its space in 28 pt is under 5.72; 6 pt in 28.5 pt is over.
    expect(spacing(first('ab cd ef', 28))[0]).toEqual([5.5]);
    expect(spacing(first('ab cd ef', 28.5))[0]).toEqual([0]);
  });
});

describe('breakLines', () => {
  it('for justified text, tries total fit again with a looser tolerance before first fit', () => {
    // Every set of breaks needs a line stretched by 5 (its spaces to 2.5 times their stretch): no
    // solution within 2, one within 6. First fit would put "dd" on the first line and leave
    // "eeeeee" alone on the second.
    const lines = breakLines([{ text: 'aa b ccc dd eeeeee fffffffff' }], o(50));
    expect(lines.map(text)).toEqual(['aa b ccc', 'dd eeeeee', 'fffffffff']);
    expect(first('aa b ccc dd eeeeee fffffffff', 50).map(text)).toEqual(['aa b ccc dd', 'eeeeee', 'fffffffff']);
  });
});

describe('buildLine', () => {
  it('centres a centred line', () => {
    // "ab cd" is 22.5 pt: (100 − 22.5) / 2 = 38.75.
    const opts = o(100, { align: 'center' });
    const l = buildLine(toWords([{ text: 'ab cd' }], opts), true, opts);
    expect(frags(l)).toEqual([['ab cd', 38.75, 22.5]]);
  });

  it('joins the words of one face into one fragment, without word spacing on a ragged line', () => {
    const l = one([{ text: 'aa bb' }]);
    expect(frags(l)).toEqual([['aa bb', 0, 22.5]]);
    expect(l.fragments[0]).not.toHaveProperty('wordSpacing');
    // A fragment that starts further along the line: its width is still its own.
    expect(frags(one([{ text: 'aa ' }, { text: 'bb cc', bold: true }]))).toEqual([
      ['aa', 0, 10],
      ['bb cc', 12.5, 22.5],
    ]);
  });

  it('starts a new fragment at a change of face, and at a space of another face', () => {
    expect(frags(one([{ text: 'aa ' }, { text: 'bb', bold: true }]))).toEqual([
      ['aa', 0, 10],
      ['bb', 12.5, 10],
    ]);
    expect(frags(one([{ text: 'aa' }, { text: ' bb', bold: true }]))).toEqual([
      ['aa', 0, 10],
      ['bb', 12.5, 10],
    ]);
    expect(frags(one([{ text: 'aa' }, { text: ' ', bold: true }, { text: 'bb' }]))).toEqual([
      ['aa', 0, 10],
      ['bb', 12.5, 10],
    ]);
  });

  it('never puts a space inside a word made of two runs', () => {
    // "xx ab" then "cd" in the same face: the word is "abcd", drawn as "xx ab" and "cd" just after.
    expect(frags(one([{ text: 'xx ab' }, { text: 'cd' }]))).toEqual([
      ['xx ab', 0, 22.5],
      ['cd', 22.5, 10],
    ]);
  });

  it('keeps a link in fragments of its own, with one box over all its words', () => {
    const l = one([{ text: 'aa ' }, { text: 'bb cc', link: 'https://example.org/' }, { text: ' dd' }]);
    expect(frags(l)).toEqual([
      ['aa', 0, 10],
      ['bb cc', 12.5, 22.5],
      ['dd', 37.5, 10],
    ]);
    expect(l.fragments.map((f) => f.link)).toEqual([undefined, 'https://example.org/', undefined]);
    expect(l.links).toEqual([{ x: 12.5, w: 22.5, url: 'https://example.org/' }]);
  });

  it('gives two links side by side a box each', () => {
    const l = one([{ text: 'aa', link: 'https://a.org/' }, { text: ' bb', link: 'https://b.org/' }]);
    expect(l.links).toEqual([
      { x: 0, w: 10, url: 'https://a.org/' },
      { x: 12.5, w: 10, url: 'https://b.org/' },
    ]);
  });

  it('keeps a word with a no-break space apart on a justified line (its space must not stretch), not on a ragged one', () => {
    // "a b" (no-break space) and "cd": 7.5 + 2.5 + 10 = 20 pt, justified in 22 pt.
    const opts = o(22);
    const justified = buildLine(toWords([{ text: 'a\u00a0b cd' }], opts), false, opts);
    expect(justified.fragments.map((f) => f.text)).toEqual(['a\u00a0b', 'cd']);
    expect(justified.fragments[1].x).toBeCloseTo(12, 9);
    expect(one([{ text: 'a\u00a0b cd' }]).fragments.map((f) => f.text)).toEqual(['a\u00a0b cd']);
  });
});
