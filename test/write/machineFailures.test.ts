/**
 * Failures of the machine are errors a user can act on, not internal ones: a full disk, an output
 * folder that cannot be written or made, a file that vanishes mid-build. Each says the path, what
 * happened and what to do, exits 1 (never 2, never a stack trace), and leaves the last good PDFs
 * byte for byte as they were, with no temporary file behind.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { renderEdition, writeEditions } from '../../src/pipeline.js';
import { writeAllAtomic, type WriteFile } from '../../src/9-write/atomicWrite.js';
import { buildOptions, cleanup, listDir, makeProject, runCli, tempDir } from '../safety/helpers.js';

afterAll(cleanup);

/** A disk that fills up: the first `room` bytes go to the file, then ENOSPC, as write(2) says it. */
function diskWithRoom(room: number): WriteFile {
  let left = room;
  return (path, data) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
    writeFileSync(path, bytes.subarray(0, Math.max(0, left)));
    left -= bytes.length;
    if (left < 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  };
}

/** Every file of a folder, with its bytes. */
const snapshot = (dir: string) => new Map(listDir(dir).map((f) => [f, readFileSync(join(dir, f))]));

function expectUntouched(dir: string, before: Map<string, Buffer>) {
  expect(listDir(dir), 'a file appeared or vanished (a temporary file left behind?)').toEqual([...before.keys()]);
  for (const [f, bytes] of before) expect(readFileSync(join(dir, f)).equals(bytes), `${f} changed`).toBe(true);
}

/** What a machine failure prints: no internal error, no stack trace, a message then an indented hint. */
function expectUserError(r: { status: number | null; stderr: string }, message: RegExp) {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  // Warnings about the guide (a cover without its closing statement) may come first: the failure follows them.
  const lines = r.stderr.split('\n');
  const at = lines.findIndex((l, i) => !l.startsWith('warning:') && !(l.startsWith('  ') && i > 0 && lines[i - 1].startsWith('warning:')));
  const [first, hint] = lines.slice(at);
  expect(first).toMatch(message);
  expect(hint).toMatch(/^ {2}\S.{10,}/);
}

describe('a disk that fills up while the PDFs are written', () => {
  it('writeAllAtomic: a full disk on the last file leaves every file as it was, no temp file, and says what to do', () => {
    const dir = tempDir();
    const a = join(dir, 'a.pdf');
    const b = join(dir, 'b.pdf');
    writeFileSync(a, 'old a');
    writeFileSync(b, 'old b');
    const before = snapshot(dir);
    let err: unknown;
    try {
      writeAllAtomic([[a, Buffer.alloc(1000, 1)], [b, Buffer.alloc(1000, 2)]], diskWithRoom(1500));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZineError);
    expect((err as ZineError).message).toBe(`cannot write ${b}: the disk is full (ENOSPC)`);
    expect((err as ZineError).hint).toMatch(/^Free some space/);
    expectUntouched(dir, before);
  });

  it('a second build that fails at write time leaves the first build’s PDFs and SHA256SUMS byte-identical', async () => {
    const root = makeProject({ body: '# First\n\nThe first version.\n' });
    const o = buildOptions(root, { booklet: true });
    const out = join(root, 'build');
    writeEditions([await renderEdition('xx', o)], { checksums: out });
    const before = snapshot(out);
    expect([...before.keys()]).toEqual(['SHA256SUMS', 'safety-xx-booklet.pdf', 'safety-xx.pdf']);
    // SHA256SUMS, written with the PDFs, lists them as they are on disk.
    const sha = (f: string) => createHash('sha256').update(readFileSync(join(out, f))).digest('hex');
    expect(before.get('SHA256SUMS')!.toString()).toBe(`${sha('safety-xx-booklet.pdf')}  safety-xx-booklet.pdf\n${sha('safety-xx.pdf')}  safety-xx.pdf\n`);

    writeFileSync(join(root, 'content', 'xx', '01-guide.md'), '---\ntitle: Safety test guide\n---\n\n# Second\n\nA second, longer version of the text.\n');
    const second = await renderEdition('xx', o);
    // The new PDFs differ: had they been written, the check below would see it.
    expect(second.files.every(([p, data]) => !Buffer.from(data).equals(before.get(p.split('/').at(-1)!)!))).toBe(true);
    const room = second.files[0][1].length + 100; // the reading edition fits, the booklet does not
    expect(() => writeEditions([second], { write: diskWithRoom(room), checksums: out })).toThrow(/^cannot write .*safety-xx-booklet\.pdf: the disk is full \(ENOSPC\)$/);
    expectUntouched(out, before);
  });
});

describe('an output folder that cannot be written', () => {
  it('a file where the output folder should be', () => {
    const root = makeProject();
    writeFileSync(join(root, 'out'), 'a file');
    expectUserError(runCli(['--root', root, 'build', '--out', 'out']), /^cannot write \S*out: a file stands where a folder should be \(EEXIST\)$/);
    expectUserError(runCli(['--root', root, 'build', '--out', 'out/pdfs']), /^cannot write \S*out\/pdfs: a file stands where a folder should be \(ENOTDIR\)$/);
    expect(readFileSync(join(root, 'out'), 'utf8')).toBe('a file');
  });
});

/** Real file systems of our own: a full one and a read-only one (needs root, as CI and sessions are). */
const mounts: string[] = [];
function mountTmpfs(options: string): string | null {
  const dir = tempDir('zine-mount-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  mounts.push(dir);
  return dir;
}
afterAll(() => {
  for (const m of mounts.splice(0)) spawnSync('umount', [m]);
});
const canMount = (() => {
  const m = mountTmpfs('size=16k');
  return m !== null;
})();

describe.runIf(canMount)('real disks (tmpfs)', () => {
  it('a full disk: exit 1, the path and what to do, the last good PDFs byte-identical, no temp file', () => {
    const root = makeProject();
    const disk = mountTmpfs('size=300k')!;
    expect(runCli(['--root', root, 'build', '--out', disk]).status).toBe(0);
    const before = snapshot(disk);
    expect([...before.keys()]).toEqual(['SHA256SUMS', 'safety-xx-booklet.pdf', 'safety-xx.pdf']);
    // Fill what is left, then change the guide and build again.
    const filler = join(disk, '..filler');
    try {
      writeFileSync(filler, Buffer.alloc(400 * 1024));
    } catch {
      // full: what we wanted
    }
    before.set('..filler', readFileSync(filler));
    writeFileSync(join(root, 'content', 'xx', '01-guide.md'), '---\ntitle: Safety test guide\n---\n\n# Changed\n\nNew text.\n');
    expectUserError(runCli(['--root', root, 'build', '--out', disk]), /^cannot write \S+safety-xx\.pdf: the disk is full \(ENOSPC\)$/);
    expectUntouched(disk, new Map([...before].sort(([x], [y]) => (x < y ? -1 : 1))));
  });

  it('a read-only disk: exit 1, the path and what to do', () => {
    const root = makeProject();
    const disk = mountTmpfs('size=64k,ro')!;
    expectUserError(runCli(['--root', root, 'build', '--out', join(disk, 'build')]), /^cannot write \S+build: a folder on the way does not exist and could not be made \(ENOENT\)$/);
    const disk2 = mountTmpfs('size=64k')!;
    mkdirSync(join(disk2, 'build'));
    expect(spawnSync('mount', ['-o', 'remount,ro', disk2]).status).toBe(0);
    expectUserError(runCli(['--root', root, 'build', '--out', join(disk2, 'build')]), /^cannot write \S+safety-xx\.pdf: the disk is read-only \(EROFS\)$/);
  });
});

describe('a file that vanishes mid-build', () => {
  it('a Markdown file listed but gone when read: its path, what happened, what to do; check says it too', () => {
    const root = makeProject();
    symlinkSync(join(root, 'nowhere.md'), join(root, 'content', 'xx', '02-gone.md')); // listed, then not there
    const message = /^content\/xx\/02-gone\.md:1:1 cannot read this file: it is not there any more \(ENOENT\)$/;
    expectUserError(runCli(['--root', root, 'build']), message);
    const r = runCli(['check', '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^content\/xx\/02-gone\.md:1:1 cannot read this file: it is not there any more \(ENOENT\)\n {2}It was removed or renamed/m);
  });

  it('an image found, then removed before it is read: an error at the figure that shows it', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).png().toBuffer();
    const body = '# Pictures\n\n![Shared](shared.png "Shared")\n';
    const root = makeProject({ images: { 'shared.png': png, 'yy/other.png': png } });
    mkdirSync(join(root, 'content', 'yy'));
    writeFileSync(join(root, 'content', 'yy', 'strings.yml'), readFileSync(join(root, 'content', 'xx', 'strings.yml')));
    writeFileSync(join(root, 'content', 'yy', '01-guide.md'), `---\ntitle: Y\n---\n\n${body}`);
    // yy has images of its own, so it is warned that it uses the shared one: the warning comes between
    // finding the image and reading it, and is where the image is taken away.
    const warn = () => unlinkSync(join(root, 'images', 'shared.png'));
    const err = await renderEdition('yy', buildOptions(root, { warn })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZineError);
    const line = `---\ntitle: Y\n---\n\n${body}`.split('\n').findIndex((l) => l.includes('shared.png')) + 1;
    expect((err as ZineError).format()).toMatch(new RegExp(`^content/yy/01-guide\\.md:${line}:\\d+ cannot read \\S*images/shared\\.png: it is not there any more \\(ENOENT\\)\\n {2}It was removed`));
  });
});
