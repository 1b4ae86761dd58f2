import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyphenator, loadHyphenator } from '../../src/3-typography/hyphenate.js';
import type { HyphenModule } from '../../src/3-typography/language.js';
import { DEFAULT_LANGUAGE, LANGUAGES, language } from '../../src/3-typography/languages/index.js';
import { applyTypography } from '../../src/3-typography/rules.js';

const dir = join(import.meta.dirname, '../../src/3-typography/languages');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

/** A long word of each language that its patterns break somewhere. */
const WORDS: Record<string, string> = {
  fr: 'chiffrement',
  en: 'encryption',
  nl: 'versleuteling',
  de: 'verschlüsselung',
  es: 'comunicación',
  it: 'comunicazione',
  pt: 'comunicação',
  ca: 'comunicació',
  da: 'kommunikation',
  sv: 'kommunikation',
  pl: 'komunikacja',
  ru: 'шифрование',
};

describe('the language table', () => {
  it('registers every file of src/3-typography/languages/ under its own code', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
    expect(Object.keys(LANGUAGES).sort()).toEqual([...files].sort());
    for (const [code, l] of Object.entries(LANGUAGES)) expect(l.code).toBe(code);
  });

  for (const code of files) {
    describe(code, () => {
      const l = LANGUAGES[code];
      // Its direction from the platform's locale data (CLDR); right-to-left scripts here (Arabic) are never hyphenated.
      const rtl = (new Intl.Locale(code) as Intl.Locale & { textInfo?: { direction: string } }).textInfo?.direction === 'rtl';

      it('has its direction, quotation marks, a locale for capitals and hyphenation patterns (none right to left)', () => {
        expect(Boolean(l.rtl)).toBe(rtl);
        expect(l.quotes.open).toMatch(/^\S$/u);
        expect(l.quotes.close).toMatch(/^\S$/u);
        expect(Intl.getCanonicalLocales(l.uppercase)).toHaveLength(1);
        if (rtl) {
          expect(l.hyphenation).toBeUndefined();
          return;
        }
        expect(l.hyphenation?.patterns).toMatch(/^hyphen\/[a-z0-9-]+\/index\.js$/);
        expect(typeof l.hyphenation?.load).toBe('function');
        if (l.spacing) expect(typeof l.spacing('a ? b')).toBe('string');
      });

      it('loads its hyphenation both ways (import() and require) and breaks a word of the language', async () => {
        if (rtl) {
          expect(hyphenator(code)('والاجتماعات')).toEqual([]);
          return;
        }
        const word = WORDS[code];
        expect(word, `add a word of "${code}" to WORDS`).toBeDefined();
        const imported = (await l.hyphenation!.load()).default;
        const required = createRequire(import.meta.url)(l.hyphenation!.patterns) as HyphenModule;
        const marked = imported.hyphenateSync(word, { hyphenChar: '-' });
        expect(marked).not.toBe(word);
        expect(required.hyphenateSync(word, { hyphenChar: '-' })).toBe(marked);
        expect((await loadHyphenator(code))(word)).toEqual(hyphenator(code)(word));
        expect(hyphenator(code)(word).length).toBeGreaterThan(0);
      });
    });
  }

  it('falls back to English quotes and no hyphenation for a code not in the table', () => {
    const xx = language('xx');
    expect(xx.quotes).toEqual(LANGUAGES.en.quotes);
    expect(xx.hyphenation).toBeUndefined();
    expect(xx.spacing).toBeUndefined();
    expect(xx.code).toBe('xx');
    expect({ ...xx, code: DEFAULT_LANGUAGE.code, uppercase: DEFAULT_LANGUAGE.uppercase }).toEqual(DEFAULT_LANGUAGE);
    expect(hyphenator('xx')('encryption')).toEqual([]);
    expect(applyTypography([{ text: '"x"' }], 'xx')[0].text).toBe('“x”');
  });

  it('reads a code with a region as its language', () => {
    expect(language('pt-BR')).toBe(LANGUAGES.pt);
    expect(language('de-CH').properNounsHyphenate).toBe(true);
  });

  it('spaces punctuation only in French, and hyphenates capitalised words only in German', () => {
    expect(Object.values(LANGUAGES).filter((l) => l.spacing).map((l) => l.code)).toEqual(['fr']);
    expect(Object.values(LANGUAGES).filter((l) => l.properNounsHyphenate).map((l) => l.code)).toEqual(['de']);
  });
});
