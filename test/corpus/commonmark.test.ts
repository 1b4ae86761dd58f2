/**
 * The CommonMark spec's examples as a corpus of Markdown nobody wrote for us: each one, as the body of
 * a one-file guide, either lays out with every text item inside the page, or is refused with a
 * ZineError that points at its file and a line of it. Never another exception.
 *
 * The examples come from the `commonmark-spec` package (its `tests`: markdown, section, number); a
 * tab is written → in the spec. Layout only (real fonts, stand-in image sizes: nothing is read from
 * disk); a sample of them is also rendered and read back with mupdf.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGuideConfig, splitFrontMatter } from '../../src/1-load/loadGuide.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';
import { typesetDocument } from '../../src/3-typography/applyToDocument.js';
import { loadHyphenator, type Hyphenator } from '../../src/3-typography/hyphenate.js';
import { themeFor, themeSources } from '../../src/4-theme/index.js';
import type { ImageInfo } from '../../src/5-images/processImage.js';
import { layoutBook } from '../../src/6-layout/book.js';
import { missingCharErrors, type MissingChars } from '../../src/6-layout/lineBreak.js';
import { renderPdf } from '../../src/7-render/renderPdf.js';
import { ZineError } from '../../src/errors.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { figureKey, type DocumentModel } from '../../src/model/document.js';
import type { PageModel } from '../../src/model/page.js';
import type { Theme } from '../../src/model/theme.js';
import { blocksOfKind } from '../../src/model/walk.js';
import { STRINGS_YML } from '../project.js';
import { makeProject, REPO } from '../safety/helpers.js';
import { matterhorn } from '../a11y/matterhorn.js';
import { parse } from 'yaml';

interface Example {
  number: number;
  section: string;
  markdown: string;
}

/** The corpus: swap this for another source of examples (a spec.txt, a JSON file) and nothing else changes. */
function commonmarkExamples(): Example[] {
  const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Example[] };
  return spec.tests.map((t) => ({ number: t.number, section: t.section, markdown: t.markdown.replace(/→/g, '\t') }));
}

const EXAMPLES = commonmarkExamples();
const PATH = 'content/en/01-guide.md';
const FRONT = '---\ntitle: CommonMark\n---\n\n';
/** Every this many examples that lay out, one is also rendered to a PDF and read back. */
const RENDER_EVERY = 20;

/** Stand-in sizes, alternating a 2x screenshot, a photo and a tall phone screenshot. */
const STAND_INS: ImageInfo[] = [
  { width: 1200, height: 800, pixelRatio: 2, format: 'png' },
  { width: 900, height: 600, pixelRatio: 1, format: 'jpeg' },
  { width: 750, height: 1600, pixelRatio: 2, format: 'png' },
];
/** A 2 × 2 white PNG standing in for every picture when a sample is rendered. */
const STAND_IN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAMAAABFaP0WAAAAA1BMVEX///+nxBvIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAC0lEQVQImWNgAAEAAAYAAeaH/n8AAAAASUVORK5CYII=', 'base64');

let theme: Theme;
let metrics: ReturnType<typeof fontSet>;
let hyphenate: Hyphenator;

beforeAll(async () => {
  const root = makeProject();
  const config = readGuideConfig(root);
  theme = themeFor(config, themeSources(root, config, config.source), 'page');
  metrics = fontSet(join(REPO, 'fonts'), theme.faces);
  hyphenate = await loadHyphenator('en');
});

/**
 * The guide's stages up to layout, in memory, as `check` runs them: a block refused is recorded and
 * parsing goes on, and what is left is laid out (so the recovery path is exercised too). `build` stops
 * on the same errors.
 */
function layOut(ex: Example): { model?: PageModel; errors: ZineError[] } {
  const errors: ZineError[] = [];
  const file = { path: PATH, ...splitFrontMatter(FRONT + ex.markdown, PATH) };
  const strings = parse(STRINGS_YML) as DocumentModel['strings'];
  const doc = typesetDocument({ lang: 'en', slug: 'cm', meta: { title: 'CommonMark' }, strings, chapters: [parseChapter(file, new Set(), () => {}, { error: (e) => errors.push(e) })] });
  const images = new Map<string, ImageInfo>();
  for (const f of blocksOfKind(doc.chapters[0].blocks, 'figure')) images.set(figureKey(f.src, f.attrs), STAND_INS[images.size % STAND_INS.length]);
  const missing: MissingChars = new Map();
  try {
    const model = layoutBook({ doc, images, metrics, hyphenate, theme, missing });
    return { model, errors: [...errors, ...missingCharErrors(missing)] };
  } catch (e) {
    if (e instanceof ZineError) return { errors: [...errors, e] };
    throw e;
  }
}

/** Every text item that is not wholly on the page, described. */
function outsidePage(model: PageModel): string[] {
  return model.pages.flatMap((page) =>
    page.items.flatMap((it) =>
      it.type === 'text' && (it.x < 0 || it.x + it.width > model.width + 0.01 || it.y <= 0 || it.y > model.height)
        ? [`page ${page.index + 1}: "${it.text}" at x ${it.x.toFixed(1)}, y ${it.y.toFixed(1)}, width ${it.width.toFixed(1)}`]
        : [],
    ),
  );
}

/** The same Markdown one level down: in a list item, a quote, a callout (a skipped block leaves them half empty). */
const NESTINGS: [string, (md: string) => string][] = [
  ['list item', (md) => md.split('\n').map((l, i) => (i ? '  ' : '- ') + l).join('\n')],
  ['quote', (md) => md.split('\n').map((l) => `> ${l}`).join('\n')],
  ['callout', (md) => `::: warning\n${md}\n:::\n`],
];

const lineCount = (ex: Example) => (FRONT + ex.markdown).split('\n').length;

describe('the CommonMark spec examples, each as a whole guide', () => {
  it('the corpus is there: every example of the spec, numbered in order', () => {
    expect(EXAMPLES.length).toBeGreaterThan(600);
    expect(EXAMPLES.map((e) => e.number)).toEqual(EXAMPLES.map((_, i) => i + 1));
  });

  let built = 0;
  let refused = 0;
  let rendered = 0;
  it.each(EXAMPLES)('example $number ($section) lays out inside the page, or is refused at its line', async (ex) => {
    const { model, errors } = layOut(ex);
    for (const e of errors) {
      expect(e.where?.file, e.format()).toBe(PATH);
      expect(e.where?.line, e.format()).toBeGreaterThanOrEqual(1);
      expect(e.where?.line, e.format()).toBeLessThanOrEqual(lineCount(ex));
    }
    if (errors.length) refused++;
    if (!model) return;
    if (!errors.length) built++;
    expect(outsidePage(model)).toEqual([]);
    if (!errors.length && built % RENDER_EVERY === 1) {
      rendered++;
      const images = new Map([...new Set(model.pages.flatMap((p) => p.items.flatMap((i) => (i.type === 'image' ? [i.image] : []))))].map((k) => [k, { data: STAND_IN_PNG, width: 2, height: 2, format: 'png' as const }]));
      const pdf = await renderPdf(model, { font: metrics.pdfFont, images, date: new Date(0), tagged: true });
      const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
      expect(doc.countPages()).toBe(model.pages.length);
      // Tagged as the reading edition is: whatever the Markdown, the PDF/UA checks that apply pass.
      expect(matterhorn(pdf)).toEqual({});
    }
  });

  it.each(NESTINGS)('every example inside a %s: laid out inside the page or refused at its line, never another error', (_name, nest) => {
    const faults: string[] = [];
    for (const ex of EXAMPLES) {
      const nested = { ...ex, markdown: nest(ex.markdown) };
      const { model, errors } = layOut(nested);
      for (const e of errors) if (e.where?.file !== PATH || !(e.where.line! >= 1 && e.where.line! <= lineCount(nested))) faults.push(`example ${ex.number}: ${e.format()}`);
      if (model) faults.push(...outsidePage(model).map((o) => `example ${ex.number}: ${o}`));
    }
    expect(faults).toEqual([]);
  });

  it('both ways are taken: most examples lay out, some are refused, a sample is rendered', () => {
    expect(built + refused).toBe(EXAMPLES.length);
    expect(built).toBeGreaterThan(EXAMPLES.length / 2);
    expect(refused).toBeGreaterThan(0);
    expect(rendered).toBeGreaterThan(10);
  });
});
