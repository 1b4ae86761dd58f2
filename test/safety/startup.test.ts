/**
 * The launcher's start-up caches (bundle, V8 snapshot) in a fresh clone, with three builds started at
 * once: none may read what another is still writing, and no passing race may switch the snapshot off.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO, cleanup, tempDir } from './helpers.js';

afterAll(cleanup);

function run(root: string, out: string, snapshot = true): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'zine.mjs'), 'build', '--lang', 'fr', '--no-booklet', '--out', out], { cwd: root, env: { ...process.env, ZINE_NO_SNAPSHOT: snapshot ? '' : '1' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a fresh clone, three builds at once', () => {
  it('all succeed with the same PDF, and the snapshot is not marked failed; the plain bundle writes the same PDF', async () => {
    const root = join(tempDir('zine-startup-'), 'clone');
    for (const d of ['bin', 'src', 'content', 'images', 'fonts']) cpSync(join(REPO, d), join(root, d), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO, f), join(root, f));
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    const results = await Promise.all([1, 2, 3].map((i) => run(root, join(root, `out${i}`))));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const pdfs = [1, 2, 3].map((i) => readFileSync(join(root, `out${i}`, 'petit-guide-fr.pdf')));
    expect(pdfs[1].equals(pdfs[0]) && pdfs[2].equals(pdfs[0])).toBe(true);
    const snapshots = join(root, '.cache', 'snapshot');
    if (existsSync(snapshots)) expect(readdirSync(snapshots).filter((f) => f.endsWith('.failed'))).toEqual([]);
    // Nothing half-made is left behind.
    for (const dir of [snapshots, join(root, '.cache', 'dist')]) if (existsSync(dir)) expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Started from the snapshot (its bundle is minified, its heap warmed by a build) or from the plain
    // bundle, a build writes the same bytes.
    if (!existsSync(snapshots) || !readdirSync(snapshots).some((f) => f.endsWith('.blob'))) return; // a Node without snapshots
    const again = await run(root, join(root, 'out4'));
    const plain = await run(root, join(root, 'out5'), false);
    for (const r of [again, plain]) expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'out4', 'petit-guide-fr.pdf')).equals(pdfs[0]), 'from the snapshot').toBe(true);
    expect(readFileSync(join(root, 'out5', 'petit-guide-fr.pdf')).equals(pdfs[0]), 'from the plain bundle').toBe(true);
    expect(readdirSync(snapshots).filter((f) => f.endsWith('.failed'))).toEqual([]);
  }, 300_000);
});
