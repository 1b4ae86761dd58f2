import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { systemError } from '../errors.js';

/**
 * Who writes a temporary file: the process and its thread. A build's two threads (src/parallel.ts)
 * write the same kept files (a font subset, an image both languages use): with the process alone, one
 * thread's rename could move the other's half-written file into place.
 */
export const writer = `${process.pid}-${threadId}`;

/** How bytes reach a file: Node's, or a test's stand-in for a disk that fills up. */
export type WriteFile = (path: string, data: Uint8Array | string) => void;

/**
 * Write through a temporary file in the same folder, then rename: a reader (or a crash) never sees a
 * half-written PDF, and a failed build leaves the last good file where it was.
 */
export function writeAtomic(path: string, data: Uint8Array | string, write: WriteFile = writeFileSync): void {
  writeAllAtomic([[path, data]], write);
}

/**
 * Every file written to its temporary file first, and only then all renamed: a disk that fills up
 * (or a folder that cannot be written) on the last file leaves every previous file as it was, and no
 * temporary file behind. Failures of the machine come out as errors that say what to do.
 */
export function writeAllAtomic(files: [string, Uint8Array | string][], write: WriteFile = writeFileSync): void {
  const temps: [string, string][] = [];
  try {
    for (const [path, data] of files) {
      const dir = dirname(path);
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw systemError(e, dir, 'write');
      }
      const tmp = join(dir, `.${basename(path)}.${writer}.tmp`);
      temps.push([tmp, path]);
      try {
        write(tmp, data);
      } catch (e) {
        throw systemError(e, path, 'write');
      }
    }
    for (const [tmp, path] of temps) {
      try {
        renameSync(tmp, path);
      } catch (e) {
        throw systemError(e, path, 'write');
      }
    }
  } catch (e) {
    for (const [tmp] of temps) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // a folder we cannot write to holds no temporary file of ours either
      }
    }
    throw e;
  }
}
