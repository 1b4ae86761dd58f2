/**
 * `zine check`: the whole guide read in every language, every error and warning reported in one run,
 * grouped by file and sorted by line; exit 1 when any error. `build` fails on the same errors.
 * Where each problem is expected comes from the Markdown written here (the line holding its text),
 * never from the code under test.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, makeProject, runCli } from '../safety/helpers.js';

afterAll(cleanup);

/** What the covers need, so that a guide has nothing to warn about but what a test puts in it. */
const COVERS = 'publisher: Us\nback: Pass it on.\n';

const XX1 = [
  '---',
  'title: Check me',
  'publisher: Us',
  'back: Pass it on.',
  '---',
  '',
  '# First',
  '',
  'A paragraph with <span>raw HTML</span> inside.',
  '',
  'A good paragraph between two bad ones.',
  '',
  '- a good item',
  '- an item with a [bad link](javascript:alert(1))',
  '- another good item',
  '',
  '![Missing](not-there.png "Not there")',
  '',
  'A cat 𓃠 no font has.',
  '',
  '::: spoiler',
  'Hidden.',
  ':::',
  '',
  'The last good paragraph.',
  '',
].join('\n');
const XX2 = '---\ntitle: [unclosed\n---\n\n# Second\n\nText.\n';
const XX3 = '# Third\n\nFine text.\n\n<div>a block of HTML</div>\n\nMore fine text.\n';
const YY1 = '---\ntitle: Y guide\npublisher: Us\nback: Pass it on.\n---\n\n# Y\n\n![Shared](shared.png "Shared")\n\n![Gone](gone.png)\n';

/** `path:line:col` of the first line of `text` holding `needle` (1-based line and column). */
function at(path: string, text: string, needle: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${path}`);
  return `${path}:${i + 1}`;
}

let root: string;
beforeAll(async () => {
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#48a' } }).png().toBuffer();
  root = makeProject({ raw: XX1, files: { '02-second.md': XX2, '03-third.md': XX3 }, images: { 'shared.png': png, 'yy/other.png': png } });
  mkdirSync(join(root, 'content', 'yy'));
  copyFileSync(join(root, 'content', 'xx', 'strings.yml'), join(root, 'content', 'yy', 'strings.yml'));
  writeFileSync(join(root, 'content', 'yy', '01-guide.md'), YY1);
});

describe('zine check', () => {
  let out: { status: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    out = runCli(['check', '--root', root]);
  });

  const F1 = 'content/xx/01-guide.md';
  const F2 = 'content/xx/02-second.md';
  const F3 = 'content/xx/03-third.md';
  const Y1 = 'content/yy/01-guide.md';

  it('exits 1 and reports every error of every file and language in one run', () => {
    expect(out.status, out.stderr).toBe(1);
    expect(out.stderr).toBe('');
    const expected = [
      [at(F1, XX1, '<span>'), 'raw HTML is not allowed'],
      [at(F1, XX1, 'javascript:'), 'link "javascript:alert(1)" is not allowed'],
      [at(F1, XX1, 'not-there.png'), 'image not found: not-there.png'],
      [at(F1, XX1, '𓃠'), '1 character cannot be set'],
      [at(F1, XX1, '::: spoiler'), 'unknown block "::: spoiler"'],
      [at(F2, XX2, 'title:'), 'broken YAML'],
      [at(F3, XX3, '<div>'), 'raw HTML is not allowed'],
      [at(Y1, YY1, 'gone.png'), 'image not found: gone.png'],
    ];
    for (const [place, message] of expected) expect(out.stdout, `${place} ${message}`).toMatch(new RegExp(`^${place}:\\d+ ${message.replace(/[()[\]]/g, '\\$&')}`, 'm'));
  });

  it('reports warnings too, marked as such: the shared image a translation with its own images/ lacks', () => {
    expect(out.stdout).toMatch(new RegExp(`^${at(Y1, YY1, 'shared.png')}:\\d+ warning: no yy version of shared\\.png: using images/shared\\.png\\n {2}Add images/yy/shared\\.png\\.$`, 'm'));
  });

  it('groups by file (a heading line each, files in order) and sorts each file by line', () => {
    const headings = out.stdout.split('\n').filter((l) => /^content\/\S+ \(\d+ errors?, \d+ warnings?\)$/.test(l));
    expect(headings).toEqual([`${F1} (5 errors, 0 warnings)`, `${F2} (1 error, 0 warnings)`, `${F3} (1 error, 0 warnings)`, `${Y1} (1 error, 1 warning)`]);
    // Under each heading, only that file's lines, in line order.
    for (const block of out.stdout.split('\n\n').filter((b) => b.startsWith('content/'))) {
      const [heading, ...rest] = block.split('\n');
      const file = heading.split(' ')[0];
      const located = rest.filter((l) => !l.startsWith(' '));
      expect(located.every((l) => l.startsWith(`${file}:`)), block).toBe(true);
      const lines = located.map((l) => Number(l.split(':')[1]));
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      // Each message is followed by its hint, indented.
      for (const [i, l] of rest.entries()) if (!l.startsWith(' ') && !l.includes('cannot be set')) expect(rest[i + 1], l).toMatch(/^ {2}\S/);
    }
  });

  it('ends with a summary line', () => {
    expect(out.stdout.trimEnd().split('\n').at(-1)).toBe('8 errors, 1 warning in 4 files (4 Markdown files checked in 2 languages)');
  });

  it('--lang checks only the languages named', () => {
    const r = runCli(['check', '--root', root, '--lang', 'yy']);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('content/xx/');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 1 warning in 1 file (1 Markdown file checked in 1 language)');
  });

  it('build fails on the same errors: those of the first language, up to the stage that found them, exit 1', () => {
    const r = runCli(['--root', root, 'build', '--no-booklet']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const located = r.stderr.split('\n').filter((l) => /^content\//.test(l));
    const checked = out.stdout.split('\n').filter((l) => /^content\/xx\/\S+:\d+:\d+ /.test(l));
    // Load, parse and images stop the build before layout: every error but the character no font has.
    expect(located).toEqual(checked.filter((l) => !l.includes('cannot be set')));
    expect(located.length).toBe(checked.length - 1);
  });

  it('a guide without a fault: exit 0, and the summary says nothing was found', () => {
    const clean = makeProject({ body: '# Fine\n\nNothing wrong here.\n', frontMatter: COVERS });
    const r = runCli(['check', '--root', clean]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('0 errors, 0 warnings in 0 files (1 Markdown file checked in 1 language)\n');
  });

  it('warnings only: exit 0, and a layout warning points at its figure', async () => {
    // A 1x screenshot 3000 px wide: its interface text cannot print legibly in any column.
    const wide = await sharp({ create: { width: 3000, height: 200, channels: 3, background: '#ccc' } }).png().toBuffer();
    const body = '# Wide\n\nA screenshot far too wide:\n\n![Wide](wide.png "Wide")\n';
    const dir = makeProject({ body, frontMatter: COVERS, images: { 'wide.png': wide } });
    const r = runCli(['check', '--root', dir]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const file = `---\ntitle: Safety test guide\n${COVERS}---\n\n${body}`;
    expect(r.stdout).toMatch(new RegExp(`^${at('content/xx/01-guide.md', file, 'wide.png')}:\\d+ warning: interface text in wide\\.png prints at about [\\d.]+ pt \\(under 6 pt\\)\\n {2}\\S`, 'm'));
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 errors, 1 warning in 1 file (1 Markdown file checked in 1 language)');
  });
});
