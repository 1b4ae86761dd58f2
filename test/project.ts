import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '..');

/** A throwaway project: copies of content/ (and images/ when asked), the real fonts linked in. */
export function tempProject(opts: { content?: boolean; images?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'zine-test-'));
  symlinkSync(join(repo, 'fonts'), join(dir, 'fonts'));
  if (opts.content !== false) cpSync(join(repo, 'content'), join(dir, 'content'), { recursive: true });
  else mkdirSync(join(dir, 'content'));
  if (opts.images) cpSync(join(repo, 'images'), join(dir, 'images'), { recursive: true });
  else mkdirSync(join(dir, 'images'));
  return dir;
}

export function write(dir: string, path: string, text: string | Buffer): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A strings.yml with every key, so test guides do not depend on this repository's content/. */
export const STRINGS_YML = ['contents: Contents', 'links: Links', 'linksIntro: Every link of this guide.', 'figure: Figure', 'backLabel: Pass it on'].join('\n') + '\n';
