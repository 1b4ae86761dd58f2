/**
 * Fixtures and probes for the "safe to share" suite: throwaway guide projects in temp folders,
 * canary images made at test time, and ways to look inside a PDF (raw bytes, every decoded stream,
 * every embedded image).
 */
import { STRINGS_YML } from '../project.js';
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mupdf from 'mupdf';
import type { BuildOptions } from '../../src/pipeline.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require_ = createRequire(import.meta.url);
export const LANG = 'xx';
export const SLUG = 'safety';

/** A secret unique to this run: found in an output only if it leaked from an input. */
export const secret = (label: string) => `ZSECRET${label.toUpperCase()}${randomBytes(6).toString('hex').toUpperCase()}`;

const made: string[] = [];

/** A fresh temp folder, removed by `cleanup()`. */
export function tempDir(prefix = 'zine-safety-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface ProjectSpec {
  /** Markdown body of content/xx/01-guide.md (front matter added unless `raw`). */
  body?: string;
  /** Whole file text instead of front matter + body. */
  raw?: string;
  /** Extra front matter lines. */
  frontMatter?: string;
  /** Files under images/, by relative path. */
  images?: Record<string, Buffer | string>;
  /** More Markdown files in content/xx/. */
  files?: Record<string, string>;
}

/**
 * A minimal guide project: content/zine.yml, content/xx/strings.yml (every key), one Markdown
 * file, images/ and a `fonts` link to the repository's fonts.
 */
export function makeProject(spec: ProjectSpec = {}, root = join(tempDir(), 'guide')): string {
  mkdirSync(join(root, 'content', LANG), { recursive: true });
  mkdirSync(join(root, 'images'), { recursive: true });
  writeFileSync(join(root, 'content', 'zine.yml'), `slug: ${SLUG}\nsource: ${LANG}\n`);
  writeFileSync(join(root, 'content', LANG, 'strings.yml'), STRINGS_YML);
  const text = spec.raw ?? `---\ntitle: Safety test guide\n${spec.frontMatter ?? ''}---\n\n${spec.body ?? '# Chapter\n\nSome text.\n'}`;
  writeFileSync(join(root, 'content', LANG, '01-guide.md'), text);
  for (const [name, t] of Object.entries(spec.files ?? {})) writeFileSync(join(root, 'content', LANG, name), t);
  for (const [name, data] of Object.entries(spec.images ?? {})) {
    mkdirSync(dirname(join(root, 'images', name)), { recursive: true });
    writeFileSync(join(root, 'images', name), data);
  }
  if (!existsSync(join(root, 'fonts'))) symlinkSync(join(REPO, 'fonts'), join(root, 'fonts'));
  return root;
}

export function buildOptions(root: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    root,
    outDir: join(root, 'build'),
    booklet: false,
    press: false,
    grayscale: false,
    sheet: 'auto',
    flip: 'short',
    warn: () => {},
    ...extra,
  };
}

/** Run the real CLI (bin/zine.mjs) as a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env, nodeArgs: string[] = []): SpawnSyncReturns<string> {
  ensureBundle();
  return spawnSync(process.execPath, [...nodeArgs, join(REPO, 'bin', 'zine.mjs'), ...args], { cwd: REPO, env, encoding: 'utf8', timeout: 60_000 });
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed after `timeoutMs`. */
  timedOut: boolean;
}

/** The CLI as a child process that does not block the test worker (for concurrent tests). */
export function runCliAsync(args: string[], o: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<CliResult> {
  ensureBundle();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), join(REPO, 'bin', 'zine.mjs'), ...args], { cwd: REPO, env: o.env ?? process.env });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

let bundled = false;
/**
 * bin/zine.mjs rebuilds its bundle when src/ changed; test files run in parallel
 * workers, so the first run of each worker takes a lock to avoid two workers writing them at once.
 */
function ensureBundle(): void {
  if (bundled) return;
  const lock = join(tmpdir(), 'zine-safety-bundle.lock');
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    spawnSync(process.execPath, [join(REPO, 'bin', 'zine.mjs'), '--help'], { cwd: REPO, encoding: 'utf8' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  bundled = true;
}

/**
 * QPDF compiled to WebAssembly (`@neslinesli93/qpdf-wasm`): no Debian package, nothing downloaded.
 * The .wasm ships in the package and is read from disk.
 */
const QPDF_WASM = require_.resolve('@neslinesli93/qpdf-wasm/dist/qpdf.wasm');

interface QpdfWasm {
  callMain(args: string[]): number;
  FS: { writeFile(path: string, data: Uint8Array): void; init(stdin: () => null, stdout: (c: number | null) => void, stderr: (c: number | null) => void): void };
}
type QpdfFactory = (o: { locateFile: () => string; noInitialRun: boolean; preRun: ((m: QpdfWasm) => void)[] }) => Promise<QpdfWasm>;

export interface QpdfRun {
  /** qpdf's exit status: 0 clean, 2 errors, 3 warnings. */
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * `qpdf --check` on PDF bytes, in a fresh WebAssembly instance each time (qpdf leaves its state
 * behind when it exits, and concurrent tests must not share one). A wasm that cannot be loaded rejects.
 */
export async function qpdfRun(bytes: Uint8Array, wasm = QPDF_WASM): Promise<QpdfRun> {
  const createModule = require_('@neslinesli93/qpdf-wasm') as QpdfFactory;
  const out: number[] = [];
  const err: number[] = [];
  const qpdf = await createModule({
    locateFile: () => wasm,
    noInitialRun: true,
    // Its own stdout and stderr, captured, instead of the test process's console.
    preRun: [(m) => m.FS.init(() => null, (c) => c !== null && out.push(c), (c) => c !== null && err.push(c))],
  });
  qpdf.FS.writeFile('/check.pdf', bytes);
  // Emscripten's exit() sets process.exitCode to qpdf's status: keep the test process's own.
  const exitCode = process.exitCode;
  let status: number;
  try {
    status = qpdf.callMain(['--check', '/check.pdf']);
  } finally {
    process.exitCode = exitCode;
  }
  const text = (b: number[]) => Buffer.from(b).toString('utf8');
  return { status, stdout: text(out), stderr: text(err) };
}

/** Rejects unless `qpdf --check` accepts the bytes with no error and no warning. A qpdf that cannot run is a failure, never a skip. */
export async function qpdfCheckBytes(bytes: Uint8Array, name = 'PDF'): Promise<void> {
  const r = await qpdfRun(bytes);
  // qpdf exits 0 when clean, 3 on warnings, 2 on errors: only a clean file passes.
  if (r.status !== 0) throw new Error(`qpdf --check ${name} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  if (!/No syntax or stream encoding errors found/.test(r.stdout)) throw new Error(`qpdf --check ${name} did not report a clean file:\n${r.stdout}\n${r.stderr}`);
}

/** Rejects unless `qpdf --check` accepts the file (see `qpdfCheckBytes`). */
export async function qpdfCheck(file: string): Promise<void> {
  await qpdfCheckBytes(readFileSync(file), file);
}

export function openPdf(bytes: Uint8Array): mupdf.PDFDocument {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf').asPDF();
  if (!doc) throw new Error('not a PDF');
  return doc;
}

export interface PdfParts {
  /** Every object's text form (dictionaries, strings), streams excluded. */
  objects: string[];
  /** Every stream, raw and with its filters undone. */
  streams: { num: number; dict: string; raw: Buffer; decoded: Buffer | null }[];
}

export function pdfParts(bytes: Uint8Array): PdfParts {
  const doc = openPdf(bytes);
  const objects: string[] = [];
  const streams: PdfParts['streams'] = [];
  for (let i = 1; i < doc.countObjects(); i++) {
    const obj = doc.newIndirect(i);
    const res = obj.resolve();
    if (res.isNull()) continue;
    objects.push(res.toString(false, true));
    if (obj.isStream()) {
      const raw = Buffer.from(obj.readRawStream().asUint8Array());
      let decoded: Buffer | null = null;
      try {
        decoded = Buffer.from(obj.readStream().asUint8Array());
      } catch {
        decoded = null; // image codecs mupdf decodes only as images
      }
      streams.push({ num: i, dict: res.toString(true, true), raw, decoded });
    }
  }
  objects.push(doc.getTrailer().toString(false, true));
  return { objects, streams };
}

/** The forms a string takes inside a PDF or an image file: UTF-8, UTF-16 (both ends), hex. */
export function encodings(s: string): Buffer[] {
  const utf8 = Buffer.from(s, 'utf8');
  const be = Buffer.from(s, 'utf16le').swap16();
  const le = Buffer.from(s, 'utf16le');
  const hex = (b: Buffer) => [Buffer.from(b.toString('hex')), Buffer.from(b.toString('hex').toUpperCase())];
  return [utf8, be, le, ...hex(utf8), ...hex(be)];
}

/** Where `needle` appears in the PDF: raw file, any stream (raw or decoded), any object. */
export function findInPdf(bytes: Uint8Array, needle: string): string[] {
  const hits: string[] = [];
  const forms = encodings(needle);
  const has = (b: Buffer) => forms.some((f) => b.includes(f));
  if (has(Buffer.from(bytes))) hits.push('raw file bytes');
  const { objects, streams } = pdfParts(bytes);
  objects.forEach((o, i) => has(Buffer.from(o)) && hits.push(`object #${i + 1}`));
  for (const s of streams) {
    if (has(s.raw)) hits.push(`stream ${s.num} (raw) ${s.dict.slice(0, 80)}`);
    if (s.decoded && has(s.decoded)) hits.push(`stream ${s.num} (decoded) ${s.dict.slice(0, 80)}`);
  }
  return hits;
}

export interface ExtractedImage {
  num: number;
  width: number;
  height: number;
  /** The stream as stored: for DCTDecode, the JPEG file itself. */
  raw: Buffer;
  filter: string;
  /** RGB pixels, 3 bytes each, row after row. */
  rgb: Uint8Array;
  /** Alpha from the soft mask, if any. */
  alpha: Uint8Array | null;
}

/** Every image XObject of the PDF (soft masks are folded into their image). */
export function extractImages(bytes: Uint8Array): ExtractedImage[] {
  const doc = openPdf(bytes);
  const out: ExtractedImage[] = [];
  const masks = new Set<number>();
  for (let i = 1; i < doc.countObjects(); i++) {
    const o = doc.newIndirect(i).resolve();
    if (o.isDictionary() && o.get('Subtype').toString() === '/Image' && o.get('SMask').isIndirect()) masks.add(o.get('SMask').asIndirect());
  }
  for (let i = 1; i < doc.countObjects(); i++) {
    const ref = doc.newIndirect(i);
    const o = ref.resolve();
    if (!o.isDictionary() || o.get('Subtype').toString() !== '/Image' || masks.has(i)) continue;
    const img = doc.loadImage(ref);
    let pix = img.toPixmap();
    if (pix.getColorSpace()?.getType() !== 'RGB' || pix.getAlpha()) pix = pix.convertToColorSpace(mupdf.ColorSpace.DeviceRGB, false);
    const w = pix.getWidth();
    const h = pix.getHeight();
    const n = pix.getNumberOfComponents() + pix.getAlpha();
    const stride = pix.getStride();
    const px = pix.getPixels();
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = px[y * stride + x * n + c];
    let alpha: Uint8Array | null = null;
    const mask = img.getMask();
    if (mask) {
      const mp = mask.toPixmap();
      alpha = new Uint8Array(mp.getPixels());
    }
    out.push({ num: i, width: w, height: h, raw: Buffer.from(ref.readRawStream().asUint8Array()), filter: o.get('Filter').toString(), rgb, alpha });
  }
  return out;
}

/** PDF files in a folder, plus anything else (temp files) so tests can assert there is none. */
export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A PNG chunk: length, type, data, CRC-32 of type + data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The chunks of a PNG, each CRC checked (throws on a bad one); `after` is what follows IEND. */
export function pngChunks(png: Buffer): { chunks: { type: string; data: Buffer }[]; after: Buffer } {
  const chunks: { type: string; data: Buffer }[] = [];
  let i = 8;
  while (i < png.length) {
    const len = png.readUInt32BE(i);
    const type = png.subarray(i + 4, i + 8).toString('latin1');
    const data = png.subarray(i + 8, i + 8 + len);
    if (crc32(png.subarray(i + 4, i + 8 + len)) !== png.readUInt32BE(i + 8 + len)) throw new Error(`bad CRC in ${type}`);
    chunks.push({ type, data });
    i += 12 + len;
    if (type === 'IEND') break;
  }
  return { chunks, after: png.subarray(i) };
}

/** Insert chunks into a PNG just before IEND. */
export function pngWithChunks(png: Buffer, chunks: Buffer[]): Buffer {
  const iend = png.lastIndexOf(Buffer.from('IEND', 'latin1')) - 4;
  if (iend < 8) throw new Error('no IEND');
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]);
}

/** JPEG markers in order (stops at SOS: what follows is entropy-coded data). */
export function jpegSegments(jpeg: Buffer): { marker: number; data: Buffer }[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const out: { marker: number; data: Buffer }[] = [];
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error(`bad JPEG marker at ${i}`);
    const marker = jpeg[i + 1];
    const len = jpeg.readUInt16BE(i + 2);
    out.push({ marker, data: jpeg.subarray(i + 4, i + 2 + len) });
    if (marker === 0xda) break;
    i += 2 + len;
  }
  return out;
}

/** A JPEG comment (COM) segment inserted right after SOI. */
export function jpegWithComment(jpeg: Buffer, comment: string): Buffer {
  const data = Buffer.from(comment, 'latin1');
  const head = Buffer.from([0xff, 0xfe, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, data, jpeg.subarray(2)]);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/**
 * git in `cwd` as a fixed author whose commits are dated `when()` (seconds since 1970): commits whose
 * dates a test knows, with no one's name or address in them.
 */
export function gitAt(cwd: string, when: () => number): (...args: string[]) => string {
  return (...args) => {
    const at = `@${when()} +0000`;
    const env = { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };
    return execFileSync('git', args, { cwd, encoding: 'utf8', env }).trim();
  };
}

/** `root` made a git checkout whose one commit, of content/, is dated `when`. */
export function commitContent(root: string, when: number): void {
  const run = gitAt(root, () => when);
  run('init', '-q');
  run('add', 'content');
  run('commit', '-q', '-m', 'content');
}
