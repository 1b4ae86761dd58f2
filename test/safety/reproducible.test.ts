/**
 * Reproducible builds: the same guide built in two folders, under other time zones and locales, at
 * other moments, gives the same bytes, and build/SHA256SUMS lets anyone check a copy.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, listDir, makeProject, runCli, tempDir } from './helpers.js';

let fixture: string;

beforeAll(async () => {
  const png = await sharp({ create: { width: 400, height: 260, channels: 3, background: '#3366aa' } })
    .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="260"><circle cx="200" cy="130" r="90" fill="#ffcc00"/></svg>') }])
    .png()
    .toBuffer();
  const jpg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#887766' } }).jpeg().toBuffer();
  const body = [
    '# Première partie',
    '',
    'Un texte avec des « guillemets », une [adresse](https://example.org/chemin) et un e-mail <contact@example.org>.',
    '',
    '![Une capture](shot.png){redact="10,10,50,20"}',
    '',
    '## Liste',
    '',
    '1. un',
    '2. deux',
    '',
    '::: warning',
    'Attention : **gras** et *italique*.',
    ':::',
    '',
    '![Une photo](photo.jpg){width=60%}',
    '',
    '```',
    'code --flag',
    '```',
    '',
  ].join('\n');
  fixture = makeProject({ frontMatter: 'subtitle: Sous-titre\nedition: Mars 2020\npublisher: Éditeur\nwebsite: https://example.org\n', body, images: { 'shot.png': png, 'photo.jpg': jpg } });
}, 30_000);

afterAll(cleanup);

/** Copy the fixture to a fresh folder (its own image cache, its own path) and build it there. */
function buildCopy(name: string, env: NodeJS.ProcessEnv) {
  const root = join(tempDir(), name);
  cpSync(fixture, root, { recursive: true, verbatimSymlinks: true });
  const r = runCli(['--root', root, 'build', '--press'], env);
  expect(r.status, r.stderr).toBe(0);
  const out = join(root, 'build');
  return { out, files: new Map(listDir(out).map((f) => [f, readFileSync(join(out, f))])) };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  return env;
}

const A = { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };
const B = { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' };

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()]).toEqual(['SHA256SUMS', 'safety-xx-booklet.pdf', 'safety-xx-press.pdf', 'safety-xx.pdf']);
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [f, bytes] of a) expect(bytes.equals(b.get(f)!), `${f} differs between the two builds`).toBe(true);
}

function expectChecksums(out: string, files: Map<string, Buffer>) {
  const sums = files.get('SHA256SUMS')!.toString('utf8');
  expect(sums.endsWith('\n')).toBe(true);
  const listed = new Map(
    sums
      .trimEnd()
      .split('\n')
      .map((l) => {
        const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l);
        expect(m, l).not.toBeNull();
        return [m![2], m![1]] as const;
      }),
  );
  const pdfs = listDir(out).filter((f) => f.endsWith('.pdf'));
  expect([...listed.keys()].sort()).toEqual(pdfs);
  for (const f of pdfs) expect(listed.get(f), f).toBe(createHash('sha256').update(readFileSync(join(out, f))).digest('hex'));
}

describe('byte-identical builds', () => {
  it('same SOURCE_DATE_EPOCH, other folder, time zone and locale', () => {
    const a = buildCopy('guide', { ...baseEnv(), ...A, SOURCE_DATE_EPOCH: '1584000000' });
    const b = buildCopy('another-folder-name', { ...baseEnv(), ...B, SOURCE_DATE_EPOCH: '1584000000' });
    expectSame(a.files, b.files);
    expectChecksums(a.out, a.files);
    expectChecksums(b.out, b.files);
  });

  it('no SOURCE_DATE_EPOCH, not a git checkout, built in another second', () => {
    const a = buildCopy('guide', { ...baseEnv(), ...A });
    // Let the clock pass a whole second: a date taken from it would differ.
    const until = Math.floor(Date.now() / 1000) + 1;
    while (Date.now() / 1000 < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const b = buildCopy('elsewhere', { ...baseEnv(), ...B });
    expectSame(a.files, b.files);
    expectChecksums(b.out, b.files);
  });
});
