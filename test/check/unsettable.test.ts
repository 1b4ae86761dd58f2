/**
 * A script the guide's fonts cannot set (Arabic with Latin fonts only: no fonts/noto-sans-arabic), wherever it is written:
 * front matter, a heading, running text, the zine's strings. `build` and `check` name every character at
 * its first place and exit 1, never an internal error. Expected places come from the text written here.
 */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, makeProject, REPO, runCli, tempDir } from '../safety/helpers.js';

/** A project whose fonts/ has our Latin families only (no Arabic font folder). */
function latinOnly(spec: Parameters<typeof makeProject>[0]): string {
  const root = join(tempDir(), 'guide');
  mkdirSync(join(root, 'fonts'), { recursive: true });
  for (const d of readdirSync(join(REPO, 'fonts'))) if (d !== 'noto-sans-arabic') symlinkSync(join(REPO, 'fonts', d), join(root, 'fonts', d));
  return makeProject(spec, root);
}

afterAll(cleanup);

const GUIDE = ['---', 'title: دليل', 'publisher: Us', 'back: Pass it on.', '---', '', '# مقدمة', '', 'A paragraph with Signal, Android 10 and شكرا inside.', '', '- a list item', '- an item in ཀ Tibetan', ''].join('\n');

/** Where each character first occurs in the file: `path:line:col` with col 1 (a block's start), as the Markdown says. */
function firstLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    for (const ch of line) if (/[\u0600-\u06ff\u0f00-\u0fff]/.test(ch) && !out.has(ch)) out.set(ch, i + 1);
  });
  return out;
}

describe('a script no font of the guide has', () => {
  const root = latinOnly({ raw: GUIDE });
  const strings = join(root, 'content', 'xx', 'strings.yml');
  writeFileSync(strings, readFileSync(strings, 'utf8').replace(/^contents:.*$/m, 'contents: المحتويات'));

  for (const command of [['build', '--no-booklet'], ['check']]) {
    it(`${command[0]}: every character at its first place, exit 1, no internal error`, () => {
      const r = runCli([command[0], '--root', root, ...command.slice(1)]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).not.toMatch(/internal error/);
      const out = r.stdout + r.stderr;
      for (const [ch, line] of firstLines(GUIDE)) expect(out, ch).toContain(`"${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at content/xx/01-guide.md:${line}:`);
      for (const ch of 'المحتويات') if (!GUIDE.includes(ch)) expect(out, ch).toContain(`"${ch}" U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at content/xx/strings.yml:`);
      expect(out).toMatch(/Arabic letters are set in the Arabic font folder: restore fonts\/noto-sans-arabic\//);
    });
  }

  it('builds the same Arabic with the Arabic font folder (theme: fonts: arabic:, by default)', () => {
    const r = runCli(['build', '--root', makeProject({ raw: GUIDE.replace(' in ཀ Tibetan', '') }), '--no-booklet']);
    expect(r.status, r.stderr).toBe(0);
  });

  it('says Hebrew cannot be set yet, even with the Arabic font', () => {
    const hebrew = makeProject({ body: '# Intro\n\nA word שלום of Hebrew.\n', frontMatter: 'publisher: Us\nback: Pass it on.\n' });
    const r = runCli(['build', '--root', hebrew, '--no-booklet']);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/"ש" U\+05E9 at content\/xx\/01-guide\.md:\d+:\d+[\s\S]*Hebrew, Syriac, Thaana and N'Ko cannot be set yet/);
  });

  it('says what to do about a left-to-right script the fonts lack', () => {
    const tibetan = makeProject({ body: '# Intro\n\nA letter ཀ of Tibetan.\n', frontMatter: 'publisher: Us\nback: Pass it on.\n' });
    const r = runCli(['build', '--root', tibetan, '--no-booklet']);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/"ཀ" U\+0F40 at content\/xx\/01-guide\.md:\d+:\d+[\s\S]*set a font folder that has them/);
  });
});

describe('characters already found settable (one regular expression per face stack)', () => {
  it('never let a character no font has through after texts of regular-expression syntax ([ ] ^ - \\)', () => {
    const first = 'Keys: [x] ^ a-z \\ ] - ok.';
    const second = 'Keys again: [x] ^ a-z \\ ] - and ཀ.';
    const root = latinOnly({ raw: ['---', 'title: Keys', 'publisher: Us', 'back: Pass it on.', '---', '', '# Keys', '', first, '', second, ''].join('\n') });
    const r = runCli(['check', '--root', root]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/01-guide\.md:11:1 [\s\S]*"ཀ"/);
  });
});
