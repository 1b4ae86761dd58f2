/**
 * Startup snapshot entry (see bin/zine.mjs). Run once by `node --build-snapshot`: it loads every
 * module a build needs and parses the project's fonts, then V8 saves the heap. Each `build` starts
 * from that heap: no module loading, no font parsing. Only what depends on nothing but the project's
 * code and fonts is prepared here; content is always read fresh. (Running a whole build here too was
 * measured: it saved nothing more.)
 */
import { startupSnapshot } from 'node:v8';
import { join } from 'node:path';
import { main } from './program.js';
import { fontSet } from './fonts/fontMetrics.js';
import { FACES, type FaceId } from './layout/style.js';
import { loadHyphenator } from './typography/hyphenate.js';
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
// Modules loaded by dynamic import() elsewhere are loaded here, before the heap is saved.
void Promise.all([import('./pipeline.js'), import('./impose/index.js'), ...['fr', 'en', 'nl', 'de', 'es'].map((l) => loadHyphenator(l))]);

startupSnapshot.setDeserializeMainFunction(() => {
  // Node would read the command's options as its own, so bin/zine.mjs passes them in ZINE_ARGV.
  const args = JSON.parse(process.env.ZINE_ARGV ?? '[]') as string[];
  delete process.env.ZINE_ARGV;
  // ZINE_HOME stays: native modules (sharp) are required from there.
  void main([process.argv[0], 'zine', ...args]);
});
