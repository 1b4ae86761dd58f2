import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { count, Diagnostics, systemError, ZineError } from './errors.js';

/**
 * `npm run zine -- <command>`. Each command imports only the stages it needs: `status` never loads
 * pdfkit or sharp, `impose` never loads the layout engine.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('zine').version('0.1.0').description('Markdown guides -> printable, multilingual A5 zines').option('--root <dir>', 'project folder (holds content/, images/, fonts/)', '.');

  const warn = (m: string) => process.stderr.write(`warning: ${m}\n`);

  program
    .command('build')
    .description('build the reading PDF and the print booklet for each language')
    .option('--lang <codes>', 'comma-separated languages (default: every folder in content/)')
    .option('--out <dir>', 'output folder', 'build')
    .option('--no-booklet', 'skip the imposed booklet')
    .option('--press', 'also write the print-shop edition (<slug>-<lang>-press.pdf: 3 mm bleed, crop marks)')
    .option('--phone', 'also write the phone edition (<slug>-<lang>-phone.pdf: narrow pages, larger text)')
    .option('--grayscale', 'every image and colour in gray, for photocopiers')
    .addOption(new Option('--sheet <size>', 'booklet sheet (auto: twice the page)').choices(['auto', 'a4', 'letter', 'a5', 'a3']).default('auto'))
    .addOption(new Option('--flip <edge>', 'duplex flip edge of your printer').choices(['short', 'long']).default('short'))
    .action(async (opts: { lang?: string; out: string; booklet: boolean; press?: boolean; phone?: boolean; grayscale?: boolean; sheet: 'auto' | 'a4' | 'letter' | 'a5' | 'a3'; flip: 'short' | 'long' }) => {
      const root = resolve(program.opts().root);
      const { listLanguages, readGuideConfig } = await import('./1-load/loadGuide.js');
      const { writeEditions, assertLanguages } = await import('./pipeline.js');
      const { renderLanguages } = await import('./parallel.js');
      readGuideConfig(root); // a folder without a guide, or a wrong source language, fails here
      const available = listLanguages(root);
      const langs = opts.lang ? [...new Set(opts.lang.split(',').map((s) => s.trim()).filter(Boolean))] : available;
      assertLanguages(langs, available);
      const outDir = resolve(root, opts.out);
      const t0 = performance.now();
      // ZINE_STATS=1: time per stage and peak memory on stderr as JSON, for `npm run bench`.
      const stages: Record<string, number> = {};
      const timing = process.env.ZINE_STATS ? (s: string, ms: number) => (stages[s] = (stages[s] ?? 0) + ms) : undefined;
      // Every language is built before anything is written: one failing leaves all the old files as they were.
      const { results, threads } = await renderLanguages(langs, { root, outDir, booklet: opts.booklet, press: Boolean(opts.press), phone: Boolean(opts.phone), grayscale: Boolean(opts.grayscale), sheet: opts.sheet, flip: opts.flip, warn, timing });
      writeEditions(results, { timing, checksums: outDir });
      for (const r of results) process.stdout.write(`${r.lang}: ${r.pages} pages -> ${r.files.map(([p]) => p.replace(root + '/', '')).join(', ')}\n`);
      process.stdout.write(`done in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`);
      if (timing) process.stderr.write(`ZINE_STATS ${JSON.stringify({ stages, maxRssMB: process.resourceUsage().maxRSS / 1024, threads })}\n`);
    });

  program
    .command('check')
    .description('read the whole guide in every language and list every error and warning, by file (writes nothing)')
    .option('--lang <codes>', 'comma-separated languages (default: every folder in content/)')
    .action(async (opts: { lang?: string }) => {
      const root = resolve(program.opts().root);
      const { listLanguages, markdownFiles, readGuideConfig } = await import('./1-load/loadGuide.js');
      const { checkEdition, assertLanguages } = await import('./pipeline.js');
      readGuideConfig(root); // no guide here, or a zine.yml we cannot read: nothing else can be checked
      const available = listLanguages(root);
      const langs = opts.lang ? [...new Set(opts.lang.split(',').map((s) => s.trim()).filter(Boolean))] : available;
      assertLanguages(langs, available);
      const d = new Diagnostics();
      const o = { root, outDir: resolve(root, 'build'), booklet: false, press: false, grayscale: false, sheet: 'auto' as const, flip: 'short' as const, warn: () => {} };
      for (const lang of langs) await checkEdition(lang, o, d);
      const files = langs.reduce((n, l) => n + markdownFiles(root, l).length, 0);
      process.stdout.write(d.format(`${count(files, 'Markdown file')} checked in ${count(langs.length, 'language')}`));
      if (d.errors.length) process.exitCode = 1;
    });

  program
    .command('impose')
    .description('impose any PDF as a saddle-stitched booklet (PDF in, PDF out)')
    .argument('<in>', 'input PDF, pages in reading order')
    .requiredOption('-o, --output <file>', 'output PDF')
    .addOption(new Option('--sheet <size>', 'sheet size (auto: twice the page)').choices(['auto', 'a4', 'letter', 'a5', 'a3']).default('auto'))
    .addOption(new Option('--flip <edge>', 'duplex flip edge').choices(['short', 'long']).default('short'))
    .option('--marks', 'fold and crop marks')
    .option('--signature <pages>', 'pages per signature (multiple of 4) for thick booklets', (v) => Number(v))
    .option('--creep <mm>', 'total creep compensation in mm', (v) => Number(v))
    .addOption(new Option('--binding <edge>', 'bound edge (right: for right-to-left languages)').choices(['left', 'right']).default('left'))
    .action(async (input: string, opts: { output: string; sheet: 'auto' | 'a4' | 'letter' | 'a5' | 'a3'; flip: 'short' | 'long'; marks?: boolean; signature?: number; creep?: number; binding: 'left' | 'right' }) => {
      const { readFileSync, existsSync } = await import('node:fs');
      const { imposeBooklet } = await import('./8-impose/index.js');
      const { writeAtomic } = await import('./9-write/atomicWrite.js');
      if (!existsSync(input)) throw new ZineError('input PDF not found', { file: input });
      if (opts.signature !== undefined && (!Number.isInteger(opts.signature) || opts.signature < 4 || opts.signature % 4)) {
        throw new ZineError(`--signature ${opts.signature} must be a multiple of 4`, { file: input });
      }
      let out: Uint8Array;
      try {
        out = await imposeBooklet(readFileSync(input), { sheet: opts.sheet, flip: opts.flip, marks: Boolean(opts.marks), signature: opts.signature, creep: opts.creep, binding: opts.binding });
      } catch (e) {
        if (e instanceof ZineError) throw e;
        throw new ZineError(`cannot impose: ${(e as Error).message}`, { file: input }, 'Is it a valid, unencrypted PDF?');
      }
      writeAtomic(opts.output, out);
      process.stdout.write(`${opts.output}\n`);
    });

  program
    .command('status')
    .description('translation status: missing, untranslated or outdated files per language')
    .option('--strict', 'exit non-zero when anything is missing or outdated')
    .action(async (opts: { strict?: boolean }) => {
      const { translationStatus, formatStatus } = await import('./status.js');
      const report = translationStatus(resolve(program.opts().root));
      process.stdout.write(formatStatus(report));
      if (opts.strict && report.some((l) => l.files.some((f) => f.state !== 'ok'))) process.exitCode = 1;
    });

  await program.parseAsync(argv).catch((e: unknown) => {
    // A failure of the machine wherever it struck (a folder gone, a disk full): the path and what to do.
    e = systemError(e);
    if (e instanceof ZineError) {
      process.stderr.write(`${e.format()}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`zine: internal error: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = 2;
    }
  });
}
