import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChapter } from '../../src/2-parse/toDocument.js';

/** Markdown -> document model fixtures: `x.md` beside `x.json`. `UPDATE=1 npm test` rewrites the JSON. */
const dir = join(import.meta.dirname, 'fixtures');

describe('parser fixtures', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    it(name, () => {
      const body = readFileSync(join(dir, name), 'utf8');
      const chapter = parseChapter({ path: `content/xx/${name}`, body, bodyLine: 1, frontMatter: {} });
      const jsonPath = join(dir, name.replace(/\.md$/, '.json'));
      const json = JSON.stringify(chapter, null, 2) + '\n';
      if (process.env.UPDATE === '1') writeFileSync(jsonPath, json);
      // A missing fixture is a failure: writing it here would make the comparison pass by construction.
      expect(existsSync(jsonPath), `${jsonPath} is missing: write it with UPDATE=1 npm test, then check it by hand`).toBe(true);
      expect(json).toBe(readFileSync(jsonPath, 'utf8'));
    });
  }
});
