import { describe, expect, it } from 'vitest';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';

const STYLES = defaultTheme().styles;

/**
 * Total fit (Knuth–Plass) against first fit, on a paragraph where they disagree, with answers worked
 * out here by hand and checked by an enumeration of every break sequence (none of it calls our code).
 *
 * Fake metrics at the body size (9.6 pt): a letter is 0.5 em = 4.8 pt, a space 0.25 em = 2.4 pt; a
 * justified space may stretch by 0.6 of itself (1.44 pt) and shrink by 0.3 (0.72 pt). The measure is
 * 12.5 em = 120 pt. Word i is the i-th letter of the alphabet repeated, so the lines are easy to read.
 */
const SIZE = STYLES.body.size; // 9.6
const LETTER = 0.5 * SIZE;
const SPACE = 0.25 * SIZE;
const STRETCH = 0.6 * SPACE;
const SHRINK = 0.3 * SPACE;
const WIDTH = 12.5 * SIZE; // 120 pt

const LENGTHS = [1, 2, 1, 1, 4, 3, 3, 2, 1, 1, 1, 4, 2, 4, 3, 4, 3, 3, 2, 4];
const WORDS = LENGTHS.map((n, i) => String.fromCharCode(97 + i).repeat(n));
const PARA = WORDS.join(' ');
const linesOf = (breaks: number[]) => breaks.slice(1).map((b, k) => WORDS.slice(breaks[k], b).join(' '));

/*
 * First fit, by hand:
 *   line 1: words a..k (11 words, 20 letters, 10 spaces): 20 × 4.8 + 10 × 2.4 = 120 pt, exactly full.
 *   line 2: words l..q (6 words, 20 letters, 5 spaces) = 108 pt; r (word rr, 3 letters) would need
 *           2.4 + 14.4 = 16.8 pt more, and only 12 are left. Its 5 spaces must stretch 12 pt:
 *           ratio 12 / (5 × 1.44) = 1.67, badness 100 × 1.67³ = 463: a very loose line.
 *   line 3: r s t.
 * Total fit, by hand: send k down.
 *   line 1: a..j (10 words, 19 letters, 9 spaces) = 112.8 pt: 7.2 pt over 9 spaces, ratio 0.556.
 *   line 2: k..q (7 words, 21 letters, 6 spaces) = 115.2 pt: 4.8 pt over 6 spaces, ratio 0.556.
 *   line 3: r s t.
 * Sum of squared (1 + badness) over the justified lines: first fit 1 + 464² ≈ 215,000, total fit
 * 2 × 18.1² ≈ 660.
 */
const FIRST_FIT = [0, 11, 17, 20];
const TOTAL_FIT = [0, 10, 17, 20];

/** How far a line's spaces stretch (> 0) or shrink (< 0) to fill the measure; the last line is set natural. */
function ratio(from: number, to: number, last: boolean): number {
  const n = to - from;
  const letters = LENGTHS.slice(from, to).reduce((a, b) => a + b, 0);
  const natural = letters * LETTER + (n - 1) * SPACE;
  if (last) return natural <= WIDTH + 1e-9 ? 0 : -Infinity;
  if (n === 1) return Math.abs(natural - WIDTH) < 1e-9 ? 0 : natural < WIDTH ? Infinity : -Infinity;
  return natural <= WIDTH ? (WIDTH - natural) / ((n - 1) * STRETCH) : (WIDTH - natural) / ((n - 1) * SHRINK);
}

/** Every break sequence whose lines can be set (spaces shrink at most fully, stretch at most twice), with its cost. */
function enumerate(): { breaks: number[]; cost: number }[] {
  const out: { breaks: number[]; cost: number }[] = [];
  const walk = (breaks: number[], cost: number) => {
    const from = breaks[breaks.length - 1];
    for (let to = from + 1; to <= LENGTHS.length; to++) {
      const last = to === LENGTHS.length;
      const r = ratio(from, to, last);
      if (r < -1) break; // overfull: longer lines from here are worse
      if (r > 2) continue;
      const c = last ? cost : cost + (1 + 100 * Math.abs(r) ** 3) ** 2;
      if (last) out.push({ breaks: [...breaks, to], cost: c });
      else walk([...breaks, to], c);
    }
  };
  walk([0], 0);
  return out.sort((a, b) => a.cost - b.cost);
}

const noHyphens = () => [];
const opts = { style: STYLES.body, width: WIDTH, metrics: fakeMetrics(), lang: 'xx', hyphenate: noHyphens, source: { file: 'content/xx/01.md', line: 1, col: 1 } };
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');

describe('total fit chooses the breaks of the whole paragraph (fake metrics, no hyphenation)', () => {
  it('the hand computation holds: first fit is greedy, total fit is the unique cheapest set of breaks', () => {
    expect(STYLES.body.align).toBe('justify');
    // First fit takes as many words as fit on each line.
    expect(ratio(0, 11, false)).toBeCloseTo(0, 9);
    expect(ratio(0, 12, false)).toBeLessThan(-1);
    expect(ratio(11, 17, false)).toBeCloseTo(5 / 3, 9);
    expect(ratio(11, 18, false)).toBeLessThan(-1);
    expect(ratio(10, 17, false)).toBeCloseTo(5 / 9, 9);
    expect(ratio(0, 10, false)).toBeCloseTo(5 / 9, 9);
    const all = enumerate();
    expect(all[0].breaks).toEqual(TOTAL_FIT);
    expect(all[1].cost, 'the optimum is clear-cut').toBeGreaterThan(2 * all[0].cost);
    expect(all.find((s) => s.breaks.join() === FIRST_FIT.join())!.cost).toBeGreaterThan(100 * all[0].cost);
  });

  it('breakLines sets the balanced lines, not the greedy ones', () => {
    const lines = breakLines([{ text: PARA }], opts);
    expect(lines.map(text)).toEqual(linesOf(TOTAL_FIT));
    expect(lines.map(text)).not.toEqual(linesOf(FIRST_FIT));
  });

  it('a ragged paragraph (first fit) takes the greedy lines', () => {
    const lines = breakLines([{ text: PARA }], { ...opts, align: 'left' as const });
    expect(lines.map(text)).toEqual(linesOf(FIRST_FIT));
  });
});
