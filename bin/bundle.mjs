// How bin/zine.mjs bundles src/ (loaded only when the sources changed): esbuild's options and the plugins
// that shape the bundle, each said where it is. The output is one CommonJS file, ASCII, and the
// hyphenation patterns beside it as JSON.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/**
 * Modules our builds never use but their packages load at start: fontkit's Brotli decoder (WOFF2 fonts,
 * with a dictionary built at load: 30 ms), pdfkit's AES (encrypted PDFs) and line breaker (text it wraps
 * itself: never here, layout breaks our lines), Node's child_process for commander (subcommands that are
 * programs: 3 ms). Each is replaced by a stand-in that loads the real module at its first use, so a WOFF2
 * font still works. (A stand-in serves require() only: an ES import's names are copied from it at once.)
 */
const LAZY = /^(brotli\/decompress\.js|@noble\/ciphers\/aes|linebreak|node:child_process)$/;
const lazyFor = (a) => a.path !== 'node:child_process' || /[\\/]commander[\\/]/.test(a.importer);
const lazy = {
  name: 'lazy',
  setup(b) {
    b.onResolve({ filter: LAZY }, (a) => (a.namespace === 'lazy' || !lazyFor(a) ? undefined : { path: a.path, namespace: 'lazy', pluginData: a.resolveDir }));
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
 * fontkit and unicode-properties build their Unicode tables (scripts, categories, Arabic joining...) as
 * they load: a dozen tries, each inflated twice, 12 ms at every start. A build whose shaping is all kept
 * (src/fonts/shapedRuns.ts) never reads them: each trie is inflated at its first lookup instead. If a
 * newer unicode-trie is written otherwise, it is left as it is.
 */
const TRIE_DATA = `      // double inflate the actual trie data
      data = inflate(data, new Uint8Array(uncompressedLength));
      data = inflate(data, new Uint8Array(uncompressedLength));

      // swap bytes from little-endian
      swap32LE(data);

      this.data = new Uint32Array(data.buffer);`;
const lazyTries = {
  name: 'lazy-tries',
  setup(b) {
    b.onLoad({ filter: /[\\/]unicode-trie[\\/]index\.js$/ }, (a) => {
      const source = readFileSync(a.path, 'utf8');
      if (!source.includes(TRIE_DATA)) return undefined;
      return {
        loader: 'js',
        contents: source.replace(
          TRIE_DATA,
          `const packed = data;
      Object.defineProperty(this, 'data', {
        configurable: true,
        get() {
          let d = inflate(packed, new Uint8Array(uncompressedLength));
          d = inflate(d, new Uint8Array(uncompressedLength));
          swap32LE(d);
          const table = new Uint32Array(d.buffer);
          Object.defineProperty(this, 'data', { value: table, writable: true }); // looked up directly from now on
          return table;
        },
      });`,
        ),
      };
    });
  },
};

/** The bundle of src/cli.ts, with what it needs beside it, written in `dir`. */
export async function writeBundle(root, dir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: join(dir, 'zine.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    // sharp is native: required from node_modules at run time. pdfkit's CommonJS build: its ES build
    // reads import.meta, which a CommonJS bundle has not. Dynamic imports become require() calls, still
    // lazy: QR codes and each language's hyphenation patterns load only when a build needs them.
    // Outside too, required from node_modules if ever used: fontkit's Brotli decoder (WOFF2 fonts), a
    // sixth of the bundle that every start would read; pdf-lib, a third of it, which imposes only the
    // PDFs our own reader refuses (src/8-impose/imposeBooklet.ts). (Hyphenation patterns stay inside:
    // required from node_modules, a language's patterns were compiled again at every run, German's in 50 ms.)
    external: ['sharp', 'brotli/*', 'pdf-lib'],
    // One fontkit for us and pdfkit (pdfkit's require would bundle and start a second copy).
    // One markdown-it too (markdown-it-attrs requires its CommonJS build, we imported its ES one).
    alias: { pdfkit: join(root, 'node_modules/pdfkit/js/pdfkit.js'), fontkit: join(root, 'node_modules/fontkit/dist/module.mjs'), 'markdown-it': join(root, 'node_modules/markdown-it/dist/markdown-it.cjs.js') },
    plugins: [lazy, patternsAsJson(dir), nativeBytes, nativeInflate, lazyTries],
    supported: { 'dynamic-import': false },
    // Less source to read and hash at each start; names stay as written (stack traces stay readable).
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // esbuild leaves non-ASCII characters in regular expressions as they are: escaped (\uXXXX, the same
  // character in every regular expression, string and name), the file is ASCII and is read as one-byte
  // text, half the memory and time of reading it as UTF-8.
  const code = readFileSync(join(dir, 'zine.cjs'), 'utf8');
  if (/[^\x00-\x7f]/.test(code)) writeFileSync(join(dir, 'zine.cjs'), code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
