import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatStatus, translationStatus } from '../../src/status.js';
import { repo, tempProject } from '../project.js';

const dir = tempProject();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[], root: string) => spawnSync(process.execPath, [join(repo, 'bin/zine.mjs'), '--root', root, ...args], { encoding: 'utf8' });

describe('translation status', () => {
  it('reports every translation of this repository up to date', () => {
    const report = translationStatus(repo);
    expect(report.map((l) => l.lang).sort()).toEqual(['ar', 'de', 'en', 'es', 'fa', 'nl']);
    for (const l of report) expect(l.files.filter((f) => f.state !== 'ok'), l.lang).toEqual([]);
    expect(cli(['status', '--strict'], repo).status).toBe(0);
  });

  it('detects a changed source file, a missing file and an unmarked translation', () => {
    appendFileSync(join(dir, 'content/fr/03-riot.md'), '\nUne phrase ajoutée.\n');
    rmSync(join(dir, 'content/de/05-s-organiser-physiquement.md'));
    const es = join(dir, 'content/es/02-avant-de-commencer.md');
    writeFileSync(es, readFileSync(es, 'utf8').replace(/^source-hash:.*\n/m, ''));

    const report = translationStatus(dir);
    const state = (lang: string, file: string) => report.find((l) => l.lang === lang)!.files.find((f) => f.file.endsWith(file))!.state;
    for (const lang of ['en', 'nl', 'de', 'es', 'ar', 'fa']) expect(state(lang, '03-riot.md'), lang).toBe('outdated');
    expect(state('en', '01-intro.md')).toBe('ok');
    expect(state('de', '05-s-organiser-physiquement.md')).toBe('missing');
    expect(state('es', '02-avant-de-commencer.md')).toBe('untranslated');

    const text = formatStatus(report);
    expect(text).toMatch(/de: 2 to do/);
    expect(text).toMatch(/outdated\s+content\/en\/03-riot\.md/);

    const strict = cli(['status', '--strict'], dir);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('missing      content/de/05-s-organiser-physiquement.md');
    expect(cli(['status'], dir).status).toBe(0);
  });
});
