import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail } from './errors.js';
import { fontSet } from './fonts/fontMetrics.js';
import type { ImposeOptions } from './impose/index.js';
import { probeImage, processImage, type ImageInfo, type ImageProfile, type ProcessedImage } from './images/processImage.js';
import { resolveImage } from './images/resolveImage.js';
import { layoutBook } from './layout/book.js';
import { loadGuide, type LoadedGuide } from './load/loadGuide.js';
import { figureKey, type Block, type DocumentModel, type FigureAttrs } from './model/document.js';
import type { PageModel } from './model/page.js';
import { blocksOfKind } from './model/walk.js';
import { parseChapter } from './parse/toDocument.js';
import { renderPdf } from './render/renderPdf.js';
import { typesetDocument } from './typography/applyToDocument.js';
import { loadHyphenator } from './typography/hyphenate.js';
import { writeAtomic } from './write/atomicWrite.js';
import { PAGE } from './layout/style.js';

export interface BuildOptions {
  root: string;
  outDir: string;
  booklet: boolean;
  press: boolean;
  grayscale: boolean;
  sheet: ImposeOptions['sheet'];
  flip: ImposeOptions['flip'];
  /** Called with each warning (a missing translation of an image, illegible screenshot text). */
  warn: (message: string) => void;
  /** Called with each stage's duration, for the benchmark. */
  timing?: (stage: string, ms: number) => void;
}

export const PROFILES = {
  screen: { ppi: 150, grayscale: false },
  print: { ppi: 300, grayscale: false },
} satisfies Record<string, ImageProfile>;

interface FigureSource {
  attrs: FigureAttrs;
  bytes: Buffer;
  path: string;
  source: Block['source'];
  info: ImageInfo;
}

/** Every figure of the chapter, at every depth, in reading order. */
function figures(blocks: Block[]) {
  return blocksOfKind(blocks, 'figure');
}

/** Dates in the PDF: SOURCE_DATE_EPOCH, else the last commit of the content, else the edition's year. */
export function buildDate(root: string, guide: LoadedGuide): Date {
  const env = process.env.SOURCE_DATE_EPOCH;
  if (env && /^\d+$/.test(env)) return new Date(Number(env) * 1000);
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', `content/${guide.lang}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (/^\d+$/.test(out)) return new Date(Number(out) * 1000);
  } catch {
    // not a git checkout: fall through
  }
  const year = /\b(19|20)\d\d\b/.exec(guide.meta.edition ?? '')?.[0];
  return new Date(Date.UTC(year ? Number(year) : 2000, 0, 1));
}

function timed<T>(o: BuildOptions, stage: string, f: () => T): T {
  const t = performance.now();
  const r = f();
  o.timing?.(stage, performance.now() - t);
  return r;
}

async function timedAsync<T>(o: BuildOptions, stage: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  o.timing?.(stage, performance.now() - t);
  return r;
}

/** load -> parse -> typography -> images (probe) -> layout. Returns the page model and what render needs. */
export async function layoutEdition(lang: string, o: BuildOptions) {
  const guide = timed(o, 'load', () => loadGuide(o.root, lang));
  const ids = new Set<string>();
  const parsed: DocumentModel = timed(o, 'parse', () => ({
    lang,
    slug: guide.slug,
    meta: guide.meta,
    strings: guide.strings,
    chapters: guide.files.map((f) => parseChapter(f, ids)),
  }));
  const doc = timed(o, 'typography', () => typesetDocument(parsed));
  const sources = new Map<string, FigureSource>();
  await timedAsync(o, 'images.probe', async () => {
    for (const fig of doc.chapters.flatMap((c) => figures(c.blocks))) {
      const key = figureKey(fig.src, fig.attrs);
      if (sources.has(key)) continue;
      const resolved = resolveImage(o.root, lang, fig.src, fig.source);
      // Only a language that has localized images (an images/<lang>/ folder) is warned about one it lacks.
      if (lang !== guide.sourceLang && resolved.fellBack) {
        o.warn(`${fig.source.file}:${fig.source.line}:${fig.source.col} no ${lang} version of ${fig.src}: using ${resolved.path} (add images/${lang}/${fig.src})`);
      }
      const bytes = readFileSync(resolved.absPath);
      const info = await probeImage(bytes, fig.attrs, resolved.path, fig.source, join(o.root, '.cache', 'images'));
      sources.set(key, { attrs: fig.attrs, bytes, path: resolved.path, source: fig.source, info });
    }
  });
  const infos = new Map([...sources].map(([k, s]) => [k, s.info]));
  const metrics = fontSet(join(o.root, 'fonts'));
  const hyphenate = await loadHyphenator(lang);
  const model = timed(o, 'layout', () => layoutBook({ doc, images: infos, metrics, hyphenate }));
  for (const w of model.warnings) o.warn(w);
  return { guide, doc, model, figures: sources };
}

/** Each image at the resolution its printed box needs for the profile (never more than the source has). */
async function processImages(model: PageModel, figs: Map<string, FigureSource>, profile: ImageProfile, o: BuildOptions) {
  const widest = new Map<string, number>();
  for (const p of model.pages) for (const it of p.items) if (it.type === 'image') widest.set(it.image, Math.max(widest.get(it.image) ?? 0, it.w));
  const out = new Map<string, ProcessedImage>();
  const cacheDir = join(o.root, '.cache', 'images');
  await Promise.all(
    [...widest].map(async ([key, wPt]) => {
      const f = figs.get(key)!;
      out.set(key, await processImage(f.bytes, f.attrs, (wPt / 72) * profile.ppi, profile, f.info, cacheDir, f.path, f.source));
    }),
  );
  return out;
}

export interface EditionResult {
  lang: string;
  /** Output path and bytes of each PDF, not yet written. */
  files: [string, Uint8Array][];
  pages: number;
}

/** Every PDF of one language, in memory. */
export async function renderEdition(lang: string, o: BuildOptions): Promise<EditionResult> {
  const { guide, model, figures: figs } = await layoutEdition(lang, o);
  const date = buildDate(o.root, guide);
  const font = fontSet(join(o.root, 'fonts')).pdfFont;
  const base = join(o.outDir, `${guide.slug}-${lang}`);
  const screen = { ...PROFILES.screen, grayscale: o.grayscale };
  const print = { ...PROFILES.print, grayscale: o.grayscale };

  // sharp works on its own threads: the print images are made while pdfkit renders the reading edition.
  const printing = o.booklet || o.press ? timedAsync(o, 'images.print', () => processImages(model, figs, print, o)) : null;
  printing?.catch(() => {}); // its error is thrown where it is awaited, not as an unhandled rejection
  const screenImages = await timedAsync(o, 'images.screen', () => processImages(model, figs, screen, o));
  const reading = await timedAsync(o, 'render', () => renderPdf(model, { font, images: screenImages, date, grayscale: o.grayscale }));
  const files: [string, Uint8Array][] = [[`${base}.pdf`, reading]];

  if (printing) {
    const printImages = await printing;
    if (o.booklet) {
      const printPdf = await timedAsync(o, 'render.print', () => renderPdf(model, { font, images: printImages, date, grayscale: o.grayscale }));
      const { imposeBooklet } = await import('./impose/index.js'); // pdf-lib loads only when imposing
      const booklet = await timedAsync(o, 'impose', () => imposeBooklet(printPdf, { sheet: o.sheet, flip: o.flip, date }));
      files.push([`${base}-booklet.pdf`, booklet]);
    }
    if (o.press) {
      const press = await timedAsync(o, 'render.press', () => renderPdf(model, { font, images: printImages, date, grayscale: o.grayscale, bleed: PAGE.bleed }));
      files.push([`${base}-press.pdf`, press]);
    }
  }
  return { lang, files, pages: model.pages.length };
}

/**
 * Write the editions' files, each through a temporary file and a rename. Callers build every edition
 * first: a failure in any leaves all previous files untouched.
 */
export function writeEditions(results: EditionResult[], o: Pick<BuildOptions, 'timing'>): string[] {
  return timed(o as BuildOptions, 'write', () =>
    results.flatMap((r) =>
      r.files.map(([path, data]) => {
        writeAtomic(path, data);
        return path;
      }),
    ),
  );
}

/** One language, built and written. */
export async function buildEdition(lang: string, o: BuildOptions): Promise<EditionResult & { outputs: string[] }> {
  const r = await renderEdition(lang, o);
  return { ...r, outputs: writeEditions([r], o) };
}

/** build/SHA256SUMS lists every PDF in the output folder, so copies passed on can be checked. */
export function writeChecksums(outDir: string): void {
  if (!existsSync(outDir)) return;
  const lines = readdirSync(outDir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => `${createHash('sha256').update(readFileSync(join(outDir, f))).digest('hex')}  ${f}`);
  writeAtomic(join(outDir, 'SHA256SUMS'), lines.join('\n') + '\n');
}

export function assertLanguages(requested: string[], available: string[]): void {
  for (const l of requested) if (!available.includes(l)) fail(`unknown language "${l}"`, { file: `content/${l}` }, `Languages found in content/: ${available.join(', ')}.`);
}
