/**
 * The launcher's start-up caches (the bundle, V8's code cache) in a fresh clone, with three builds
 * started at once: none may read what another is still writing, and a code cache that is missing,
 * refused or damaged (and damaged QR codes kept between runs) change nothing but the time: the same PDF, byte for byte.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO, buildOptions, cleanup, tempDir } from './helpers.js';
import { renderEdition } from '../../src/pipeline.js';

afterAll(cleanup);

const requireFromRepo = createRequire(join(REPO, 'package.json'));

function run(root: string, out: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'zine.mjs'), 'build', '--lang', 'fr', '--no-booklet', '--out', out], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: '1600000000' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** Every file under `dir`, by path relative to it. */
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : []);

describe('a fresh clone, three builds at once', () => {
  it('all succeed with the same PDF and leave one finished bundle; without its code cache, or with a damaged one, a build writes the same bytes', async () => {
    const root = join(tempDir('zine-startup-'), 'clone');
    for (const d of ['bin', 'src', 'content', 'images', 'fonts']) cpSync(join(REPO, d), join(root, d), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO, f), join(root, f));
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    const results = await Promise.all([1, 2, 3].map((i) => run(root, join(root, `out${i}`))));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const pdfs = [1, 2, 3].map((i) => readFileSync(join(root, `out${i}`, 'petit-guide-fr.pdf')));
    // (Said as sizes and first differing byte, should it ever fail: a race leaves no other trace.)
    const differs = (a: Buffer, b: Buffer) => (a.equals(b) ? 'same' : `${a.length} vs ${b.length} bytes, first difference at ${a.findIndex((x, i) => x !== b[i])}`);
    expect([differs(pdfs[1], pdfs[0]), differs(pdfs[2], pdfs[0])]).toEqual(['same', 'same']);
    // Nothing half-made is left behind: one bundle, its code cache, no temporary file.
    const dist = join(root, '.cache', 'dist');
    expect(files(dist).filter((f) => f.includes('.tmp'))).toEqual([]);
    const bundles = files(dist).filter((f) => f.endsWith('zine.cjs'));
    expect(bundles).toHaveLength(1);
    const cache = `${bundles[0]}.v8cache`;
    expect(existsSync(cache), 'the code cache written after a build').toBe(true);
    // The bundle is ASCII (read as one-byte text): a character outside ASCII would come out garbled.
    expect(readFileSync(bundles[0]).every((b) => b < 0x80)).toBe(true);
    // Hyphenation patterns beside it as JSON: each the very tree the hyphen package holds.
    const patterns = join(dirname(bundles[0]), 'patterns');
    const trees = readdirSync(patterns);
    expect(trees).toContain('fr.json');
    for (const f of trees) expect(JSON.parse(readFileSync(join(patterns, f), 'utf8')), f).toStrictEqual(requireFromRepo(`hyphen/patterns/${f.replace(/\.json$/, '.js')}`));

    // The bundle (its plugins: pdfkit's bytes, zlib for tiny-inflate, patterns as JSON, modules loaded on
    // use, kept subsets and QR codes, V8 flags) writes what the sources write, run here as they are.
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1600000000';
    try {
      const plain = await renderEdition('fr', buildOptions(root));
      expect(Buffer.from(plain.files[0][1]).equals(pdfs[0]), 'the sources, run in this process').toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }

    const from = async (name: string) => {
      const r = await run(root, join(root, name));
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(root, name, 'petit-guide-fr.pdf'));
    };
    expect((await from('with-cache')).equals(pdfs[0]), 'started from the code cache').toBe(true);
    rmSync(cache);
    expect((await from('without-cache')).equals(pdfs[0]), 'compiled from source').toBe(true);
    expect(existsSync(cache), 'a missing code cache is written again').toBe(true);
    writeFileSync(cache, Buffer.alloc(4096, 7));
    const qr = join(root, '.cache', 'qr-codes-M.json');
    expect(existsSync(qr), 'the QR codes kept').toBe(true);
    writeFileSync(qr, '{"https://example.org": ["0101"');
    expect((await from('damaged-cache')).equals(pdfs[0]), 'with a damaged code cache and QR cache').toBe(true);
    expect(() => JSON.parse(readFileSync(qr, 'utf8')), 'the QR codes kept again').not.toThrow();
    expect(readFileSync(cache).equals(Buffer.alloc(4096, 7)), 'a refused code cache is made again').toBe(false);
  }, 300_000);
});
