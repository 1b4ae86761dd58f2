import { describe, expect, it } from 'vitest';
import { breakLines, type Fragment, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';

const STYLES = defaultTheme().styles;
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import { words } from '../helpers.js';

/**
 * Justified text as pdfkit draws it: a fragment's text starts at x, takes its natural width (fake
 * metrics: 0.5 em a character, 0.25 em a space, computed here from the text) and pdfkit adds
 * `wordSpacing` at every space inside it. Every line but the last must end at the measure.
 */
const SIZE = STYLES.body.size;
const natural = (s: string) => [...s].reduce((a, ch) => a + (ch === ' ' ? 0.25 : 0.5) * SIZE, 0);
const spaces = (s: string) => [...s].filter((ch) => ch === ' ').length;
const drawnRight = (f: Fragment) => f.x + natural(f.text) + (f.wordSpacing ?? 0) * spaces(f.text);
const right = (l: Line) => Math.max(...l.fragments.map(drawnRight));
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');

const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const o = (width: number) => ({ style: STYLES.body, width, metrics: fakeMetrics(), lang: 'fr', hyphenate: hyphenator('fr'), source });

// Several faces, so that lines hold several fragments placed one after the other.
const runs = [
  { text: 'Deux mots.\n' }, // a line ended by a hard break is not stretched either
  { text: `${words(40, 3)} ` },
  { text: 'quelques mots en gras', bold: true },
  { text: ` ${words(30, 5)} ` },
  { text: 'puis en italique', italic: true },
  { text: ` ${words(120, 11)} fin.` },
];

describe('justified lines reach the measure, as drawn', () => {
  it('body text is justified, without tracking (so the widths above are the drawn ones)', () => {
    expect(STYLES.body.align).toBe('justify');
    expect(STYLES.body.tracking ?? 0).toBe(0);
  });

  for (const width of [120, 180, 260, 340]) {
    it(`${width} pt: every line but the last ends at ${width} pt (±0.05), the last is not stretched`, () => {
      const [hard, ...lines] = breakLines(runs, o(width));
      expect(text(hard)).toBe('Deux mots.');
      expect(hard.fragments.every((f) => !f.wordSpacing)).toBe(true);
      expect(right(hard)).toBeCloseTo(natural('Deux mots.'), 6);
      expect(lines.length).toBeGreaterThan(4);
      const body = lines.slice(0, -1);
      for (const [i, l] of body.entries()) {
        expect(right(l), `line ${i}: ${text(l)}`).toBeGreaterThan(width - 0.05);
        expect(right(l), `line ${i}: ${text(l)}`).toBeLessThan(width + 0.05);
      }
      // The spaces are really stretched or shrunk with word spacing on most lines (not only by placing fragments).
      expect(body.filter((l) => l.fragments.some((f) => f.wordSpacing)).length).toBeGreaterThan(body.length / 2);

      // The last line is never stretched: set natural, or shrunk to the measure when total fit
      // found it a little too long (then it ends at the measure, like the others).
      const last = lines[lines.length - 1];
      expect(last.fragments.every((f) => (f.wordSpacing ?? 0) <= 0), text(last)).toBe(true);
      expect(right(last), text(last)).toBeLessThan(width + 0.05);
      if (last.fragments.some((f) => f.wordSpacing)) expect(right(last)).toBeGreaterThan(width - 0.05);
      else {
        let x = 0;
        for (const f of last.fragments) {
          expect(f.x, text(last)).toBeCloseTo(x, 6);
          x = f.x + natural(f.text) + natural(' ');
        }
      }
    });
  }
});
