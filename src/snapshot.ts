/**
 * Startup snapshot entry (see bin/zine.mjs). Run once by `node --build-snapshot`: it loads every
 * module a build needs, parses the project's fonts and lays out, renders and imposes the source
 * language once in memory (so the functions a build runs are already compiled: measured, about 0.1 s
 * less per run), then V8 saves the heap. Each `build` starts from that heap. Content is read fresh at
 * run time; only memo caches of pure functions (glyph widths, hyphenation points, QR codes) carry
 * over, and those cannot change an output.
 */
import { startupSnapshot } from 'node:v8';
import { join } from 'node:path';
import { main } from './program.js';
import { fontSet } from './fonts/fontMetrics.js';
import { FACE_IDS } from './model/theme.js';
import { themeFor, themeSources } from './4-theme/index.js';
import { markdownParser } from './2-parse/markdown.js';
import { loadGuide, readGuideConfig } from './1-load/loadGuide.js';
import { parseChapter } from './2-parse/toDocument.js';
import { typesetDocument } from './3-typography/applyToDocument.js';
import { loadHyphenator } from './3-typography/hyphenate.js';
import { layoutBook } from './6-layout/book.js';
import { renderPdf } from './7-render/renderPdf.js';
import { imposeBooklet } from './8-impose/index.js';
import { figureKey } from './model/document.js';
import { blocksOfKind } from './model/walk.js';
import type { ImageInfo } from './5-images/processImage.js';

const root = process.env.ZINE_SNAPSHOT_ROOT;

/** A 2 × 2 white palette PNG, standing in for every figure during the warm-up. */
const STAND_IN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAMAAABFaP0WAAAAA1BMVEX///+nxBvIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAC0lEQVQImWNgAAEAAAYAAeaH/n8AAAAASUVORK5CYII=', 'base64');

/**
 * A build of the source language without its images (sharp, a native module, cannot load while a
 * snapshot is made): figures get a stand-in size and a stand-in picture.
 */
async function warmUp(root: string): Promise<void> {
  const lang = readGuideConfig(root).source;
  const guide = loadGuide(root, lang);
  const ids = new Set<string>();
  const doc = typesetDocument({ lang, slug: guide.slug, meta: guide.meta, strings: guide.strings, chapters: guide.files.map((f) => parseChapter(f, ids, undefined, { baseUrl: guide.config.baseUrl ?? undefined })) });
  const images = new Map<string, ImageInfo>();
  for (const c of doc.chapters) for (const f of blocksOfKind(c.blocks, 'figure')) images.set(figureKey(f.src, f.attrs), { width: 1000, height: 700, pixelRatio: 2, format: 'png' });
  const theme = themeFor(guide.config, themeSources(root, guide.config, lang), 'page');
  const fonts = fontSet(join(root, 'fonts'), theme.faces);
  const model = layoutBook({ doc, images, metrics: fonts, hyphenate: await loadHyphenator(lang), theme });
  const pictures = new Map([...images.keys()].map((k) => [k, { data: STAND_IN, width: 2, height: 2, format: 'png' as const }]));
  const pdf = await renderPdf(model, { font: fonts.pdfFont, images: pictures, date: new Date(0) });
  await imposeBooklet(pdf, {});
}

if (root) {
  // The guide's own fonts (zine.yml), parsed once into the snapshot; a broken zine.yml just means none.
  let faces;
  try {
    const config = readGuideConfig(root);
    faces = themeSources(root, config, config.source).faces;
  } catch {
    faces = undefined;
  }
  const fonts = fontSet(join(root, 'fonts'), faces);
  for (const face of FACE_IDS) {
    fonts.width(face, 'Aa');
    fonts.has(face, 0x41);
  }
}
markdownParser();
// Hyphenation patterns are not preloaded beyond the source language's: measured, deserialising five
// languages' tries costs more than loading the one a build needs.
void Promise.all([import('./pipeline.js'), import('./8-impose/index.js')]).then(async () => {
  if (root && process.env.ZINE_SNAPSHOT_WARMUP !== '0') await warmUp(root).catch((e) => process.env.ZINE_SNAPSHOT_DEBUG && console.error(e));
});

startupSnapshot.setDeserializeMainFunction(() => {
  // Node would read the command's options as its own, so bin/zine.mjs passes them in ZINE_ARGV.
  const args = JSON.parse(process.env.ZINE_ARGV ?? '[]') as string[];
  delete process.env.ZINE_ARGV;
  // ZINE_HOME stays: native modules (sharp) are required from there.
  void main([process.argv[0], 'zine', ...args]);
});
