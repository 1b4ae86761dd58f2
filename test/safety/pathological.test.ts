/**
 * Pathological Markdown: deep nesting, runs of syntax characters, huge unbreakable words. Each build
 * ends, in bounded time and memory, either with a PDF or with a ZineError (exit 1), never a crash,
 * a hang or running out of memory. Each runs in its own process: a hang or an out-of-memory there
 * fails that case only.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { MAX_NESTING } from '../../src/2-parse/toDocument.js';
import { layoutEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject, qpdfCheck, runCliAsync } from './helpers.js';

afterAll(cleanup);

const N = 10_000;
const cases: [string, string][] = [
  ['10,000 nested >', `${'>'.repeat(N)} deep`],
  ['10,000 nested > on separate lines', Array.from({ length: 2000 }, (_, i) => `${'> '.repeat(i + 1)}q${i}`).join('\n')],
  ['10,000 [', '['.repeat(N)],
  ['10,000 *', `${'*'.repeat(N)}a`],
  ['5,000 *a', '*a'.repeat(N / 2)],
  ['10,000 nested list markers', `${'- '.repeat(N)}item`],
  ['2,000 indented list levels', Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- l${i}`).join('\n')],
  ['3,000 [a](', '[a]('.repeat(3000)],
  ['5,000 ![', '!['.repeat(N / 2)],
  ['10,000 {', `a${'{'.repeat(N)}`],
  ['10,000 <', '<'.repeat(N)],
  ['10,000 backticks', '`'.repeat(N)],
  ['1,000 nested callouts', `${Array.from({ length: 1000 }, (_, i) => `${':'.repeat(1003 - i)} note`).join('\n')}\ntext`],
  ['10,000 heading lines', Array.from({ length: N }, (_, i) => `${'#'.repeat((i % 6) + 1)} h${i}`).join('\n')],
];

describe.concurrent('pathological Markdown ends in bounded time and memory', () => {
  it.each(cases)('%s', async (_name, md) => {
    const root = makeProject({ body: `# P\n\n${md}\n` });
    // A bound that catches a hang or a blow-up, not a speed test: the cases run at once, as child
    // processes, on however few cores the machine has (the 10,000 headings take ~12 s alone here).
    const r = await runCliAsync(['--root', root, 'build', '--no-booklet'], { nodeArgs: ['--max-old-space-size=768'], timeoutMs: 60_000 });
    expect(r.timedOut, 'still running after 60 s').toBe(false);
    expect(/heap out of memory/.test(r.stderr), 'ran out of memory (768 MB heap)').toBe(false);
    expect(r.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(r.status);
    if (r.status === 1) expect(r.stderr).toMatch(/^content\/xx\/01-guide\.md:\d+:\d+ .+\n {2}\S/);
    else await qpdfCheck(join(root, 'build', 'safety-xx.pdf'));
    expect(existsSync(join(root, 'build', 'safety-xx.pdf'))).toBe(r.status === 0);
  }, 90_000);
});

describe('regressions found by this suite (in-process)', () => {
  const layout = async (body: string) => {
    const root = makeProject({ body: `# P\n\n${body}\n` });
    return layoutEdition('xx', buildOptions(root)).then(
      (r) => r,
      (e: unknown) => e,
    );
  };

  it('30 nested quotes (no room left to set text) are refused at their line, not looped on', async () => {
    const e = await layout(Array.from({ length: 30 }, (_, i) => `${'> '.repeat(i + 1)}level ${i + 1}`).join('\n'));
    expect(e).toBeInstanceOf(ZineError);
    expect((e as ZineError).where).toMatchObject({ file: 'content/xx/01-guide.md', line: 7 + MAX_NESTING });
  }, 20_000);

  it(`${MAX_NESTING} levels of lists, quotes and callouts still build`, async () => {
    const md = [
      '- l1',
      '  - l2',
      '    > q3',
      '    > - l4',
      '    >   > q5',
      '    >   > - l6',
      '    >   >   - l7',
      '    >   >     > q8 deepest',
    ].join('\n');
    const r = await layout(md);
    expect(r).not.toBeInstanceOf(Error);
    // One more level is one too many: the 8 above really are nested.
    const e = await layout(`${md}\n    >   >     > > q9`);
    expect(e).toBeInstanceOf(ZineError);
    expect((e as ZineError).message).toMatch(/nested more than/);
  });

  it.each(['#', '## ', '# #'])('an empty heading "%s" is a ZineError, not a crash in the contents page', async (h) => {
    const e = await layout(`Text.\n\n${h}\n\nMore text.`);
    expect(e).toBeInstanceOf(ZineError);
    expect((e as ZineError).where?.line).toBe(9);
  });
});
