/**
 * Inline code longer than the line (found on our unseen test guide: it ran past the right margin, lost
 * the space before it and had its spaces stretched). Code breaks at its spaces and after / . - in a
 * long token, keeps its own spacing, and keeps the space before it. Checked by geometry: with fake
 * metrics (widths computed here from the text), with our real fonts, and in a PDF read back by mupdf.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics, type Metrics } from '../../src/6-layout/metrics.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import type { TextStyle } from '../../src/model/theme.js';
import { renderEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject, REPO } from '../safety/helpers.js';
import { openPdf, pageLines } from '../e2e/helpers.js';

const theme = defaultTheme();
const CODE = 'adb shell pm uninstall --user 0 com.facebook.katana';
const BEFORE = 'Pour désinstaller Facebook sans le compte root, tapez';
const AFTER = 'dans un terminal, puis redémarrez le téléphone et vérifiez.';
const runs = [{ text: `${BEFORE} ` }, { text: CODE, code: true }, { text: ` ${AFTER}` }];
const source = { file: 'content/fr/01.md', line: 1, col: 1 };

const set = (style: TextStyle, width: number, metrics: Metrics, code = runs) =>
  breakLines(code, { style, width, metrics, lang: 'fr', hyphenate: hyphenator('fr'), source, fallback: theme.fallback });

/** Where a fragment's ink ends as pdfkit draws it: its text's advance plus wordSpacing at each space. */
const drawnRight = (f: Line['fragments'][number], style: TextStyle, m: Metrics) => f.x + m.width(f.face, f.text) * style.size + (f.wordSpacing ?? 0) * [...f.text].filter((c) => c === ' ').length;

function checkLines(lines: Line[], style: TextStyle, width: number, m: Metrics) {
  const space = (face: 'mono' | 'body') => m.width(face, ' ') * style.size;
  const where = (i: number) => `width ${width}, line ${i}: ${lines[i].fragments.map((f) => f.text).join('|')}`;
  const codeWords: string[] = [];
  lines.forEach((l, i) => {
    for (const f of l.fragments) {
      expect(f.x, where(i)).toBeGreaterThanOrEqual(-0.01);
      expect(drawnRight(f, style, m), where(i)).toBeLessThanOrEqual(width + 0.01);
      // Code is never stretched: pdfkit would spread it with wordSpacing.
      if (f.face === 'mono') expect(f.wordSpacing ?? 0, where(i)).toBe(0);
    }
    l.fragments.forEach((f, k) => {
      const prev = l.fragments[k - 1];
      if (!prev) return;
      const gap = f.x - (prev.x + m.width(prev.face, prev.text) * style.size + (prev.wordSpacing ?? 0) * [...prev.text].filter((c) => c === ' ').length);
      // Between two words of code: exactly the code's own space. Before the code: a space, shrunk
      // by at most a third as justification allows, never lost.
      if (prev.face === 'mono' && f.face === 'mono') expect(gap, where(i)).toBeCloseTo(space('mono'), 5);
      else if (f.face === 'mono') expect(gap, where(i)).toBeGreaterThan(space('body') * 0.66);
    });
    codeWords.push(l.fragments.filter((f) => f.face === 'mono').map((f) => f.text).join(' '));
  });
  // The code back from its lines: broken only at its spaces or after / . - (nothing added).
  expect(codeWords.filter(Boolean).join(' ').replace(/([/.-]) /g, '$1'), `width ${width}`).toBe(CODE);
}

describe('inline code longer than the line', () => {
  it('stays inside the column, unstretched, with the space before it (fake metrics, 80 to 400 pt)', () => {
    for (const name of ['body', 'calloutText', 'caption'] as const) {
      for (let width = 80; width <= 400; width += 7) checkLines(set(theme.styles[name], width, fakeMetrics()), theme.styles[name], width, fakeMetrics());
    }
  });

  it('stays inside the column, unstretched, with the space before it (our fonts, narrow columns)', () => {
    const fonts = fontSet(join(REPO, 'fonts'));
    for (const name of ['body', 'calloutText'] as const) {
      for (let width = 90; width <= 330; width += 3) checkLines(set(theme.styles[name], width, fonts), theme.styles[name], width, fonts);
    }
  });

  it('keeps every space of the code, however many', () => {
    const m = fakeMetrics();
    const style = theme.styles.body;
    const [line] = set(style, 400, m, [{ text: 'run ' }, { text: 'a  b   c', code: true }, { text: ' now and then' }]);
    const code = line.fragments.filter((f) => f.face === 'mono');
    expect(code.map((f) => f.text)).toEqual(['a', 'b', 'c']);
    // 0.25 em a space in the fake metrics, at the body size: two spaces, then three.
    const sp = 0.25 * style.size;
    expect(code[1].x - (code[0].x + code[0].width)).toBeCloseTo(2 * sp, 5);
    expect(code[2].x - (code[1].x + code[1].width)).toBeCloseTo(3 * sp, 5);
  });

  it('breaks a long token after a dot or a slash, never inside a run of dashes, a short token never', () => {
    const m = fakeMetrics();
    const style = theme.styles.body;
    const texts = (lines: Line[]) => lines.map((l) => l.fragments.map((f) => f.text).join(' '));
    // 0.5 em a letter: 24 letters of code at 9.6 pt take 115 pt, wider than the 100 pt line.
    const long = set(style, 100, m, [{ text: 'see ' }, { text: 'org.example.reallylongapp', code: true }]);
    expect(texts(long).some((t) => /\.$/.test(t))).toBe(true);
    expect(texts(long).join('')).toContain('org.example.');
    // --user (28.8 pt) in a 25 pt line must be cut somewhere, but not as "--" and "user".
    const dashes = set(style, 25, m, [{ text: 'x ' }, { text: '--user', code: true }, { text: ' y' }]);
    expect(texts(dashes).some((t) => t === '--' || t.endsWith(' --'))).toBe(false);
    // a.b.c is short: it moves whole to the next line.
    const short = set(style, 110, m, [{ text: 'aaaaaaaaaaaaaaaaaaa ' }, { text: 'ab.cd', code: true }]);
    expect(texts(short)).toEqual(['aaaaaaaaaaaaaaaaaaa', 'ab.cd']);
  });
});

describe('inline code in a PDF (A6, a list item and a note), read back with mupdf', () => {
  afterAll(cleanup);

  it('prints every character of the code inside the text column, evenly spaced, with the space before it', async () => {
    const body = `# Un\n\n${BEFORE} \`${CODE}\` ${AFTER}\n\n- ${BEFORE} \`${CODE}\` ${AFTER}\n\n::: note\n${BEFORE} \`${CODE}\` ${AFTER}\n:::\n`;
    const root = makeProject({ body });
    writeFileSync(join(root, 'content', 'zine.yml'), 'slug: code\nsource: xx\npage: a6\n');
    const result = await renderEdition('xx', buildOptions(root));
    const doc = openPdf(result.files[0][1]);
    const t = defaultTheme({ page: { width: 105 * (72 / 25.4), height: 148 * (72 / 25.4) } });
    const m = t.page.margin;
    let found = 0;
    let pairs = 0;
    const words = CODE.split(' ');
    const PAIRS = words.slice(1).map((w, k) => `${words[k]} ${w}`);
    for (let i = 1; i < doc.countPages() - 1; i++) {
      const page = doc.loadPage(i);
      const recto = i % 2 === 0;
      const left = recto ? m.inner : m.outer;
      const right = t.page.width - (recto ? m.outer : m.inner);
      const lines = pageLines(page);
      for (const l of lines) {
        for (const c of l.chars) if (c.c.trim()) expect(c.x, `page ${i + 1} "${l.text}"`).toBeGreaterThanOrEqual(left - 0.5);
        expect(l.bbox[2], `page ${i + 1} "${l.text}"`).toBeLessThanOrEqual(right + 0.5);
      }
      // Code is monospaced and unstretched: every character of a pair of its words, space included,
      // advances by the same width.
      for (const l of lines) {
        for (const pair of PAIRS) {
          const at = l.text.indexOf(pair);
          if (at < 0) continue;
          pairs++;
          const xs = l.chars.slice(at, at + pair.length).map((c) => c.x);
          const steps = xs.slice(1).map((x, k) => x - xs[k]);
          for (const s of steps) expect(s, `page ${i + 1} "${pair}" in "${l.text}"`).toBeCloseTo(steps[0], 1);
        }
      }
      const text = lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ');
      found += text.split('tapez adb shell').length - 1;
    }
    // The space before the code is there, three times (paragraph, list item, note).
    expect(found).toBe(3);
    expect(pairs).toBeGreaterThan(6);
  }, 60_000);
});
