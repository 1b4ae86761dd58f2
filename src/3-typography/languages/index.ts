import type { Language } from '../language.js';
import { ar } from './ar.js';
import { ca } from './ca.js';
import { da } from './da.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { pt } from './pt.js';
import { ru } from './ru.js';
import { sv } from './sv.js';

/** The languages the typography knows, by code. A new language is a file in this folder and a line here. */
export const LANGUAGES: Readonly<Record<string, Language>> = { fr, en, nl, de, es, it, pt, ca, da, sv, pl, ru, ar, fa };

/** A language not in the table: English quotes, no special spacing, no hyphenation. */
export const DEFAULT_LANGUAGE: Language = { code: 'und', quotes: en.quotes, uppercase: 'und' };

/** The rules for a language code (`pt-BR` is `pt`); an unknown code gets the default rules, under its own code. */
export function language(code: string): Language {
  const base = code.split('-')[0];
  // Capitals keep following the code itself (Turkish dotted İ, for one), as they did before this table.
  return Object.hasOwn(LANGUAGES, base) ? LANGUAGES[base] : { ...DEFAULT_LANGUAGE, code: base, uppercase: base };
}

/** A number the engine writes (a folio, a contents or list or note or figure number), in the language's digits. */
export function numeral(n: number, code: string): string {
  const digits = language(code).digits;
  return digits ? String(n).replace(/[0-9]/g, (d) => [...digits][Number(d)]) : String(n);
}
