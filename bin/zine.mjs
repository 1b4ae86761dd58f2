#!/usr/bin/env node
// Launches the zine CLI fast, in this one process. src/ and the packages it uses are bundled by esbuild
// into one CommonJS file (rebuilt only when a source changed), so no TypeScript loader and no module
// resolution run at each start. The bundle is compiled by V8 from a code cache written after a
// successful run: the functions a build ran start as bytecode instead of being parsed and compiled again.
// Measured on this machine (README, Speed): a V8 startup snapshot of the whole heap cost more to read
// back (0.6 s for 27 MB) than it saved, and a second process to start from it another 0.1 s.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { getHeapCodeStatistics, setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

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
 * Modules our builds never use but their packages load at start: fontkit's Brotli decoder (WOFF2 fonts,
 * with a dictionary built at load: 30 ms), pdfkit's AES (encrypted PDFs) and line breaker (text it wraps
 * itself: never here, layout breaks our lines). Each is replaced by a
 * stand-in that loads the real module at its first use, so a WOFF2 font still works.
 */
const LAZY = /^(brotli\/decompress\.js|@noble\/ciphers\/aes|linebreak)$/;
const lazy = {
  name: 'lazy',
  setup(b) {
    b.onResolve({ filter: LAZY }, (a) => (a.namespace === 'lazy' ? undefined : { path: a.path, namespace: 'lazy', pluginData: a.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (a) => ({
      resolveDir: a.pluginData,
      loader: 'js',
      contents: `let m; const real = () => (m ??= require(${JSON.stringify(a.path)}));
        module.exports = new Proxy(function () {}, { apply: (_, self, args) => real().apply(self, args), construct: (_, args) => new (real())(...args), get: (_, k) => (k === '__esModule' ? undefined : real()[k]) });`,
    }));
  },
};

/**
 * Hyphenation patterns as JSON files beside the bundle, read when a language is built: the hyphen
 * package writes each language's pattern tree as a JavaScript literal, which V8 compiles and runs object
 * by object (German: 750 KB, 0.2 s), and which every start would read with the bundle (a third of it).
 * JSON.parse builds the same tree about three times faster. A tree JSON cannot hold stays as written.
 */
const patternsAsJson = (outdir) => ({
  name: 'patterns-as-json',
  setup(b) {
    b.onLoad({ filter: /[\\/]hyphen[\\/]patterns[\\/][^\\/]+\.js$/ }, (a) => {
      const tree = createRequire(a.path)(a.path);
      const json = JSON.stringify(tree);
      if (!isDeepStrictEqual(JSON.parse(json), tree)) return undefined;
      const name = `${basename(a.path, '.js')}.json`;
      mkdirSync(join(outdir, 'patterns'), { recursive: true });
      writeFileSync(join(outdir, 'patterns', name), json);
      return { contents: `module.exports = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'patterns', ${JSON.stringify(name)}), 'utf8'));`, loader: 'js' };
    });
  },
});

/**
 * pdfkit turns every line it writes into bytes in a loop over its characters (a fifth of rendering, with
 * the optimizing compiler off); Node's latin1 encoding does the same natively: each character's low byte.
 * If a newer pdfkit writes it otherwise, it is left as it is.
 */
const PDFKIT_BYTES = `const fromBinaryString = str => {
  const out = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) {
    out[i] = str.charCodeAt(i) & 0xff;
  }
  return out;
};`;
const nativeBytes = {
  name: 'native-bytes',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      if (!source.includes(PDFKIT_BYTES)) return undefined;
      return { contents: source.replace(PDFKIT_BYTES, "const fromBinaryString = str => Buffer.from(str, 'latin1');"), loader: 'js' };
    });
  },
};

/**
 * tiny-inflate decompresses in JavaScript the Unicode tables fontkit and its helpers read at every start
 * (and WOFF fonts' tables): zlib, inside Node, does the same natively. Same bytes out; on anything zlib
 * refuses or that would not fit, tiny-inflate's own answer.
 */
const nativeInflate = {
  name: 'native-inflate',
  setup(b) {
    b.onLoad({ filter: /[\\/]tiny-inflate[\\/]index\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      if (!source.includes('module.exports = tinf_uncompress;')) return undefined;
      return {
        loader: 'js',
        contents: source.replace(
          'module.exports = tinf_uncompress;',
          `module.exports = function inflate(source, dest) {
            let out;
            try { out = require('node:zlib').inflateRawSync(source); } catch { return tinf_uncompress(source, dest); }
            if (out.length > dest.length) return tinf_uncompress(source, dest);
            dest.set(out);
            return out.length < dest.length ? (typeof dest.slice === 'function' ? dest.slice(0, out.length) : dest.subarray(0, out.length)) : dest;
          };`,
        ),
      };
    });
  },
};

/**
 * The bundle for the current sources, built once per version of the sources (and of this file: how it
 * bundles is part of what a bundle is made from). It is built in a folder of its own and renamed into
 * place whole, so a build started meanwhile (three at once in a fresh clone) never reads a half-written
 * bundle: it finds the finished one, or builds its own.
 */
async function bundle() {
  const sourcesTime = Math.max(newest(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  // The sources' time and Node's version name the folder (no hash: loading crypto costs 10 ms a start).
  const version = `${Math.round(sourcesTime)}-${process.version}`;
  const dir = join(outdir, version);
  const out = join(dir, 'zine.cjs');
  if (existsSync(out)) return out;
  mkdirSync(outdir, { recursive: true });
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: join(tmp, 'zine.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    // sharp is native: required from node_modules at run time. pdfkit's CommonJS build: its ES build
    // reads import.meta, which a CommonJS bundle has not. Dynamic imports become require() calls, still
    // lazy: pdf-lib, QR codes and each language's hyphenation patterns load only when a build needs them.
    // Outside too, required from node_modules if ever used: fontkit's Brotli decoder (WOFF2 fonts), a
    // sixth of the bundle that every start would read. (Hyphenation patterns stay inside: required from
    // node_modules, a language's patterns were compiled again at every run, German's in 50 ms.)
    external: ['sharp', 'brotli/*'],
    // One fontkit for us and pdfkit (pdfkit's require would bundle and start a second copy).
    // One markdown-it too (markdown-it-attrs requires its CommonJS build, we imported its ES one).
    alias: { pdfkit: join(root, 'node_modules/pdfkit/js/pdfkit.js'), fontkit: join(root, 'node_modules/fontkit/dist/module.mjs'), 'markdown-it': join(root, 'node_modules/markdown-it/dist/markdown-it.cjs.js') },
    plugins: [lazy, patternsAsJson(tmp), nativeBytes, nativeInflate],
    supported: { 'dynamic-import': false },
    // Less source to read and hash at each start; names stay as written (stack traces stay readable).
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // esbuild leaves non-ASCII characters in regular expressions as they are: escaped (\uXXXX, the same
  // character in every regular expression, string and name), the file is ASCII and is read as one-byte
  // text, half the memory and time of reading it as UTF-8.
  const code = readFileSync(join(tmp, 'zine.cjs'), 'utf8');
  if (/[^\x00-\x7f]/.test(code)) writeFileSync(join(tmp, 'zine.cjs'), code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
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
if (!process.env.NODE_OPTIONS && !process.execArgv.length) {
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
