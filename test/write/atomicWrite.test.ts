import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/9-write/atomicWrite.js';

/**
 * A hard link to the old file stands for a reader that opened it before the write (a PDF viewer, a
 * copy in progress): writing in place would change the bytes under it; a new file renamed over the
 * name leaves it the old file, whole.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zine-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));

describe('writeAtomic', () => {
  it('replaces the file by a new one: a reader of the old file keeps it whole, no temp file is left', () => {
    const target = join(dir, 'guide-fr.pdf');
    const reader = join(dir, 'reader.pdf');
    const old = bytes(200_000, 1);
    const next = bytes(50_000, 7);
    writeFileSync(target, old);
    linkSync(target, reader);

    writeAtomic(target, next);

    expect(readFileSync(reader).equals(old), 'the old file changed under its reader').toBe(true);
    expect(readFileSync(target).equals(next)).toBe(true);
    expect(statSync(target).ino).not.toBe(statSync(reader).ino);
    expect(readdirSync(dir).sort()).toEqual(['guide-fr.pdf', 'reader.pdf']);
  });

  it('creates the folder and the file when neither exists', () => {
    const target = join(dir, 'build', 'new.pdf');
    writeAtomic(target, 'hello');
    expect(readFileSync(target, 'utf8')).toBe('hello');
    expect(readdirSync(join(dir, 'build'))).toEqual(['new.pdf']);
  });

  it('when the rename fails, throws and leaves no temp file (the old content stays where it was)', () => {
    const target = join(dir, 'out.pdf');
    mkdirSync(target); // a folder in the way: the rename cannot replace it
    writeFileSync(join(target, 'inside'), 'kept');
    expect(() => writeAtomic(target, bytes(1000, 3))).toThrow();
    expect(readdirSync(dir)).toEqual(['out.pdf']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
