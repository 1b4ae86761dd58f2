/**
 * Property: any Markdown either builds a valid PDF or stops with a ZineError (a message a user can
 * act on), never another kind of error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { buildEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject, qpdfCheck } from './helpers.js';

let root: string;

beforeAll(async () => {
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#6a8' } }).png().toBuffer();
  root = makeProject({ images: { 'ok.png': png } });
});

afterAll(cleanup);

const SYNTAX = [...'#*_[]()!{}<>|\\`~-:\n'];
const LETTERS = [...'aeiouxyzAEZ0123 éß'];
const noise = fc.string({ unit: fc.constantFrom(...SYNTAX, ...LETTERS, ' ', ' '), maxLength: 60 });
const words = fc.array(fc.stringMatching(/^[a-zA-Zé]{1,12}$/), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const inline = fc.oneof(
  words,
  words.map((w) => `*${w}*`),
  words.map((w) => `**${w}**`),
  words.map((w) => `\`${w}\``),
  fc.tuple(words, fc.constantFrom('https://example.org/a', 'http://example.net', 'mailto:a@example.org')).map(([w, u]) => `[${w}](${u})`),
  noise,
);
const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((p) => p.join(' '));
const block = fc.oneof(
  line,
  fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l, i) => `${i + 1}. ${l}`).join('\n')),
  line.map((l) => `> ${l}`),
  fc.tuple(fc.constantFrom('note', 'tip', 'warning', 'links', 'other'), line).map(([k, l]) => `::: ${k}\n${l}\n:::`),
  noise.map((c) => `\`\`\`\n${c}\n\`\`\``),
  fc.tuple(words, fc.constantFrom('', '{width=40%}', '{redact="0,0,10,10"}', '{crop="0,0,60,40"}', '{width=0%}', '{redact="1000,0,5,5"}')).map(([a, at]) => `![${a}](ok.png "${a}")${at}`),
  fc.constant('\\newpage'),
  fc.constant('---'),
  // GFM tables, footnotes and task lists.
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(inline, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })).map(
    ([n, rows]) => `| ${Array.from({ length: n }, (_, i) => `h${i}`).join(' | ')} |\n|${' :-: |'.repeat(n)}\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`,
  ),
  fc.tuple(line, fc.constantFrom('1', 'a', 'x y'), fc.boolean()).map(([l, label, defined]) => `${l}[^${label}]\n\n${defined ? `[^${label}]: ${l}` : ''}`),
  fc.array(fc.tuple(fc.constantFrom('[ ]', '[x]', '[X]', '[]'), line), { minLength: 1, maxLength: 4 }).map((ls) => ls.map(([box, l]) => `- ${box} ${l}`).join('\n')),
  noise,
);
const markdown = fc.array(block, { minLength: 1, maxLength: 6 }).chain((bs) => fc.constantFrom('\n\n', '\n').map((sep) => bs.join(sep)));

describe('random Markdown', () => {
  it('builds a valid PDF or throws a ZineError, nothing else', async () => {
    let run = 0;
    let built = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(markdown, async (md) => {
        writeFileSync(join(root, 'content', 'xx', '01-guide.md'), `---\ntitle: Random\n---\n\n# Chapter\n\n${md}\n`);
        let outputs: string[];
        try {
          outputs = (await buildEdition('xx', buildOptions(root))).outputs;
        } catch (e) {
          if (!(e instanceof ZineError)) throw e;
          expect(e.where?.file).toMatch(/^content\/xx\//);
          refused++;
          return;
        }
        built++;
        const pdf = readFileSync(outputs[0]);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
        if (run++ % 8 === 0) await qpdfCheck(outputs[0]);
      }),
      { numRuns: Number(process.env.ZINE_FC_RUNS ?? 40), seed: Number(process.env.ZINE_FC_SEED ?? 20200316), endOnFailure: true }, // fixed seed by default: CI never flakes
    );
    if (process.env.ZINE_FC_RUNS) console.log({ built, refused });
    // Both branches must be exercised, or the property says little.
    expect(built).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
