/**
 * "la marche à suivre : https://…" put the colon at the start of the next line: the no-break space
 * before a French colon binds it to the word before, whatever follows (a URL written out, a link).
 */
import { describe, expect, it } from 'vitest';
import { applyTypography, NBSP } from '../../src/3-typography/rules.js';
import { breakLines, type Line } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics } from '../../src/6-layout/metrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import type { Inline } from '../../src/model/document.js';
import { docFromMarkdown } from '../helpers.js';

const URL = 'https://ssd.eff.org/fr/module/guide-de-chiffrement';
const PARAGRAPHS = {
  'a URL written out': `Pour chiffrer votre téléphone, voici la marche à suivre : ${URL} et rien de plus.`,
  'a link showing its URL': `Pour chiffrer votre téléphone, voici la marche à suivre : [${URL}](${URL}) et rien de plus.`,
  'an autolink': `Pour chiffrer votre téléphone, voici la marche à suivre : <${URL}> et rien de plus.`,
  'a link with words': `Pour chiffrer votre téléphone, voici la marche à suivre : [le guide](${URL}) et rien de plus.`,
  'a URL glued to the colon': `Pour chiffrer votre téléphone, voici la marche à suivre :${URL} et rien de plus.`,
  'a word glued to the colon': 'Pour chiffrer votre téléphone, voici la marche à suivre :ssd.eff.org/fr et rien de plus.',
};

const style = defaultTheme().styles.body;
const text = (l: Line) => l.fragments.map((f) => f.text).join(' ');

describe('a French colon before a link or a URL', () => {
  for (const [name, md] of Object.entries(PARAGRAPHS)) {
    it(`stays on the line of "suivre" (${name}), at every width`, () => {
      const [para] = docFromMarkdown([md], 'fr').chapters[0].blocks;
      if (para.kind !== 'paragraph') throw new Error(para.kind);
      const all = para.inlines.map((r) => r.text).join('');
      expect(all).toContain(`suivre${NBSP}:`);
      // A URL in the text is kept as written.
      if (md.includes(URL) && !md.includes('[le guide]')) expect(all).toContain(URL);
      let colonAtEnd = 0;
      for (let width = 60; width <= 420; width += 3) {
        const lines = breakLines(para.inlines, { style, width, metrics: fakeMetrics(), lang: 'fr', hyphenate: hyphenator('fr'), source: para.source });
        // The colon follows "suivre" on its line, whatever comes after it.
        for (const l of lines) if (text(l).includes('suivre')) expect(text(l), `width ${width}`).toContain(`suivre${NBSP}:`);
        expect(lines.map(text).join(' ')).toContain(`suivre${NBSP}:`);
        if (lines.slice(0, -1).some((l) => /suivre\u00a0:\S*$/.test(text(l)))) colonAtEnd++;
      }
      // The widths tried do end lines right after the colon (the case that failed).
      expect(colonAtEnd).toBeGreaterThan(3);
    });
  }

  it('sets the text around a URL and leaves the URL as typed', () => {
    const out = applyTypography([{ text: `l'adresse : ${URL}?q="x" et "la suite".` }], 'fr')[0].text;
    expect(out).toBe(`l’adresse${NBSP}: ${URL}?q="x" et «\u202fla suite\u202f».`);
  });

  it('leaves a time and a scheme alone (no space before their colon)', () => {
    const runs: Inline[] = [{ text: 'à 10:30, écrire à mailto:a@b.org' }];
    expect(applyTypography(runs, 'fr')[0].text).toBe('à 10:30, écrire à mailto:a@b.org');
  });
});
