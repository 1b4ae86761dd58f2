/**
 * Total fit, rule by rule, at 10 pt with fake metrics: a letter is 5 pt, a space 2.5 pt, stretching
 * by 1.5 pt and shrinking by 0.75 pt. A line's ratio is how far its spaces stretch (> 0) or shrink
 * (< 0) to reach the measure; its demerits are (1 + 100 |ratio|³ + 50 if it ends with a hyphen)², plus
 * 3000 for two hyphenated lines in a row, 3000 for a jump of two fitness classes (tight < −0.5 ≤
 * decent ≤ 0.5 < loose ≤ 1 < very loose), 100,000 for a hyphen before the last line and 100,000 for
 * a last line under 15 % of the measure. The expected lines are worked out by hand in the comments,
 * and the whole model is checked against an enumeration of every set of breaks (totalFitOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { totalFit } from '../../src/6-layout/totalFit.js';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { toWords } from '../../src/6-layout/words.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import type { TextStyle } from '../../src/model/theme.js';
import { cheapest, RULES } from './totalFitOracle.js';

const style: TextStyle = { face: 'body', size: 10, leading: 12, color: '#000', align: 'justify', hyphenate: true };
const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const opts = (width: number, hyphens: Record<string, number[]> = {}) => ({ style, width, metrics: fakeMetrics(), lang: 'xx', hyphenate: (w: string) => hyphens[w] ?? [], source });
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');
const lines = (para: string, width: number, tolerance = 2, hyphens: Record<string, number[]> = {}) => {
  const o = opts(width, hyphens);
  return totalFit(toWords([{ text: para }], o), o, tolerance);
};
const fit = (para: string, width: number, tolerance = 2, hyphens: Record<string, number[]> = {}) => lines(para, width, tolerance, hyphens)?.map(text) ?? null;

describe('which lines can be set at all', () => {
  it('nothing to set: no lines', () => {
    expect(totalFit([], opts(100), 2)).toEqual([]);
  });

  // Words of 9, 9 and 10 letters: "aaaaaaaaa bbbbbbbbb" is 92.5 pt with one space. The first word
  // alone cannot be justified (no space), and the last two together (97.5 pt) or all three are too
  // long: the only way is two lines, the first stretched or shrunk to the measure.
  const P = 'aaaaaaaaa bbbbbbbbb cccccccccc';
  const TWO = ['aaaaaaaaa bbbbbbbbb', 'cccccccccc'];

  it('stretches a line up to the tolerance, and no further', () => {
    // 95.5 pt: 3 pt over one space's 1.5 pt of stretch, ratio 2 (the tolerance of the first pass).
    expect(fit(P, 95.5, 2)).toEqual(TWO);
    // 95.6 pt: ratio 2.07, only within the second pass's tolerance of 6.
    expect(fit(P, 95.6, 2)).toBeNull();
    expect(fit(P, 95.6, 6)).toEqual(TWO);
  });

  it('shrinks a line down to its spaces’ full shrink, and no further', () => {
    // 92 pt: 0.5 pt to lose over 0.75 of shrink, ratio −0.67; 91.75 pt: ratio −1 exactly; 91.7: −1.07.
    expect(fit(P, 92)).toEqual(TWO);
    expect(fit(P, 91.75)).toEqual(TWO);
    expect(fit(P, 91.7, 6)).toBeNull();
  });

  it('sets a last line at its natural width when it fits, shrinks it when it is a little long, refuses it when it cannot shrink', () => {
    expect(fit('aaaa', 20)).toEqual(['aaaa']); // exactly the measure
    expect(fit('aaaa', 19.9, 6)).toBeNull(); // one word: nothing to shrink
    expect(fit('aaaaaaaaa bbbbbbbbb', 92)).toEqual(['aaaaaaaaa bbbbbbbbb']); // 92.5 pt, shrunk by 0.5
    expect(fit('aaaaaaaaa bbbbbbbbb', 91.7, 6)).toBeNull();
  });

  it('accepts a single word exactly as wide as the line (to within 0.01 pt), not one wider', () => {
    expect(fit('aaaa bb', 20)).toEqual(['aaaa', 'bb']);
    expect(fit('aaaa bb', 19.995)).toEqual(['aaaa', 'bb']);
    expect(fit('aaaa bb', 19.9, 6)).toBeNull();
  });
});

describe('code', () => {
  it('a line of code, whose spaces never stretch, is set ragged rather than refused', () => {
    // "aaaa bbbb" is 42.5 pt in 45: its space is code's own, so nothing can fill the line.
    const o = opts(45);
    const ls = totalFit(toWords([{ text: 'aaaa bbbb cccc dddd', code: true }], o), o, 2);
    expect(ls?.map((l) => l.fragments.map((f) => [f.text, f.x, f.wordSpacing ?? 0]))).toEqual([
      [
        ['aaaa', 0, 0],
        ['bbbb', 22.5, 0],
      ],
      [
        ['cccc', 0, 0],
        ['dddd', 22.5, 0],
      ],
    ]);
  });
});

describe('hard line breaks', () => {
  it('end a line there, set like a last line: not stretched', () => {
    // Justified, "aaaaaaaaa bbbbbbbbb" (92.5 pt) would take 3 pt of word spacing in 95.5 pt.
    const ls = lines('aaaaaaaaa bbbbbbbbb\ncc dd', 95.5)!;
    expect(ls.map(text)).toEqual(['aaaaaaaaa bbbbbbbbb', 'cc dd']);
    expect(ls.map((l) => l.fragments.map((f) => f.wordSpacing ?? 0))).toEqual([[0], [0]]);
  });

  it('the lines before a hard break are set as if the paragraph ended there, whatever follows', () => {
    // Alone, "aaa bbb ccc ddd ee ff g" (17 letters, 6 spaces: 100 pt) fits 97.5 pt by shrinking
    // (ratio −0.56, tight: 329) rather than as "aaa … ff" stretched 0.67 (939) over "g".
    const before = 'aaa bbb ccc ddd ee ff g';
    expect(fit(before, 97.5)).toEqual(['aaa bbb ccc ddd ee ff g']);
    // After the break, "hhh iii jjj kkk ll mm" must be loose (ratio 0.67): a jump of two classes from
    // a tight line (+3000), which a split first run would avoid. The first run still comes first.
    expect(fit(`${before}\nhhh iii jjj kkk ll mm zzzz`, 97.5)).toEqual(['aaa bbb ccc ddd ee ff g', 'hhh iii jjj kkk ll mm', 'zzzz']);
  });

  it('the cheapest lines reach a hard break or the end even when a worse way ends in a tight line', () => {
    // "a bbbb ccccccccc dd" is exactly 87.5 pt; a far worse way hyphenates "ccccccc-" (ratio 5.8) and
    // shrinks the rest (−0.83) into one tight line.
    const hy = { ccccccccc: [3, 6, 7] };
    expect(fit('a bbbb ccccccccc dd eee ffffffff g', 87.5, 6, hy)).toEqual(['a bbbb ccccccccc dd', 'eee ffffffff g']);
    expect(fit('a bbbb ccccccccc dd eee ffffffff g\nzzzz', 87.5, 6, hy)).toEqual(['a bbbb ccccccccc dd', 'eee ffffffff g', 'zzzz']);
  });

  it('a hard break at the very end adds no empty line', () => {
    expect(fit('aaa bbb\n', 100)).toEqual(['aaa bbb']);
  });

  it('a run before a hard break that cannot be set makes the paragraph impossible (not an error)', () => {
    expect(fit('aaaaaaaaaa\nbb', 20, 6)).toBeNull();
  });
});

describe('lines rebuilt from the breaks', () => {
  it('a word broken twice gives its three pieces, each head with its hyphen', () => {
    // 25 pt holds five characters: "abcd-" and "efgh-" fill it exactly (a piece alone cannot stretch).
    expect(fit('abcdefghijkl', 25, 2, { abcdefghijkl: [4, 8] })).toEqual(['abcd-', 'efgh-', 'ijkl']);
  });

  it('a word broken after its own hyphen takes no second one', () => {
    // "wi-fi" breaks after its hyphen (no hyphen added): "aaaa wi-" is 37.5 pt, stretched 0.5 pt;
    // whole, "aaaa wi-fi" (47.5 pt) is too long.
    expect(fit('aaaa wi-fi bbbb', 38)).toEqual(['aaaa wi-', 'fi bbbb']);
  });
});

describe('the demerits that choose between sets of breaks', () => {
  it('a runt last line: carries a word down to it, at the cost of a loose line', () => {
    // "… fff g" is exactly 115 pt (20 letters, 6 spaces), but leaves "hh" (10 pt, under 17.25) alone:
    // 1 + 1 + 100,000. Sending "g" down: the first line stretches 7.5 pt over 7.5, ratio 1, badness
    // 100: 101² + 1 = 10,202.
    const p = 'a bbbbbbbbb c dd eee fff g hh';
    expect(fit(p, 115)).toEqual(['a bbbbbbbbb c dd eee fff', 'g hh']);
    expect(cheapest(p, 115, 2, undefined, { ...RULES, runt: 0 })!.lines).toEqual(['a bbbbbbbbb c dd eee fff g', 'hh']);
    // A paragraph of one short line is no runt.
    expect(fit('hh', 115)).toEqual(['hh']);
  });

  it('a jump of two fitness classes costs 3000: a decent line rather than a tight one after a very loose one', () => {
    // "aaaa bbbbbbbb" must open (62.5 pt in 65: ratio 1.67, very loose). Then "c d e ffffff g h"
    // shrinks by 2.5 over 3.75 (−0.67, tight: 938 demerits, +3000 for the jump) or "c d e ffffff g"
    // stretches by 5 over 6 (0.83, loose: 3466).
    const p = 'aaaa bbbbbbbb c d e ffffff g h iii';
    expect(fit(p, 65)).toEqual(['aaaa bbbbbbbb', 'c d e ffffff g', 'h iii']);
    expect(cheapest(p, 65, 2, undefined, { ...RULES, fitness: 0 })!.lines).toEqual(['aaaa bbbbbbbb', 'c d e ffffff g h', 'iii']);
  });

  it('a tight line may follow a decent one, or come before a decent last line, at no extra cost', () => {
    // "a bbbb cc dd eeeeee f" shrinks 2.5 over 3.75 (−0.67: 938) over a decent last line; sending
    // "f" down instead stretches the first line by 5 over 6 (0.83: 3466).
    expect(fit('a bbbb cc dd eeeeee f g hhhhhhhhh', 90)).toEqual(['a bbbb cc dd eeeeee f', 'g hhhhhhhhh']);
  });

  it('a tight line next to a loose one is a jump of two classes', () => {
    // "a b c dddddd e" stretches 5 over 6 (0.83, loose: 3466), then "f g h i j kkk l m" shrinks a
    // little (−0.48, decent: 139): 3606. Taking "f" up makes that line tight (−0.67: 938) and the
    // next loose (0.56: 329), +3000 for the jump: 4268.
    expect(fit('a b c dddddd e f g h i j kkk l m n o', 65)).toEqual(['a b c dddddd e', 'f g h i j kkk l m', 'n o']);
  });

  it('very loose lines are a class of their own, two from decent ones', () => {
    // Either line must be very loose (1.67: 215,259 demerits). First: +3000 (from the start, a
    // decent class), then a loose line (0.56: 329), then the decent last line: 218,592. Second,
    // after an exactly full first line: +3000 twice, into it and out of it to the last line.
    expect(fit('a b c dddddd e f g h i jj k lll', 60)).toEqual(['a b c dddddd', 'e f g h i jj k', 'lll']);
  });

  it('a paragraph that fits on one line by shrinking stays on one line', () => {
    // 95 pt in 90 with 10 spaces: ratio −0.67 (938). On two lines, "a … j" would stretch 1.3 (53,886).
    expect(fit('a b c d e f g h i j kkkk', 90)).toEqual(['a b c d e f g h i j kkkk']);
  });

  it('a hyphen before the last line is charged once, as a final hyphen (not also as two hyphens in a row)', () => {
    // "aaaaaa bbbbb ccccccc-" is exactly full (+50 for the hyphen: 2601), the last line shrinks
    // (−0.67: 938), and the final hyphen costs 100,000: 103,539. Without the hyphen's last line,
    // "cc dd eeeeeeeee ff gg" stretches (0.83: 3466) and leaves "h" a runt: 106,068.
    const hy = { aaaaaa: [2, 3, 4], ccccccccc: [2, 3, 6, 7] };
    expect(fit('aaaaaa bbbbb ccccccccc dd eeeeeeeee ff gg h', 100, 6, hy)).toEqual(['aaaaaa bbbbb ccccccc-', 'cc dd eeeeeeeee ff gg h']);
  });

  it('no hyphen before the last line, even at the price of a very loose line', () => {
    // "… gg hh" stretches 12.5 over 10.5 (1.19: 169.7² + 3000 for the jump, and 3000 back to a
    // decent last line): 34,805. Hyphenating "ii-" makes a tight line (108.9² = 11,853) but puts a
    // hyphen before the last line: +100,000.
    const hy = { iiiiiiiii: [2, 3, 4, 6, 7], jjjjjj: [2, 3, 4] };
    const p = 'a bbbb cc d eee ff gg hh iiiiiiiii jjjjjj';
    expect(fit(p, 115, 2, hy)).toEqual(['a bbbb cc d eee ff gg hh', 'iiiiiiiii jjjjjj']);
    expect(cheapest(p, 115, 2, (w) => hy[w as keyof typeof hy] ?? [], { ...RULES, finalHyphen: 0 })!.lines).toEqual(['a bbbb cc d eee ff gg hh ii-', 'iiiiiii jjjjjj']);
  });

  it('two hyphenated lines in a row cost 3000 more', () => {
    const hy: Record<string, number[]> = { ccccccccc: [2, 3, 4, 5], eeee: [2], ffffff: [2, 4], gggggg: [2, 4], hhhhhh: [2, 3] };
    const p = 'aa bb ccccccccc ddd eeee ffffff gggggg hhhhhh';
    expect(fit(p, 60, 2, hy)).toEqual(['aa bb ccccc-', 'cccc ddd eeee', 'ffffff gggg-', 'gg hhhhhh']);
    // Without it, three hyphens in a row would be 3,400 cheaper.
    expect(cheapest(p, 60, 2, (w) => hy[w] ?? [], { ...RULES, flagged: 0 })!.lines).toEqual(['aa bb ccccc-', 'cccc ddd ee-', 'ee ffffff gg-', 'gggg hhhhhh']);
  });
});

describe('total fit against an enumeration of every set of breaks', () => {
  // Pseudo-random paragraphs: words of 1 to 10 letters, hyphenation points in most words of 4 or
  // more, a hard break after one word in ten, measures that never fall on a round ratio.
  const paragraphs = Array.from({ length: 500 }, (_, seed) => {
    let s = seed + 1;
    const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const n = 3 + Math.floor(r() * 12);
    const hyphens: Record<string, number[]> = {};
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const len = 1 + Math.floor(r() * 10);
      let w = '';
      for (let k = 0; k < len; k++) w += 'abcdefghijklmnopqrstuvwxyz'[Math.floor(r() * 26)];
      if (len >= 4 && r() < 0.8) hyphens[w] = Array.from({ length: len - 3 }, (_, k) => k + 2).filter(() => r() < 0.5);
      words.push(w + (i < n - 1 && r() < 0.1 ? '\n' : ' '));
    }
    return { text: words.join('').trim(), width: 40 + Math.floor(r() * 120) + 0.37, tolerance: r() < 0.5 ? 2 : 6, hyphens };
  });

  it('finds the cheapest lines whenever there are some, and none when there are none', () => {
    const seen = { compared: 0, hyphenated: 0, hardBreaks: 0, impossible: 0 };
    for (const p of paragraphs) {
      const got = fit(p.text, p.width, p.tolerance, p.hyphens);
      const want = cheapest(p.text, p.width, p.tolerance, (w) => p.hyphens[w] ?? []);
      const where = `${JSON.stringify(p.text)} in ${p.width} pt, tolerance ${p.tolerance}`;
      if (!want) {
        expect(got, where).toBeNull();
        seen.impossible++;
        continue;
      }
      if (want.tie) continue;
      expect(got, where).toEqual(want.lines);
      seen.compared++;
      if (want.lines.some((l) => l.endsWith('-'))) seen.hyphenated++;
      if (p.text.includes('\n')) seen.hardBreaks++;
    }
    // The sample exercises what it should.
    expect(seen.compared).toBeGreaterThan(200);
    expect(seen.hyphenated).toBeGreaterThan(50);
    expect(seen.hardBreaks).toBeGreaterThan(40);
    expect(seen.impossible).toBeGreaterThan(20);
  });
});
