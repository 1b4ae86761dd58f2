/**
 * Startup snapshot entry (see bin/zine.mjs). Run once by `node --build-snapshot`: it loads every
 * module a build needs, parses the project's fonts and runs one build in memory of the source language (so the functions
 * a build runs are compiled: about 50 ms less per run, measured), then V8 saves the heap. Each
 * `build` starts from that heap. Content is always read fresh at run time; only memo caches of
 * pure functions (glyph widths, hyphenation points, QR codes) carry over, which cannot change output.
 */
import { startupSnapshot } from 'node:v8';
import { join } from 'node:path';
import { main } from './program.js';
import { fontSet } from './fonts/fontMetrics.js';
import { FACES, type FaceId } from './layout/style.js';
import { markdownParser } from './parse/markdown.js';

const root = process.env.ZINE_SNAPSHOT_ROOT;
if (root) {
  const fonts = fontSet(join(root, 'fonts'));
  for (const face of Object.keys(FACES) as FaceId[]) {
    fonts.width(face, 'Aa');
    fonts.has(face, 0x41);
  }
}
markdownParser();
// Hyphenation patterns are not preloaded: measured, deserialising five languages' tries costs more
// than loading the one a build needs.
void Promise.all([import('./pipeline.js'), import('./impose/index.js')]).then(async ([pipeline]) => {
  // One build in memory of the project's first language, nothing written: every function a build
  // runs is compiled once here, not in each run.
  if (!root || process.env.ZINE_SNAPSHOT_WARMUP === '0') return;
  const { readGuideConfig } = await import('./load/loadGuide.js');
  const lang = readGuideConfig(root).source;
  if (lang) await pipeline.renderEdition(lang, { root, outDir: join(root, 'build'), booklet: true, press: false, grayscale: false, sheet: 'a4', flip: 'short', warn: () => {} }).catch(() => {});
});

startupSnapshot.setDeserializeMainFunction(() => {
  // Node would read the command's options as its own, so bin/zine.mjs passes them in ZINE_ARGV.
  const args = JSON.parse(process.env.ZINE_ARGV ?? '[]') as string[];
  delete process.env.ZINE_ARGV;
  // ZINE_HOME stays: native modules (sharp) are required from there.
  void main([process.argv[0], 'zine', ...args]);
});
