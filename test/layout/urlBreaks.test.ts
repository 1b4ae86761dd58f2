/**
 * Long URLs break after / ? & = (and after their scheme), never inside the domain, never with an added
 * hyphen. Checked on the lines themselves with fake metrics: where each line ends is read off the
 * URL as written.
 */
import { describe, expect, it } from 'vitest';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import type { Inline } from '../../src/model/document.js';

const STYLES = defaultTheme().styles;
const source = { file: 'content/xx/01.md', line: 1, col: 1 };
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');
const set = (runs: Inline[], width: number, style = STYLES.linkUrl) => breakLines(runs, { style, width, metrics: fakeMetrics(), lang: 'en', hyphenate: hyphenator('en'), source });

const URLS = [
  'https://www.example-organisation.org/guides/secure-phone/install-signal?lang=en&platform=android#step-2',
  'https://ssd.eff.org/fr/module/guide-de-chiffrement',
  'https://ubuntu-fr.org',
  'http://a.b.c.example.net/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z',
];

/**
 * The lines a URL was cut into must give the URL back whole, and each must end after its scheme, or
 * past its domain: after / ? & = #, or, when a part of the path is wider than the line, where the
 * line is full (fake metrics: 0.5 em a character).
 */
function checkUrl(url: string, lines: Line[], width: number, size: number) {
  const domainEnd = url.indexOf('/', url.indexOf('//') + 2);
  const domain = url.slice(0, domainEnd < 0 ? undefined : domainEnd);
  const perLine = Math.floor((width + 0.01) / (0.5 * size));
  const pieces = lines.map(text);
  const where = `width ${width}: ${pieces.join(' | ')}`;
  // Nothing added: no hyphen, no space; the pieces are the URL.
  expect(pieces.join(''), where).toBe(url);
  let at = 0;
  for (const p of pieces.slice(0, -1)) {
    at += p.length;
    if (at === url.indexOf('//') + 2) continue;
    expect(at, where).toBeGreaterThanOrEqual(domain.length);
    if (!'/?&=#'.includes(url[at - 1])) expect(p.length, `${where}: a cut where no break was allowed, in a line not full`).toBe(perLine);
  }
}

describe('long URLs', () => {
  for (const url of URLS) {
    it(`break only after / ? & = past the domain: ${url.slice(0, 40)}…`, () => {
      // The linkUrl style of the links page, and running text with the URL as its own link text.
      // From the width where the domain fits on a line (a domain wider than the line must be cut).
      const domain = url.slice(url.indexOf('//') + 2).split('/')[0];
      for (let width = Math.ceil(domain.length * 0.5 * STYLES.linkUrl.size); width <= 420; width += 9) {
        const lines = set([{ text: url, link: url }], width);
        if (lines.some((l) => l.fragments.some((f) => f.x + f.width > width + 0.01))) throw new Error(`overflow at ${width}`);
        checkUrl(url, lines, width, STYLES.linkUrl.size);
      }
    });
  }

  it('keep a domain whole in running text, hyphen included (ubuntu-fr.org is not ubuntu- / fr.org)', () => {
    // From the width that holds ubuntu-fr.org (13 letters of 4.8 pt).
    for (let width = 63; width <= 200; width += 2) {
      const lines = set([{ text: 'Installez Linux depuis ' }, { text: 'ubuntu-fr.org', link: 'https://ubuntu-fr.org' }, { text: ' ou ailleurs.' }], width, STYLES.body);
      for (const l of lines) expect(text(l), `width ${width}`).not.toMatch(/ubuntu-$/);
      expect(lines.map(text).join(' ')).toContain('ubuntu-fr.org');
    }
  });

  it('written out in running text (no link) break the same way', () => {
    const url = URLS[0];
    for (let width = 160; width <= 400; width += 10) {
      const lines = set([{ text: url }], width, STYLES.body);
      checkUrl(url, lines, width, STYLES.body.size);
    }
  });
});
