/**
 * When a language's content last changed: the time of the last commit that touched content/<lang>.
 * `git log` walks the history (50 ms of a build's 600 on this machine, and a process to start); its
 * answer stays the same while HEAD names the same commit, so it is kept in .cache/content-dates.json
 * under HEAD's commit id, read from .git's own files. A checkout whose HEAD cannot be read that way
 * (a project folder inside a bigger repository, an unusual .git) asks git every time.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeAtomic } from '../9-write/atomicWrite.js';

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The commit HEAD names, from the files of `root`/.git (a worktree's too), or null. */
export function headCommit(root: string): string | null {
  try {
    let gitDir = join(root, '.git');
    if (statSync(gitDir).isFile()) {
      const to = /^gitdir: (.+)$/m.exec(readFileSync(gitDir, 'utf8'))?.[1];
      if (!to) return null;
      gitDir = resolve(root, to.trim());
    }
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (COMMIT.test(head)) return head; // detached
    const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
    if (!ref) return null;
    // A worktree keeps its HEAD; branches are in the repository's common folder.
    const common = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const dir of [gitDir, common]) {
      const file = join(dir, ref);
      if (existsSync(file)) {
        const id = readFileSync(file, 'utf8').trim();
        return COMMIT.test(id) ? id : null;
      }
    }
    for (const line of readFileSync(join(common, 'packed-refs'), 'utf8').split('\n')) {
      const [id, name] = line.split(' ');
      if (name === ref && COMMIT.test(id)) return id;
    }
    return null; // a branch without commits yet
  } catch {
    return null; // not a checkout, or one we cannot read: git answers
  }
}

/** git's answer: seconds since 1970, or null (not a checkout, no commit of that folder, no git). */
async function askGit(root: string, lang: string): Promise<number | null> {
  const { execFile } = await import('node:child_process'); // loaded only when git is asked
  return new Promise((done) => {
    try {
      execFile('git', ['log', '-1', '--format=%ct', '--', `content/${lang}`], { cwd: root }, (error, stdout) => {
        const out = error ? '' : String(stdout).trim();
        done(/^\d+$/.test(out) ? Number(out) : null);
      });
    } catch {
      done(null); // git not installed
    }
  });
}

type Kept = { head: string; dates: Record<string, number> };

/** The time of content/<lang>'s last commit, in seconds, or null when there is none to be had. */
export async function lastContentCommit(root: string, lang: string): Promise<number | null> {
  const head = headCommit(root);
  if (!head) return askGit(root, lang);
  const file = join(root, '.cache', 'content-dates.json');
  let kept: Kept = { head, dates: {} };
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as Kept;
    if (read.head === head && read.dates && typeof read.dates === 'object') kept = read;
  } catch {
    // none yet, or damaged: asked again
  }
  const date = kept.dates[lang];
  if (typeof date === 'number' && Number.isFinite(date)) return date;
  const asked = await askGit(root, lang);
  if (asked === null) return null; // no commit of it yet (or git failed): asked again next time
  try {
    writeAtomic(file, JSON.stringify({ head, dates: { ...kept.dates, [lang]: asked } }));
  } catch {
    // a read-only checkout: git is asked at each build
  }
  return asked;
}
