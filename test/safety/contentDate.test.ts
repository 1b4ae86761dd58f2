/**
 * The date a PDF carries is the last commit of its language's content (src/1-load/contentDate.ts),
 * kept by HEAD so that git is not run at every build. The answer is git's own, asked here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headCommit, lastContentCommit } from '../../src/1-load/contentDate.js';
import { cleanup, gitAt, tempDir } from './helpers.js';

afterAll(cleanup);

function repo() {
  const root = join(tempDir('zine-dates-'), 'guide');
  mkdirSync(join(root, 'content', 'xx'), { recursive: true });
  mkdirSync(join(root, 'content', 'yy'), { recursive: true });
  let when = 1_500_000_000;
  const git = gitAt(root, () => when);
  const commit = (file: string, text: string) => {
    when += 86_400;
    writeFileSync(join(root, file), text);
    git('add', '-A');
    git('commit', '-q', '-m', file);
  };
  git('init', '-q', '-b', 'main');
  /** git's own answer, as the build asked it before it kept answers. */
  const gitSays = (lang: string, cwd = root) => Number(execFileSync('git', ['log', '-1', '--format=%ct', '--', `content/${lang}`], { cwd, encoding: 'utf8' }).trim());
  return { root, git, commit, gitSays };
}

/** Run `f` with no git to be found: a kept answer is all there is. */
async function withoutGit<T>(f: () => Promise<T>): Promise<T> {
  const path = process.env.PATH;
  process.env.PATH = '';
  try {
    return await f();
  } finally {
    process.env.PATH = path;
  }
}

describe('the date of the content', () => {
  it("is git's date of the language's last commit, kept while HEAD stays, asked again when it moves", async () => {
    const { root, commit, git, gitSays } = repo();
    commit('content/xx/01.md', '# One\n');
    commit('content/yy/01.md', '# Un\n');
    expect(await lastContentCommit(root, 'xx')).toBe(gitSays('xx'));
    expect(await lastContentCommit(root, 'yy')).toBe(gitSays('yy'));
    expect(gitSays('yy')).toBeGreaterThan(gitSays('xx'));
    // Kept: git is not needed again for this HEAD.
    expect(await withoutGit(() => lastContentCommit(root, 'xx'))).toBe(gitSays('xx'));
    expect(JSON.parse(readFileSync(join(root, '.cache', 'content-dates.json'), 'utf8')).head).toBe(git('rev-parse', 'HEAD'));

    // A commit elsewhere moves HEAD, not the content's date; one in content/xx moves it.
    commit('README.md', 'hello\n');
    expect(await lastContentCommit(root, 'xx')).toBe(gitSays('xx'));
    commit('content/xx/02.md', '# Two\n');
    const moved = await lastContentCommit(root, 'xx');
    expect(moved).toBe(gitSays('xx'));
    expect(moved).toBeGreaterThan(gitSays('yy'));
  });

  it('reads HEAD as git does: a branch, packed refs, a detached HEAD, a worktree', () => {
    const { root, commit, git } = repo();
    commit('content/xx/01.md', '# One\n');
    expect(headCommit(root)).toBe(git('rev-parse', 'HEAD'));
    commit('content/xx/02.md', '# Two\n');
    git('pack-refs', '--all');
    expect(existsSync(join(root, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(headCommit(root)).toBe(git('rev-parse', 'HEAD'));
    git('checkout', '-q', 'HEAD~1');
    expect(headCommit(root)).toBe(git('rev-parse', 'HEAD'));
    git('checkout', '-q', 'main');
    const other = join(root, '..', 'other');
    git('worktree', 'add', '-q', '-b', 'side', other, 'HEAD~1');
    expect(headCommit(other)).toBe(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: other, encoding: 'utf8' }).trim());
    expect(headCommit(other)).not.toBe(headCommit(root));
  });

  it('a damaged kept file, a folder that is not a checkout, content never committed: git answers, or none', async () => {
    const { root, commit, gitSays } = repo();
    commit('content/xx/01.md', '# One\n');
    mkdirSync(join(root, '.cache'), { recursive: true });
    writeFileSync(join(root, '.cache', 'content-dates.json'), '{"head": "');
    expect(await lastContentCommit(root, 'xx')).toBe(gitSays('xx'));
    expect(await lastContentCommit(root, 'zz')).toBeNull();
    const bare = tempDir('zine-nogit-');
    expect(headCommit(bare)).toBeNull();
    expect(await lastContentCommit(bare, 'xx')).toBeNull();
  });
});
