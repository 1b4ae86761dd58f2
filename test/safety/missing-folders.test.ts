import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repo, STRINGS_YML, write } from '../project.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(md: string, fonts: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'zine-missing-'));
  dirs.push(dir);
  write(dir, 'content/xx/strings.yml', STRINGS_YML);
  write(dir, 'content/xx/01.md', md);
  if (fonts) symlinkSync(join(repo, 'fonts'), join(dir, 'fonts'));
  return dir;
}
const build = (dir: string) => spawnSync(process.execPath, [join(repo, 'bin/zine.mjs'), '--root', dir, 'build'], { encoding: 'utf8' });

describe('a project missing a whole folder', () => {
  it('without images/: the figure’s line and what to do', () => {
    const r = build(project('---\ntitle: T\n---\n\n# A\n\nText.\n\n![y](b.png)\n', true));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^content\/xx\/01\.md:9:\d+ image not found: b\.png\n {2}There is no images\/ folder/);
  });

  it('without fonts/: the font file and what to do, never an internal error', () => {
    const r = build(project('---\ntitle: T\n---\n\n# A\n\nText.\n', false));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^fonts:1:1 no fonts\/ folder/);
    expect(r.stderr).toContain('Restore fonts/');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('a folder that holds no guide', () => {
  it('build and status say so, with what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zine-empty-'));
    dirs.push(dir);
    write(dir, 'content/.keep', '');
    for (const cmd of ['build', 'status']) {
      const r = spawnSync(process.execPath, [join(repo, 'bin/zine.mjs'), '--root', dir, cmd], { encoding: 'utf8' });
      expect(r.status, cmd).toBe(1);
      expect(r.stderr, cmd).toMatch(/^content:1:1 no guide here/);
    }
  });

  it('a source language without its folder is named', () => {
    const dir = project('# A\n', true);
    write(dir, 'content/zine.yml', 'source: fr\n');
    const r = spawnSync(process.execPath, [join(repo, 'bin/zine.mjs'), '--root', dir, 'status'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^content\/zine\.yml:1:1 source language "fr" has no folder in content\//);
  });
});
