import { resolve } from 'node:path';
import { describe } from 'vitest';
import { listLanguages } from '../../src/1-load/loadGuide.js';
import { editionSuite } from './edition.js';

// Every edition found in content/, so a guide with other languages is checked the same way.
for (const lang of listLanguages(resolve(import.meta.dirname, '../..'))) describe(lang, () => editionSuite(lang));
