#!/usr/bin/env node
// Launches the zine CLI fast, in this one process. src/ and the packages it uses are bundled by esbuild
// into one CommonJS file (bin/bundle.mjs, run only when a source changed), so no TypeScript loader and no
// module resolution run at each start. The bundle is compiled by V8 from a code cache written after a
// successful run: the functions a build ran start as bytecode instead of being parsed and compiled again.
// Measured on this machine (README, Speed): a V8 startup snapshot of the whole heap cost more to read
// back (0.6 s for 27 MB) than it saved, and a second process to start from it another 0.1 s.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics, setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { isMainThread, Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, '.cache', 'dist');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** A file written whole or not at all: a run started meanwhile reads the old state or the new one. */
function writeWhole(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * The bundle for the current sources, built (by bin/bundle.mjs) once per version of the sources, of
 * the lock file and of bin/ (how it bundles is part of what a bundle is made from). It is built in a
 * folder of its own and renamed into place whole, so a build started meanwhile (three at once in a fresh
 * clone) never reads a half-written bundle: it finds the finished one, or builds its own.
 */
async function bundle() {
  const sourcesTime = Math.max(newest(join(root, 'src')), newest(join(root, 'bin')), statSync(join(root, 'package-lock.json')).mtimeMs);
  // The sources' time and Node's version name the folder (no hash: loading crypto costs 10 ms a start).
  const version = `${Math.round(sourcesTime)}-${process.version}`;
  const dir = join(outdir, version);
  const out = join(dir, 'zine.cjs');
  if (existsSync(out)) return out;
  mkdirSync(outdir, { recursive: true });
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  await (await import('./bundle.mjs')).writeBundle(root, tmp);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run put the same version in place first
  }
  // Older versions go once they are old enough that no run can still be reading them.
  for (const f of readdirSync(outdir)) {
    const p = join(outdir, f);
    if (f !== version && Date.now() - statSync(p).mtimeMs > 10 * 60_000) rmSync(p, { recursive: true, force: true });
  }
  return out;
}

// A build is short and its code varied: V8's optimizing compiler (TurboFan) spent more on compiling and
// throwing away optimized code than it saved. Measured on this machine, CPU time without it: our zine
// 0.8 against 1.25 s, all seven languages with booklets 3.2 against 5.7 s, a generated 170-page guide
// 2.3 against 3.4 s. Set before the bundle is compiled, so its code cache is made under the same flags.
setFlagsFromString('--no-opt');

const file = await bundle();

/**
 * Whether this command is a build that can share its work with a second thread (src/parallel.ts): more
 * than one language (no --lang is every language). Read here, before the bundle loads, from the
 * arguments alone: a guess the build confirms (it ends a worker it has no use for).
 */
function buildMayShare(args) {
  const valued = new Set(['--root', '--lang', '--out', '--sheet', '--flip']);
  const positional = [];
  let lang;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s);
    if (flag === '--lang') lang = inline ?? args[i + 1];
    if (valued.has(flag) && inline === undefined) i++;
    else if (!args[i].startsWith('-')) positional.push(args[i]);
  }
  if (positional[0] !== 'build') return false;
  return lang === undefined || lang.includes(',');
}

// The worker thread is started now, so that it has loaded the bundle (in parallel with this thread) by
// the time the build has work for it. It never keeps the process alive by itself (unref).
if (isMainThread && buildMayShare(process.argv.slice(2))) {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { zineWorker: true } });
  worker.unref();
  globalThis[Symbol.for('zine.worker')] = worker;
}
const codeCache = `${file}.v8cache`;
let cachedData;
try {
  cachedData = readFileSync(codeCache);
} catch {
  cachedData = undefined; // the first run: compiled from source, cached below
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`, { filename: file, cachedData });
// V8 takes a code cache only from its own version and flags; one it refuses is made again, except under
// node flags (NODE_OPTIONS, a test's heap limit), whose cache would be refused by every plain run.
const bytecode = () => getHeapCodeStatistics().bytecode_and_metadata_size;
const compiledFromCache = bytecode();
// Made again when refused, and when this run compiled much that the cache lacks (a booklet's pdf-lib
// after a first run without booklets): the cache grows to what builds use.
const uncached = () => !cachedData || script.cachedDataRejected || bytecode() - compiledFromCache > 64 * 1024;
// A build's worker thread (src/parallel.ts) runs this file too: the main thread alone writes the cache.
if (isMainThread && !process.env.NODE_OPTIONS && !process.execArgv.length) {
  process.once('exit', (code) => {
    if (code !== 2 && uncached()) {
      try {
        writeWhole(codeCache, script.createCachedData()); // after the run: with every function it compiled
      } catch {
        // a read-only checkout: every run compiles from source, nothing else changes
      }
    }
  });
}
// Caches that belong to this version of the code (kept font subsets: src/fonts/subsetCache.ts).
process.env.ZINE_CACHE = dirname(file);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
