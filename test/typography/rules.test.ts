import { describe, expect, it } from 'vitest';
import { applyTypography, NBSP, NNBSP } from '../../src/3-typography/rules.js';
import { hyphenationCandidates, hyphenator } from '../../src/3-typography/hyphenate.js';
import { docFromMarkdown } from '../helpers.js';

const t = (text: string, lang: string) => applyTypography([{ text }], lang)[0].text;

describe('French typography', () => {
  it('puts a narrow no-break space before ; ! ? and inside guillemets, a no-break space before :', () => {
    expect(t('Vraiment ? Oui ! Non ; fin : ok', 'fr')).toBe(`Vraiment${NNBSP}? Oui${NNBSP}! Non${NNBSP}; fin${NBSP}: ok`);
    expect(t('« Matrix »', 'fr')).toBe(`«${NNBSP}Matrix${NNBSP}»`);
    expect(t('le "salon" ici', 'fr')).toBe(`le «${NNBSP}salon${NNBSP}» ici`);
    expect(t('pas les deux!)', 'fr')).toBe(`pas les deux${NNBSP}!)`);
  });

  it('curls apostrophes and leaves URLs and code alone', () => {
    expect(t("l'ordinateur", 'fr')).toBe('l’ordinateur');
    expect(applyTypography([{ text: 'https://a.org/?q=1' }], 'fr')[0].text).toBe('https://a.org/?q=1');
    expect(applyTypography([{ text: 'a ? b', code: true }], 'fr')[0].text).toBe('a ? b');
  });

  it('does not add French spaces in other languages, and uses their quotes', () => {
    expect(t('Really? "Yes"', 'en')).toBe('Really? “Yes”');
    expect(t('Wirklich? "Ja"', 'de')).toBe('Wirklich? „Ja“');
    expect(t('"Sí"', 'es')).toBe('«Sí»');
  });
});

describe('hyphenation', () => {
  const cases: [string, string, string[]][] = [
    ['fr', 'chiffrement', ['chif', 'fre', 'ment']],
    ['en', 'encryption', ['en', 'cryp', 'tion']],
    ['de', 'Verschlüsselung', ['Ver', 'schlüs', 'se', 'lung']],
    ['nl', 'versleuteling', ['ver', 'sleu', 'te', 'ling']],
    ['es', 'comunicación', ['co', 'mu', 'ni', 'ca', 'ción']],
  ];
  for (const [lang, word, parts] of cases) {
    it(`breaks "${word}" at the right points in ${lang}`, () => {
      const points = hyphenator(lang)(word);
      const pieces: string[] = [];
      let last = 0;
      for (const p of points) {
        pieces.push(word.slice(last, p));
        last = p;
      }
      pieces.push(word.slice(last));
      expect(pieces).toEqual(parts);
    });
  }
  it('leaves short words whole', () => {
    expect(hyphenator('fr')('micro')).toEqual([]);
  });
});

describe('hyphenation candidates (the words a build may hyphenate, hyphenationCandidates)', () => {
  it("are the document's runs of letters of 6 to 60, with and without the apostrophes around them, in text, headings, meta and strings", () => {
    const doc = docFromMarkdown(['# Organisation\n\nL’organisation des réunions ‘chiffrées’ et micro.\n\n![Capture](x.png "Légende détaillée")'], 'fr', { subtitle: 'Sous-titre explicatif' });
    const found = hyphenationCandidates(doc);
    for (const w of ['Organisation', 'L’organisation', 'réunions', 'chiffrées', 'Légende', 'détaillée', 'explicatif']) expect(found, w).toContain(w);
    expect(found).not.toContain('micro'); // five letters: never hyphenated
    expect([...found].every((w) => w.length >= 6 && w.length <= 60)).toBe(true);
  });
});
