/**
 * content/zine.yml as a user writes it: every key optional, every mistake an error at its own line
 * with what to write instead. Expected lines are counted in the YAML text the test writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGuideConfig } from '../../src/1-load/loadGuide.js';
import { themeSources } from '../../src/4-theme/index.js';
import { ZineError } from '../../src/errors.js';
import { MM } from '../../src/model/theme.js';
import { buildOptions, cleanup, LANG, makeProject, openPdf } from '../safety/helpers.js';
import { buildEdition, layoutEdition } from '../../src/pipeline.js';
import { readFileSync } from 'node:fs';

afterAll(cleanup);

function withConfig(yml: string, images: Record<string, Buffer | string> = {}) {
  const root = makeProject({ images });
  writeFileSync(join(root, 'content', 'zine.yml'), yml);
  return root;
}

/** The error for this zine.yml, and the line (1-based) of the first line of `yml` containing `needle`. */
function errorOf(yml: string, needle: string, images: Record<string, Buffer | string> = {}) {
  const root = withConfig(yml, images);
  let err: unknown;
  try {
    const config = readGuideConfig(root);
    themeSources(root, config, config.source);
  } catch (e) {
    err = e;
  }
  expect(err, `no error for:\n${yml}`).toBeInstanceOf(ZineError);
  const line = yml.split('\n').findIndex((l) => l.includes(needle)) + 1;
  return { err: err as ZineError, line };
}

describe('zine.yml', () => {
  it('every key is optional: an empty file gives A5 and our colours', () => {
    const config = readGuideConfig(withConfig(''));
    expect(config.page.width / MM).toBeCloseTo(148, 6);
    expect(config.page.height / MM).toBeCloseTo(210, 6);
    expect(config.theme.accent).toBe('#d4211b');
    expect(config.slug).toBe('zine');
  });

  it('reads page sizes by name and in millimetres', () => {
    for (const [page, w, h] of [['a6', 105, 148], ['half-letter', 139.7, 215.9], ['120x170mm', 120, 170], ['A5', 148, 210]] as const) {
      const c = readGuideConfig(withConfig(`page: ${page}\n`));
      expect(c.page.width / MM, page).toBeCloseTo(w, 6);
      expect(c.page.height / MM, page).toBeCloseTo(h, 6);
    }
  });

  it('takes short hex colours and writes them in full', () => {
    const c = readGuideConfig(withConfig('theme:\n  accent: "#0a8"\n'));
    expect(c.theme.accent).toBe('#00aa88');
  });

  const cases: { name: string; yml: string; needle: string; message: RegExp; hint: RegExp; images?: Record<string, string> }[] = [
    { name: 'an unknown top-level key', yml: 'slug: x\ncolour: red\n', needle: 'colour', message: /unknown key "colour"/, hint: /Keys here: slug, source, page, theme/ },
    { name: 'an unknown key inside theme', yml: 'slug: x\ntheme:\n  accent: "#ff0000"\n  background: "#fff"\n', needle: 'background', message: /unknown key "theme.background"/, hint: /accent, ink, fonts, cover/ },
    { name: 'an unknown font role', yml: 'theme:\n  fonts:\n    body: inter\n    captions: inter\n', needle: 'captions', message: /unknown key "theme.fonts.captions"/, hint: /body, headings, display, mono/ },
    { name: 'a colour that is not hex', yml: 'slug: x\ntheme:\n  ink: navy\n', needle: 'ink', message: /ink "navy" is not a colour/, hint: /CSS hex colour/ },
    { name: 'a colour read as a comment (no quotes)', yml: 'theme:\n  accent: #d42a20\n', needle: 'accent', message: /"theme.accent" needs a value/, hint: /in quotes/ },
    { name: 'a page size we cannot read', yml: 'slug: x\npage: b5ish\n', needle: 'page', message: /page "b5ish" is not a page size/, hint: /120x170mm/ },
    { name: 'a page too small to hold a screenshot', yml: 'page: 40x60mm\n', needle: 'page', message: /outside what a zine can be/, hint: /A6/ },
    { name: 'a value where keys are expected', yml: 'theme: red\n', needle: 'theme', message: /"theme" holds keys/, hint: /accent: …/ },
    { name: 'a font folder that does not exist', yml: 'theme:\n  fonts:\n    body: comic-sans\n', needle: 'comic-sans', message: /font folder "comic-sans" is not in fonts\//, hint: /noto-serif/ },
    { name: 'an emblem that is not in images/', yml: 'theme:\n  cover:\n    emblem: star.svg\n', needle: 'emblem', message: /image not found: star.svg/, hint: /images\/star.svg/ },
    { name: 'an emblem of another kind of file', yml: 'theme:\n  cover:\n    emblem: notes.txt\n', needle: 'emblem', message: /not an SVG, PNG, JPEG or WebP/, hint: /emblem: none/, images: { 'notes.txt': 'hello' } },
    { name: 'a base-url that is not an address', yml: 'slug: x\nbase-url: example.org/guide\n', needle: 'base-url', message: /base-url "example.org\/guide" is not an http\(s\) address/, hint: /https:\/\/example.org\/guide\// },
    { name: 'a base-url of another scheme', yml: 'base-url: ftp://example.org/\nslug: x\n', needle: 'base-url', message: /is not an http\(s\) address/, hint: /base-url: https:/ },
    { name: 'a page count that is not a number', yml: 'slug: x\npages: twelve\n', needle: 'pages', message: /pages "twelve" is not a page count/, hint: /pages: 12/ },
    { name: 'a page count under a book’s', yml: 'pages: 2\nslug: x\n', needle: 'pages', message: /pages: 2 is fewer than a book has/, hint: /at least 4 pages/ },
    { name: 'a bad slug', yml: 'source: xx\nslug: My Zine\n', needle: 'slug', message: /lowercase letters, digits and dashes/, hint: /my-zine/ },
  ];
  for (const c of cases) {
    it(`${c.name}: an error at its line, with what to write`, () => {
      const { err, line } = errorOf(c.yml, c.needle, c.images);
      expect(err.message).toMatch(c.message);
      expect(err.where?.file).toBe('content/zine.yml');
      expect(err.where?.line).toBe(line);
      expect(err.hint ?? '').toMatch(c.hint);
    });
  }

  it('reads base-url as a folder: a missing final / is added, so links resolve inside it', () => {
    expect(readGuideConfig(withConfig('base-url: https://example.org/guide\n')).baseUrl).toBe('https://example.org/guide/');
    expect(readGuideConfig(withConfig('base-url: http://example.org/a/b/\n')).baseUrl).toBe('http://example.org/a/b/');
    expect(readGuideConfig(withConfig('slug: x\n')).baseUrl).toBeNull();
  });

  it('the default emblem is optional: a guide without images/padlock.svg has none, and no error', () => {
    const root = withConfig('slug: x\n');
    const config = readGuideConfig(root);
    expect(themeSources(root, config, config.source).emblem).toBeNull();
  });

  it('an SVG of paths stays vector, in the ink where it says currentColor', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 20"><path d="M0 0 H10 V20 Z" fill="currentColor"/><path d="M1 1 H2 V2 Z" fill="#00ff00" fill-rule="evenodd"/></svg>';
    const root = withConfig('theme:\n  ink: "#123456"\n  cover:\n    emblem: mark.svg\n', { 'mark.svg': svg });
    const config = readGuideConfig(root);
    const { emblem } = themeSources(root, config, config.source);
    expect(emblem).toEqual({ kind: 'paths', emblem: { kind: 'paths', width: 10, height: 20, paths: [{ d: 'M0 0 H10 V20 Z', fill: '#123456', evenOdd: false }, { d: 'M1 1 H2 V2 Z', fill: '#00ff00', evenOdd: true }] } });
  });

  it('an SVG of basic shapes stays vector too (a circle as its path), moved by its view box', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="2 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';
    const root = withConfig('theme:\n  ink: "#123456"\n  cover:\n    emblem: dot.svg\n', { 'dot.svg': svg });
    const config = readGuideConfig(root);
    const emblem = themeSources(root, config, config.source).emblem;
    expect(emblem?.kind).toBe('paths');
    const paths = emblem?.kind === 'paths' ? emblem.emblem.paths : [];
    expect(paths.map((p) => [p.fill, p.transform])).toEqual([['#123456', [1, 0, 0, 1, -2, 0]]]);
  });

  it('an SVG with strokes, transparency or what we do not draw is rasterised like a figure', () => {
    for (const inner of ['<circle cx="5" cy="5" r="4" fill="none" stroke="#000"/>', '<circle cx="5" cy="5" r="4" opacity="0.5"/>', '<defs><linearGradient id="g"/></defs><circle cx="5" cy="5" r="4" fill="url(#g)"/>']) {
      const root = withConfig('theme:\n  cover:\n    emblem: dot.svg\n', { 'dot.svg': `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>` });
      const config = readGuideConfig(root);
      expect(themeSources(root, config, config.source).emblem?.kind, inner).toBe('image');
    }
  });

  describe('pages:', () => {
    // Six sections of six long paragraphs: many pages whatever the levers do.
    const body = Array.from({ length: 6 }, (_, s) => `# Part ${s + 1}\n\n` + Array.from({ length: 6 }, (_, p) => `${'Words of a long paragraph that goes on. '.repeat(12)}${s}${p}\n\n`).join('')).join('');
    const guide = (yml: string) => {
      const root = makeProject({ body });
      writeFileSync(join(root, 'content', 'zine.yml'), `slug: paged\nsource: ${LANG}\n${yml}`);
      return root;
    };
    const pdfPages = (file: string) => openPdf(readFileSync(file)).countPages();

    it('that the guide cannot fit fails at its line, saying by how many pages it overflows and what to do', async () => {
      const yml = 'page: a5\npages: 4\n';
      let err: unknown;
      const root = guide(yml);
      try {
        await layoutEdition(LANG, buildOptions(root));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ZineError);
      const e = err as ZineError;
      const m = /needs (\d+) pages, (\d+) more than pages: 4 allows/.exec(e.message);
      expect(m, e.message).not.toBeNull();
      expect(Number(m![2])).toBe(Number(m![1]) - 4);
      const written = readFileSync(join(root, 'content', 'zine.yml'), 'utf8').split('\n');
      expect(e.where).toMatchObject({ file: 'content/zine.yml', line: written.findIndex((l) => l.startsWith('pages:')) + 1 });
      expect(e.hint).toMatch(/Shorten the guide by \d+ pages .* or ask for pages: \d+/);
      // The phone edition has no sheets: pages: is not its.
      await expect(layoutEdition(LANG, buildOptions(guide(yml)), 'phone')).resolves.toBeDefined();
    });

    it('that the guide can fit gives a book of at most that many pages, as the PDF counts them', async () => {
      const free = (await buildEdition(LANG, buildOptions(guide('')))).outputs[0];
      const fewest = pdfPages(free);
      const asked = fewest + 1;
      const paged = (await buildEdition(LANG, buildOptions(guide(`pages: ${asked}\n`)))).outputs[0];
      expect(pdfPages(paged)).toBeLessThanOrEqual(asked);
      expect(pdfPages(paged)).toBeGreaterThan(4);
    });
  });
});
