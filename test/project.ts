import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
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

/**
 * A one-language guide of its own (slug `t`): its zine.yml, its strings.yml (in the order contents, links,
 * linksIntro, figure, backLabel), one Markdown file, and a plain 600 × 400 screenshot at images/shot.png.
 */
export async function oneLanguageGuide(lang: string, strings: [string, string, string, string, string], markdown: string): Promise<string> {
  const root = tempProject({ content: false });
  write(root, 'content/zine.yml', `slug: t\nsource: ${lang}\n`);
  const keys = ['contents', 'links', 'linksIntro', 'figure', 'backLabel'];
  write(root, `content/${lang}/strings.yml`, strings.map((v, i) => `${keys[i]}: ${v}`).join('\n') + '\n');
  write(root, `content/${lang}/01-guide.md`, markdown);
  write(root, 'images/shot.png', await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3366aa' } }).png().toBuffer());
  return root;
}
