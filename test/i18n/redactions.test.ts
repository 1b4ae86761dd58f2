import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveImage } from '../../src/5-images/resolveImage.js';
import { listLanguages, loadGuide } from '../../src/1-load/loadGuide.js';
import type { Block } from '../../src/model/document.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';
import { repo } from '../project.js';

/** Boxes over the fake identifiers, measured by the screenshot script from each rendered image. */
const boxes = JSON.parse(readFileSync(join(repo, 'tools/screenshots/redactions.json'), 'utf8')) as Record<string, number[][]>;

function figures(blocks: Block[]): Extract<Block, { kind: 'figure' }>[] {
  return blocks.flatMap((b) => (b.kind === 'figure' ? [b] : b.kind === 'list' ? b.items.flatMap(figures) : b.kind === 'quote' || b.kind === 'callout' ? figures(b.blocks) : []));
}

describe('every identifier in our screenshots is redacted, in every edition', () => {
  for (const lang of listLanguages(repo)) {
    it(lang, () => {
      const guide = loadGuide(repo, lang);
      let checked = 0;
      for (const file of guide.files) {
        for (const fig of figures(parseChapter(file).blocks)) {
          const used = resolveImage(repo, lang, fig.src, fig.source).path.replace(/^images\//, '');
          if (!boxes[used]) continue;
          expect(fig.attrs.redact, `${fig.source.file}:${fig.source.line} shows ${used}`).toEqual(boxes[used]);
          checked++;
        }
      }
      // The screenshots the render script measured are in images/: at least one edition must show them.
      // (A fork with its own images has nothing measured, and nothing to check here.)
      if (Object.keys(boxes).some((k) => existsSync(join(repo, 'images', k)))) expect(checked, 'screenshots with identifiers').toBeGreaterThan(0);
    });
  }
});
