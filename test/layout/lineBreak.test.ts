import { describe, expect, it } from 'vitest';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import { words } from '../helpers.js';
const STYLES = defaultTheme().styles;

const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const o = (width: number, extra = {}) => ({ style: STYLES.body, width, metrics: fakeMetrics(), lang: 'fr', hyphenate: hyphenator('fr'), source, ...extra });
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');
/** The paragraph back from its lines: hyphens added at breaks removed, words rejoined. */
const rejoin = (ls: Line[]) =>
  ls
    .map(text)
    .join('\n')
    .replace(/(\p{L})-\n(\p{L})/gu, '$1$2')
    .replace(/\n/g, ' ');

describe('line breaking (fake metrics: 0.5 em letters, 0.25 em spaces)', () => {
  const para = 'Plutôt que des logiciels non-sécurisés ou commerciaux comme Discord, Skype ou Zoom, nous encourageons l’utilisation d’alternatives sécurisées, chiffrées et dont les sources sont vérifiables. ' + words(120, 7);

  for (const width of [80, 150, 240, 340]) {
    it(`fills a ${width} pt column: no line too long, justified lines flush, words in order`, () => {
      const lines = breakLines([{ text: para }], o(width));
      expect(lines.length).toBeGreaterThan(3);
      lines.forEach((l, i) => {
        const right = Math.max(...l.fragments.map((f) => f.x + f.width));
        expect(right, `line ${i}: ${text(l)}`).toBeLessThanOrEqual(width + 0.01);
        if (i < lines.length - 1 && l.fragments.length > 1 && l.fragments.some((f) => f.wordSpacing)) expect(right).toBeCloseTo(width, 1);
      });
      expect(rejoin(lines).replace(/-/g, '')).toBe(para.replace(/-/g, ''));
    });
  }

  it('never lets a last line stick out, however the measure falls', () => {
    const short = 'Every address in this guide, in full, with a QR code to scan with your phone.';
    for (let width = 120; width <= 420; width += 3) {
      for (const l of breakLines([{ text: short }], o(width))) {
        expect(Math.max(...l.fragments.map((f) => f.x + f.width)), `width ${width}: ${text(l)}`).toBeLessThanOrEqual(width + 0.01);
      }
    }
  });

  it('hyphenates in a narrow column, at the patterns’ points', () => {
    const lines = breakLines([{ text: 'Le chiffrement automatique des communications confidentielles est indispensable.' }], o(60));
    const hyphenated = lines.filter((l) => /\p{L}-$/u.test(text(l)));
    expect(hyphenated.length).toBeGreaterThan(0);
    expect(rejoin(lines)).toBe('Le chiffrement automatique des communications confidentielles est indispensable.');
  });

  it('cuts a 5,000-letter word where it must, every piece inside the column', () => {
    const long = 'a'.repeat(5000);
    const lines = breakLines([{ text: `avant ${long} après` }], o(200));
    for (const l of lines) expect(Math.max(...l.fragments.map((f) => f.x + f.width))).toBeLessThanOrEqual(200.01);
    expect(lines.map(text).join('').replace(/\s/g, '')).toBe(`avant${long}après`);
  });

  it('honours hard line breaks and keeps link boxes on the link text', () => {
    const lines = breakLines([{ text: 'un\n' }, { text: 'lien', link: 'https://example.org' }, { text: ' ici' }], o(300));
    expect(lines.map(text)).toEqual(['un', 'lien ici']);
    expect(lines[1].links).toEqual([{ x: 0, w: expect.any(Number), url: 'https://example.org' }]);
    expect(lines[1].links[0].w).toBeCloseTo(4 * 0.5 * STYLES.body.size, 5);
  });
});
