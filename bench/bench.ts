/**
 * `npm run bench`: wall time and peak memory of whole `zine build` processes, with the time of each
 * stage, for the French zine (cold and warm image cache), for generated guides of 50, 100 and 200
 * pages (to show cost growing linearly with pages) and for a guide of long paragraphs and links pages
 * (the cost per page of text unlike ours). Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'zine.mjs');

interface Run {
  ms: number;
  maxRssMB: number;
  stages: Record<string, number>;
}

function run(projectRoot: string, args: string[]): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, '--root', projectRoot, 'build', ...args], { env: { ...process.env, ZINE_STATS: '1' }, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`build failed:\n${r.stderr}`);
  const stats = JSON.parse(/ZINE_STATS (.*)/.exec(r.stderr)![1]);
  return { ms, ...stats };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(label: string, runs: Run[], pages?: number) {
  const ms = median(runs.map((r) => r.ms));
  const rss = Math.max(...runs.map((r) => r.maxRssMB));
  const stages = Object.entries(runs[Math.floor(runs.length / 2)].stages)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  const perPage = pages ? `  ${(ms / pages).toFixed(1)} ms/page` : '';
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(3)} s  peak ${rss.toFixed(0)} MB${perPage}\n${''.padEnd(36)}stages (ms): ${stages}`);
}

/** A guide of about `pages` A5 pages: sections of paragraphs, lists and screenshots. */
function generatedGuide(pages: number): string {
  const dir = mkdtempSync(join(tmpdir(), `zine-bench-${pages}-`));
  mkdirSync(join(dir, 'content', 'xx'), { recursive: true });
  symlinkSync(join(root, 'fonts'), join(dir, 'fonts'));
  cpSync(join(root, 'images'), join(dir, 'images'), { recursive: true });
  cpSync(join(root, 'content', 'fr', 'strings.yml'), join(dir, 'content', 'xx', 'strings.yml'));
  writeFileSync(join(dir, 'content', 'zine.yml'), 'slug: bench\nsource: xx\n');
  const para = 'Une personne suffisamment formée doit être la première à ouvrir la visio-conférence, et chaque participant·e vérifie micro, caméra et connexion avant la réunion, afin que personne ne soit exclu des échanges.';
  const sections = Math.max(1, Math.round(pages / 2.15));
  for (let s = 0; s < sections; s++) {
    let md = s === 0 ? '---\ntitle: Guide de test\nsubtitle: Deux cents pages\nedition: 2020\nwebsite: https://example.org\n---\n\n' : '';
    md += `# Section ${s + 1}\n\n## Partie ${s + 1}\n\n`;
    for (let p = 0; p < 9; p++) md += `${para} ${p}.\n\n`;
    md += `- ${para}\n- ${para}\n\n![Capture](riot/call-failed.png "Capture ${s + 1}"){width=80%}\n\n`;
    writeFileSync(join(dir, 'content', 'xx', `${String(s).padStart(3, '0')}.md`), md);
  }
  return dir;
}

/**
 * A guide shaped like one written by others (issue 11): long paragraphs of long words, SVG diagrams,
 * lists of links, and three `::: links` (each prints every link with its QR code).
 */
function longParagraphsGuide(sections: number): string {
  const dir = mkdtempSync(join(tmpdir(), `zine-bench-long-`));
  mkdirSync(join(dir, 'content', 'en'), { recursive: true });
  mkdirSync(join(dir, 'images'));
  symlinkSync(join(root, 'fonts'), join(dir, 'fonts'));
  cpSync(join(root, 'content', 'en', 'strings.yml'), join(dir, 'content', 'en', 'strings.yml'));
  writeFileSync(join(dir, 'content', 'zine.yml'), 'slug: bench\nsource: en\n');
  for (let d = 0; d < 3; d++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300"><rect x="10" y="10" width="180" height="80" fill="#ddd" stroke="#000"/><rect x="400" y="200" width="180" height="80" fill="#eee" stroke="#000"/><path d="M190 50 L400 240" stroke="#000" stroke-width="3"/><circle cx="300" cy="150" r="${30 + d * 10}" fill="#c33"/></svg>`;
    writeFileSync(join(dir, 'images', `diagram${d}.svg`), svg);
  }
  const sentence = (i: number) => `The administrator of a community server should review the configuration of every federation setting before inviting people who depend on encrypted conversations for their safety, number ${i}, and document what was decided.`;
  const para = (n: number, k: number) => Array.from({ length: n }, (_, i) => sentence(k * 100 + i)).join(' ');
  let link = 0;
  const links = (n: number) => Array.from({ length: n }, () => (link++, `- Read the documentation of project ${link} at [its site](https://project${link}.example.org/docs/getting-started/installation.html) or the [forum](https://forum${link}.example.org/t/${link})`)).join('\n');
  for (let s = 0; s < sections; s++) {
    let md = s === 0 ? '---\ntitle: A long guide\nsubtitle: Written by others\nedition: 2024\npublisher: Others\nwebsite: https://example.org\nback: Pass it on.\n---\n\n' : '';
    md += `# Section ${s + 1}\n\n## Part ${s + 1}\n\n`;
    for (let p = 0; p < 4; p++) md += `${para(7, s * 10 + p)}\n\n`;
    md += `![Diagram](diagram${s % 3}.svg "How the pieces fit together ${s + 1}")\n\n## More ${s + 1}\n\n${para(9, s * 10 + 7)}\n\n`;
    if (s % 3 === 2) md += `## Links ${s}\n\n${links(7)}\n\n::: links\n:::\n\n`;
    writeFileSync(join(dir, 'content', 'en', `${String(s).padStart(2, '0')}.md`), md);
  }
  return dir;
}

execFileSync(process.execPath, [cli, '--version']); // the bundle is built before anything is timed
console.log(`node ${process.version}, ${process.platform} ${process.arch}; median of 3 runs; whole process\n`);

const out = mkdtempSync(join(tmpdir(), 'zine-bench-out-'));
const cache = join(root, '.cache', 'images');
const cold: Run[] = [];
for (let i = 0; i < 3; i++) {
  rmSync(cache, { recursive: true, force: true });
  cold.push(run(root, ['--lang', 'fr', '--out', out]));
}
report('fr reading + booklet, cold cache', cold);
report('fr reading + booklet, warm cache', [0, 1, 2].map(() => run(root, ['--lang', 'fr', '--out', out])));
report('fr reading only, warm cache', [0, 1, 2].map(() => run(root, ['--lang', 'fr', '--out', out, '--no-booklet'])));
run(root, ['--out', out]); // fills the image cache for every language
report('all languages, warm cache', [0, 1, 2].map(() => run(root, ['--out', out])));

for (const pages of [50, 100, 200]) {
  const dir = generatedGuide(pages);
  run(dir, ['--out', join(dir, 'build')]); // fills its image cache
  const runs = [0, 1, 2].map(() => run(dir, ['--out', join(dir, 'build')]));
  const count = Number(/\d+/.exec(execFileSync('pdfinfo', [join(dir, 'build', 'bench-xx.pdf')]).toString().split('\n').find((l) => l.startsWith('Pages'))!)![0]);
  report(`generated ${count} pages, warm cache`, runs, count);
  rmSync(dir, { recursive: true, force: true });
}
{
  const dir = longParagraphsGuide(9);
  run(dir, ['--out', join(dir, 'build'), '--no-booklet']); // fills its image cache
  const runs = [0, 1, 2].map(() => run(dir, ['--out', join(dir, 'build'), '--no-booklet']));
  const count = Number(/\d+/.exec(execFileSync('pdfinfo', [join(dir, 'build', 'bench-en.pdf')]).toString().split('\n').find((l) => l.startsWith('Pages'))!)![0]);
  report(`long paragraphs, links, ${count} pages`, runs, count);
  rmSync(dir, { recursive: true, force: true });
}
rmSync(out, { recursive: true, force: true });
