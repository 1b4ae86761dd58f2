import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Diagnostics, fail, formatWarning, systemErrorAt, type SourcePos, type Warn } from './errors.js';
import { fontSet } from './fonts/fontMetrics.js';
import type { ImposeOptions } from './8-impose/index.js';
import { svgDrawingOrReason } from './5-images/svgDrawing.js';
import { checkSvg, probeImage, processImage, type ImageInfo, type ImageProfile, type ProcessedImage } from './5-images/processImage.js';
import { resolveImage } from './5-images/resolveImage.js';
import { layoutBook, type Fit } from './6-layout/book.js';
import { replaceUnsettable } from './6-layout/unsettable.js';
import { qrCodesToKeep, rememberQrCodes } from './6-layout/links.js';
import { missingCharErrors, type MissingChars } from './6-layout/lineBreak.js';
import { pressEdition } from './6-layout/press.js';
import { loadGuide, type LoadedGuide } from './1-load/loadGuide.js';
import { lastContentCommit } from './1-load/contentDate.js';
import { figureKey, type Block, type DocumentModel, type FigureAttrs } from './model/document.js';
import type { PageModel } from './model/page.js';
import { blocksOfKind } from './model/walk.js';
import { parseChapter } from './2-parse/toDocument.js';
import { renderImages, renderPdf } from './7-render/renderPdf.js';
import { imposeBooklet, imposeByCopy } from './8-impose/index.js';
import { typesetDocument } from './3-typography/applyToDocument.js';
import { language } from './3-typography/languages/index.js';
import { hyphenationCandidates, hyphenationMissed, keepHyphenation, loadHyphenator } from './3-typography/hyphenate.js';
import { writeAllAtomic, writeAtomic, type WriteFile } from './9-write/atomicWrite.js';
import { EDITIONS, type Edition } from './editions/index.js';
import type { Emblem } from './model/theme.js';
import { themeFor, themeSources, type Medium, type ThemeSources } from './4-theme/index.js';

export interface BuildOptions {
  root: string;
  outDir: string;
  booklet: boolean;
  press: boolean;
  /** Also the phone edition (<slug>-<lang>-phone.pdf). */
  phone?: boolean;
  grayscale: boolean;
  sheet: ImposeOptions['sheet'];
  flip: ImposeOptions['flip'];
  /** Called with each warning (a missing translation of an image, illegible screenshot text). */
  warn: (message: string) => void;
  /** Called with each stage's duration, for the benchmark. */
  timing?: (stage: string, ms: number) => void;
}

export const PROFILES: Record<Edition['images'], ImageProfile> = {
  screen: { ppi: 150, grayscale: false },
  print: { ppi: 300, grayscale: false },
};

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

/**
 * Dates in the PDF: SOURCE_DATE_EPOCH, else the last commit of the content, else the edition's year.
 * (git, when it must be asked, runs as its own process while the book is laid out.)
 */
export async function buildDate(root: string, guide: LoadedGuide): Promise<Date> {
  const env = process.env.SOURCE_DATE_EPOCH;
  if (env && /^\d+$/.test(env)) return new Date(Number(env) * 1000);
  const committed = await lastContentCommit(root, guide.lang);
  if (committed !== null) return new Date(committed * 1000);
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

/**
 * An SVG figure as a drawing we set ourselves (vector shapes, text in the guide's fonts), or null when it
 * goes through the image stage as pixels: not an SVG, cropped or redacted (redaction must remove pixels),
 * or holding what we do not draw, which is said when it has text (set then with the machine's fonts).
 */
function svgAsDrawing(bytes: Buffer, attrs: FigureAttrs, path: string, source: SourcePos, warn: Warn): ImageInfo | null {
  if (!/\.svg$/i.test(path) || attrs.crop || attrs.redact.length) return null;
  checkSvg(bytes, path, source);
  const text = bytes.toString('utf8');
  const drawing = svgDrawingOrReason(text);
  if ('reason' in drawing) {
    if (/<text\b/.test(text)) warn(`${path} is printed as an image, not drawn: ${drawing.reason}; its text is set in this machine's fonts, not the guide's`, source, 'Keep to paths, basic shapes and plain text (no CSS, gradients, clipping, dashes or rotated text), or convert its text to paths.');
    return null;
  }
  return { width: drawing.width, height: drawing.height, pixelRatio: 1, format: 'svg', drawing };
}

/** What a language's layouts share: the guide read and typeset, its images probed, its theme sources. */
interface Prepared {
  guide: LoadedGuide;
  doc: DocumentModel;
  figures: Map<string, FigureSource>;
  sources: ThemeSources;
  emblem: Extract<Emblem, { kind: 'image' }> | null;
  hyphenate: Awaited<ReturnType<typeof loadHyphenator>>;
}

/** Stands in, for `check`, for a figure whose image could not be read (its error is recorded): a photo's shape. */
const UNREADABLE: ImageInfo = { width: 4, height: 3, pixelRatio: 1, format: 'jpeg' };

/**
 * load -> parse -> typography -> images (probe): everything before layout, once per language. Errors
 * are recorded in `d` and each stage goes on past them (a bad block, a missing image), so that one run
 * finds them all; null when the guide is too broken to lay out (its book keys, strings or fonts).
 */
async function prepare(lang: string, o: BuildOptions, d: Diagnostics): Promise<Prepared | null> {
  const guide = timed(o, 'load', () => d.attempt(() => loadGuide(o.root, lang, d)));
  if (!guide) return null;
  const ids = new Set<string>();
  const parsed: DocumentModel = timed(o, 'parse', () => ({
    lang,
    slug: guide.slug,
    meta: guide.meta,
    strings: guide.strings,
    chapters: guide.files.map((f) => parseChapter(f, ids, d.warn, { error: d.error, baseUrl: guide.config.baseUrl ?? undefined })),
  }));
  const doc = timed(o, 'typography', () => typesetDocument(parsed));
  const sources = timed(o, 'theme', () => d.attempt(() => themeSources(o.root, guide.config, lang)));
  const cacheDir = join(o.root, '.cache', 'images');
  const figs = new Map<string, FigureSource>();
  await timedAsync(o, 'images.probe', async () => {
    for (const fig of doc.chapters.flatMap((c) => figures(c.blocks))) {
      const key = figureKey(fig.src, fig.attrs);
      if (figs.has(key)) continue;
      // Each figure on its own: one missing image does not hide the next.
      const found = await d.attemptAsync(async () => {
        try {
          const resolved = resolveImage(o.root, lang, fig.src, fig.source);
          // Only a language that has localized images (an images/<lang>/ folder) is warned about one it lacks.
          if (lang !== guide.sourceLang && resolved.fellBack) d.warn(`no ${lang} version of ${fig.src}: using ${resolved.path}`, fig.source, `Add images/${lang}/${fig.src}.`);
          const bytes = readFileSync(resolved.absPath);
          const info = svgAsDrawing(bytes, fig.attrs, resolved.path, fig.source, d.warn) ?? (await probeImage(bytes, fig.attrs, resolved.path, fig.source, cacheDir));
          if (info.format === 'gif') d.warn(`${fig.src} is a GIF: only its first frame prints`, fig.source, 'Pick the frame that shows what the text says and save it as PNG.');
          return { attrs: fig.attrs, bytes, path: resolved.path, source: fig.source, info };
        } catch (e) {
          throw systemErrorAt(e, fig.source); // an image removed while we read it: said at the figure
        }
      });
      figs.set(key, found ?? { attrs: fig.attrs, bytes: Buffer.alloc(0), path: fig.src, source: fig.source, info: UNREADABLE });
    }
  });
  // A raster emblem is an image like a figure: probed for its size, processed per edition.
  let emblem: Prepared['emblem'] = null;
  if (sources?.emblem?.kind === 'image') {
    const { path, bytes } = sources.emblem;
    const source = guide.config.at('theme.cover.emblem');
    const attrs: FigureAttrs = { width: 1, redact: [] };
    const info = await d.attemptAsync(() => probeImage(bytes, attrs, path, source, cacheDir));
    if (info) {
      figs.set(EMBLEM_KEY, { attrs, bytes, path, source, info });
      emblem = { kind: 'image', key: EMBLEM_KEY, width: info.width / info.pixelRatio, height: info.height / info.pixelRatio };
    }
  }
  // The phone edition is laid out after the page without layoutPage's second chance: its patterns are loaded.
  const hyphenate = await loadHyphenator(lang, o.phone ? undefined : hyphenationCandidates(doc));
  return guide.complete && sources ? { guide, doc, figures: figs, sources, emblem, hyphenate } : null;
}

/** The build's way: warnings printed as they come, the errors of a stage thrown together at its end. */
function building(o: BuildOptions): Diagnostics {
  return new Diagnostics((w) => o.warn(formatWarning(w.message, w.where, w.hint)));
}

/** The key of a raster emblem among the images of a page model (no figure path starts with a colon). */
const EMBLEM_KEY = ':emblem';

/**
 * The page model of one medium, from a prepared guide. Characters no font has are recorded in `d` (an
 * error per file, naming each at its first place) and the book is still laid out: check goes on.
 */
function layoutFor(p: Prepared, medium: Medium, o: BuildOptions, d: Diagnostics) {
  const theme = themeFor(p.guide.config, p.sources, medium, p.emblem);
  const infos = new Map([...p.figures].map(([k, s]) => [k, s.info]));
  const metrics = fontSet(join(o.root, 'fonts'), theme.faces);
  const missing: MissingChars = new Map();
  const front = p.guide.files[0];
  const doc = replaceUnsettable(p.doc, metrics, theme.fallback, missing, {
    meta: (key) => ({ file: front?.path ?? `content/${p.guide.lang}`, line: front?.keyLines?.[key] ?? 1, col: 1 }),
    strings: { file: `content/${p.guide.lang}/strings.yml`, line: 1, col: 1 },
  });
  // Sheets matter only on paper; `pages:` is the printed book's.
  const { pages } = p.guide.config;
  const fit: Fit = medium === 'phone' ? 'even' : pages === null ? 'sheets' : { pages, where: p.guide.config.at('pages') };
  const model = timed(o, 'layout', () => layoutBook({ doc, images: infos, metrics, hyphenate: p.hyphenate, theme, missing, fit }));
  for (const e of missingCharErrors(missing)) d.error(e);
  // The printed page's warnings are the ones to act on; the phone edition's figures are as wide as they can be.
  if (medium === 'page') for (const w of model.warnings) d.warn(w.message, w.where, w.hint);
  return { theme, model, fonts: metrics };
}

/** load -> parse -> typography -> images (probe) -> layout. Returns the page model and what render needs. */
export async function layoutEdition(lang: string, o: BuildOptions, medium: Medium = 'page') {
  const d = building(o);
  const p = await prepare(lang, o, d);
  d.throwIfErrors();
  const laid = layoutFor(p!, medium, o, d);
  d.throwIfErrors();
  return { guide: p!.guide, doc: p!.doc, figures: p!.figures, ...laid };
}

/**
 * `check`: one language read as a build reads it (load, parse, typography, image probe, layout of the
 * printed page), nothing rendered or written; every error and warning goes to `d`.
 */
export async function checkEdition(lang: string, o: BuildOptions, d: Diagnostics): Promise<void> {
  const p = await prepare(lang, o, d);
  if (p) await layoutPage(p, o, d);
}

/**
 * The page layout, hyphenated with the words earlier builds hyphenated. Should layout ask for a word
 * they never did (one set across styles, "**Sicher**heit", that prepare's candidates did not see),
 * the language's patterns are loaded and the book laid out again; the first layout's words unsaid.
 */
async function layoutPage(p: Prepared, o: BuildOptions, d: Diagnostics) {
  let first = new Diagnostics();
  let laid = first.attempt(() => layoutFor(p, 'page', o, first));
  if (hyphenationMissed(p.guide.lang)) {
    p.hyphenate = await loadHyphenator(p.guide.lang);
    first = new Diagnostics();
    laid = first.attempt(() => layoutFor(p, 'page', o, first));
  }
  for (const w of first.warnings) d.warn(w.message, w.where as SourcePos, w.hint);
  for (const e of first.errors) d.error(e);
  return laid;
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

/** The editions a build makes: the reading edition always, the others as asked. */
export function selectedEditions(o: Pick<BuildOptions, 'booklet' | 'press' | 'phone'>): Edition[] {
  const wanted: Record<string, boolean> = { reading: true, booklet: o.booklet, press: o.press, phone: Boolean(o.phone) };
  return EDITIONS.filter((e) => wanted[e.name]);
}

/** A right-to-left language's booklet is bound on the right (its cover on the left half of the first sheet). */
const rightBound = (lang: string): Pick<ImposeOptions, 'binding'> => (language(lang).rtl ? { binding: 'right' } : {});

/** QR codes kept between runs, in .cache/ like the images: a cache that cannot be read is made again. */
const qrCache = (root: string) => join(root, '.cache', 'qr-codes-M.json');
const qrRead = new Set<string>();
function readQrCodes(root: string) {
  if (qrRead.has(root)) return;
  qrRead.add(root);
  try {
    rememberQrCodes(JSON.parse(readFileSync(qrCache(root), 'utf8')));
  } catch {
    // none yet, or damaged: the codes are made
  }
}
function keepQrCodes(root: string) {
  const codes = qrCodesToKeep();
  if (!codes) return;
  try {
    writeAtomic(qrCache(root), JSON.stringify(codes)); // (it makes the folder)
  } catch {
    // a read-only checkout: the codes are made at each run
  }
}

/** Every PDF of one language, in memory. */
export async function renderEdition(lang: string, o: BuildOptions): Promise<EditionResult> {
  const d = building(o);
  readQrCodes(o.root);
  const prepared = await prepare(lang, o, d);
  d.throwIfErrors();
  const p = prepared!;
  const editions = selectedEditions(o);
  const dated = buildDate(o.root, p.guide);
  const base = join(o.outDir, `${p.guide.slug}-${lang}`);
  const layouts = new Map<Medium, ReturnType<typeof layoutFor>>();
  const layout = (m: Medium) => {
    if (!layouts.has(m)) {
      layouts.set(m, layoutFor(p, m, o, d));
      d.throwIfErrors();
      if (hyphenationMissed(lang)) throw new Error(`internal: the ${m} layout hyphenated without its patterns`);
    }
    return layouts.get(m)!;
  };
  const first = await layoutPage(p, o, d);
  d.throwIfErrors();
  layouts.set('page', first!);
  const pageLayout = first!;

  // Images per medium and profile. sharp works on its own threads: the print images are made while
  // pdfkit renders the reading edition.
  const images = new Map<string, Promise<Map<string, ProcessedImage>>>();
  const imagesFor = (e: Edition) => {
    const key = `${e.medium}/${e.images}`;
    let made = images.get(key);
    if (!made) {
      const profile = { ...PROFILES[e.images], grayscale: o.grayscale };
      made = timedAsync(o, e.images === 'print' ? 'images.print' : 'images.screen', () => processImages(layout(e.medium).model, p.figures, profile, o));
      made.catch(() => {}); // its error is thrown where it is awaited, not as an unhandled rejection
      images.set(key, made);
    }
    return made;
  };
  const print = editions.find((e) => e.images === 'print');
  if (print) imagesFor(print);

  const date = await dated;
  const files: [string, Uint8Array][] = [];
  // The PDFs rendered so far, by medium and bleed, with the object number of each image in them.
  const drawn = new Map<string, { pdf: Uint8Array; images: Map<string, number> }>();
  for (const e of editions) {
    const laid = e.medium === 'page' ? pageLayout : layout(e.medium);
    const { theme, fonts } = laid;
    const sheets = { sheet: o.sheet, flip: o.flip, date, ...rightBound(lang) };
    const out = `${base}${e.suffix}.pdf`;
    const rendered = await imagesFor(e);
    // An imposed edition of pages already rendered (the booklet: the reading edition's pages, untagged,
    // with print images) is that PDF imposed, with this edition's images put in place of its own:
    // the pages are not drawn a second time. (Structure and links do not survive imposition anyway.)
    const same = e.impose ? drawn.get(`${e.medium}/${e.bleed}`) : undefined;
    if (same) {
      const { pdf: from, objects } = await timedAsync(o, `render.${e.name}`, () => renderImages(rendered, fonts.pdfFont));
      const swap = new Map([...same.images].map(([key, num]) => [num, objects.get(key)!]));
      const imposed = timed(o, 'impose', () => imposeByCopy(same.pdf, sheets, { from, objects: swap }));
      if (imposed) {
        files.push([out, imposed]);
        continue;
      }
      // (Our own PDF that our reader refuses: drawn again below, as for a PDF of its own.)
    }
    const model = e.bleed ? pressEdition(laid.model, theme.page.bleed) : laid.model;
    const stage = e.name === 'reading' ? 'render' : `render.${e.name}`;
    const imageObjects = new Map<string, number>();
    const pdf = await timedAsync(o, stage, () =>
      renderPdf(model, { font: fonts.pdfFont, images: rendered, date, grayscale: o.grayscale, grayOverrides: theme.grayOverrides, tagged: e.tagged, imageObjects }),
    );
    if (!e.impose) drawn.set(`${e.medium}/${e.bleed}`, { pdf, images: imageObjects });
    if (e.impose) files.push([out, await timedAsync(o, 'impose', () => imposeBooklet(pdf, sheets))]);
    else files.push([out, pdf]);
  }
  keepQrCodes(o.root);
  for (const laid of layouts.values()) laid.fonts.keepShapedRuns();
  keepHyphenation();
  return { lang, files, pages: pageLayout.model.pages.length };
}

/**
 * Write the editions' files: every one to a temporary file, then all renamed (atomicWrite.ts). Callers
 * build every edition first: a failure anywhere, a full disk included, leaves all previous files untouched.
 * With `checksums` (the output folder), its SHA256SUMS is written in the same batch, so it always lists
 * the PDFs that are there. `write` stands in for the disk in tests.
 */
export function writeEditions(results: EditionResult[], o: Pick<BuildOptions, 'timing'> & { write?: WriteFile; checksums?: string }): string[] {
  const files: [string, Uint8Array | string][] = results.flatMap((r) => r.files);
  const pdfs = files.map(([path]) => path);
  if (o.checksums) files.push([join(o.checksums, 'SHA256SUMS'), checksums(o.checksums, results.flatMap((r) => r.files))]);
  timed(o as BuildOptions, 'write', () => writeAllAtomic(files, o.write));
  return pdfs;
}

/** One language, built and written. */
export async function buildEdition(lang: string, o: BuildOptions): Promise<EditionResult & { outputs: string[] }> {
  const r = await renderEdition(lang, o);
  return { ...r, outputs: writeEditions([r], o) };
}

/**
 * build/SHA256SUMS lists every PDF in the output folder, so copies passed on can be checked: those
 * there now, with `files` (about to be written) in place of the ones they replace.
 */
function checksums(outDir: string, files: [string, Uint8Array][] = []): string {
  const pdfs = new Map<string, Uint8Array>();
  // A file where the folder should be is for the write to report, with what to do.
  if (existsSync(outDir) && statSync(outDir).isDirectory()) for (const f of readdirSync(outDir)) if (f.endsWith('.pdf')) pdfs.set(f, readFileSync(join(outDir, f)));
  for (const [path, data] of files) if (dirname(path) === outDir && path.endsWith('.pdf')) pdfs.set(basename(path), data);
  const names = [...pdfs.keys()].sort();
  return names.map((f) => `${createHash('sha256').update(pdfs.get(f)!).digest('hex')}  ${f}`).join('\n') + '\n';
}

export function writeChecksums(outDir: string): void {
  if (existsSync(outDir)) writeAtomic(join(outDir, 'SHA256SUMS'), checksums(outDir));
}

export function assertLanguages(requested: string[], available: string[]): void {
  for (const l of requested) if (!available.includes(l)) fail(`unknown language "${l}"`, { file: `content/${l}` }, `Languages found in content/: ${available.join(', ')}.`);
}
