/**
 * What only the bundle run by bin/zine.mjs does. `build` shares languages between two threads
 * (src/parallel.ts): the same bytes as one thread, the same words on the terminal in the same order,
 * the same failure (the answer each time is the one-thread build's, ZINE_THREADS=1, run by the same
 * launcher). Modules left out of the bundle or loaded on use: git for the content's date, pdf-lib for
 * a PDF our own imposition cannot read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { degrees, PDFDocument } from 'pdf-lib';
import { expectedReading, foldAndRead, makeInput, readSheets } from '../impose/helpers.js';
import { join } from 'node:path';
import { REPO, cleanup, commitContent, tempDir } from './helpers.js';

afterAll(cleanup);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function zine(root: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'zine.mjs'), ...args], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: '1600000000', ZINE_STATS: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The threads a build used, as its ZINE_STATS line says. */
const threads = (r: Run) => JSON.parse(/^ZINE_STATS (.*)$/m.exec(r.stderr)![1]).threads as number;
/** The terminal's words, without the figures that change from run to run. */
const words = (r: Run) => ({ stdout: r.stdout.replace(/done in .*/, ''), stderr: r.stderr.replace(/^ZINE_STATS .*\n/m, '') });
const pdfs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort() : []);

let root: string;
beforeAll(() => {
  root = join(tempDir('zine-parallel-'), 'clone');
  for (const d of ['bin', 'src', 'content', 'images', 'fonts']) cpSync(join(REPO, d), join(root, d), { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO, f), join(root, f));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
});

describe('a build of several languages on two threads', () => {
  it('writes the bytes one thread writes, and says the same, in the same order', async () => {
    const args = ['build', '--lang', 'fr,de,ar,en', '--out'];
    const one = await zine(root, [...args, 'one'], { ZINE_THREADS: '1' });
    const two = await zine(root, [...args, 'two']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(threads(one)).toBe(1);
    expect(threads(two)).toBe(2);
    expect(words(two)).toEqual({ ...words(one), stdout: words(one).stdout.replace(/\bone\//g, 'two/') });
    expect(two.stdout.match(/^\w\w(?=:)/gm)).toEqual(['fr', 'de', 'ar', 'en']);
    expect(pdfs(join(root, 'two'))).toEqual(pdfs(join(root, 'one')));
    expect(pdfs(join(root, 'two'))).toHaveLength(8);
    for (const f of pdfs(join(root, 'one'))) expect(readFileSync(join(root, 'two', f)).equals(readFileSync(join(root, 'one', f))), f).toBe(true);
  }, 120_000);

  it("hyphenates a word set across styles that the kept words lack: the patterns loaded, the book laid out again, the same bytes", async () => {
    // "**Verschlüsselungs**schlüssel" is one word to layout, two runs of text to the words a build looks up first.
    appendFileSync(join(root, 'content', 'de', '02-avant-de-commencer.md'), '\nDie **Verschlüsselungs**schlüsselverwaltung ist wichtig, und die **Sicherheits**einstellungen auch.\n');
    const args = ['build', '--lang', 'de', '--no-booklet', '--out'];
    const first = await zine(root, [...args, 'split-1']);
    expect(first.status, first.stderr).toBe(0);
    const kept = readdirSync(join(root, '.cache', 'dist'), { recursive: true, withFileTypes: true }).find((e) => e.isFile() && e.name === 'de.json' && e.parentPath.endsWith('hyphenation'))!;
    const file = join(kept.parentPath, kept.name);
    const words = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[]>;
    const joined = 'Verschlüsselungsschlüsselverwaltung';
    expect(words[joined], 'asked by layout, kept').toBeDefined();
    expect(words[joined].length).toBeGreaterThan(2);
    delete words[joined];
    writeFileSync(file, JSON.stringify(words));
    const second = await zine(root, [...args, 'split-2']);
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))[joined], 'hyphenated again: the patterns were loaded').toBeDefined();
    expect(readFileSync(join(root, 'split-2', 'petit-guide-de.pdf')).equals(readFileSync(join(root, 'split-1', 'petit-guide-de.pdf')))).toBe(true);
  }, 60_000);

  it('one language read alone is not shared: one thread', async () => {
    const r = await zine(root, ['build', '--lang', 'fr', '--no-booklet', '--out', 'alone']);
    expect(r.status, r.stderr).toBe(0);
    expect(threads(r)).toBe(1);
  }, 60_000);

  it("dates every language's PDFs by git's last commit of its content (the bundle loads what asks git only then)", async () => {
    const when = 1_555_555_555;
    commitContent(root, when);
    for (const run of ['dated', 'dated-again']) {
      const r = await zine(root, ['build', '--lang', 'fr,de', '--no-booklet', '--out', run], { SOURCE_DATE_EPOCH: '' });
      expect(r.status, r.stderr).toBe(0);
      for (const f of pdfs(join(root, run))) {
        const doc = await PDFDocument.load(readFileSync(join(root, run, f)), { updateMetadata: false });
        expect(doc.getCreationDate()?.getTime(), `${run}/${f}`).toBe(when * 1000);
      }
    }
  }, 120_000);

  it('imposes with pdf-lib, loaded from node_modules, a PDF our reader refuses (a page turned)', async () => {
    const doc = await PDFDocument.load(await makeInput(8));
    doc.getPage(2).setRotation(degrees(90)); // refused by our reader; pdf-lib places the page as drawn
    const input = join(root, 'turned.pdf');
    writeFileSync(input, await doc.save());
    const r = await zine(root, ['impose', input, '-o', join(root, 'turned-booklet.pdf'), '--sheet', 'a4']);
    expect(r.status, r.stderr).toBe(0);
    expect(foldAndRead(readSheets(readFileSync(join(root, 'turned-booklet.pdf'))))).toEqual(expectedReading(8));
  }, 60_000);

  it("fails as one thread fails: the warnings of the languages before, the failing language's error, nothing written", async () => {
    // fr warns, de fails, en (after it) warns: what en says is never printed, as it is never reached.
    appendFileSync(join(root, 'content', 'fr', '01-intro.md'), '\n::: links\nA sentence the links page drops.\n:::\n');
    appendFileSync(join(root, 'content', 'de', '01-intro.md'), '\n![Nirgends](kein-bild-hier.png)\n');
    appendFileSync(join(root, 'content', 'en', '01-intro.md'), '\n::: links\nA sentence the links page drops.\n:::\n');
    const args = ['build', '--lang', 'fr,de,en', '--no-booklet', '--out'];
    const one = await zine(root, [...args, 'bad-one'], { ZINE_THREADS: '1' });
    const two = await zine(root, [...args, 'bad-two']);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(one.stderr).toMatch(/^warning: content\/fr\/01-intro\.md:\d+:\d+ .*links/m);
    expect(one.stderr).toMatch(/^content\/de\/01-intro\.md:\d+:\d+ .*kein-bild-hier/m);
    expect(one.stderr).not.toMatch(/content\/en\//);
    expect(two.stderr).toBe(one.stderr);
    expect(pdfs(join(root, 'bad-two'))).toEqual([]);
  }, 120_000);
});
