import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { layoutEdition, type BuildOptions } from '../../src/pipeline.js';
import { listLanguages } from '../../src/1-load/loadGuide.js';
import { hyphenator } from '../../src/3-typography/hyphenate.js';
import { quoteStyle } from '../../src/3-typography/rules.js';
import { setText } from '../../src/6-layout/text.js';
import { fontSet } from '../../src/fonts/fontMetrics.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { TextItem } from '../../src/model/page.js';
import { repo, tempProject, write } from '../project.js';
const STYLES = defaultTheme().styles;

const warnings: string[] = [];
const options = (root = repo): BuildOptions => ({ root, outDir: join(root, 'build'), booklet: false, press: false, grayscale: false, sheet: 'a4', flip: 'short', warn: (m) => warnings.push(m) });
const langs = listLanguages(repo);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * The text lines of a page model, in order: fragments sharing a baseline joined, from the right for a
 * right-to-left language (its direction from the platform's locale data), as copied.
 */
function lines(model: Awaited<ReturnType<typeof layoutEdition>>['model']): string[] {
  const rtl = (new Intl.Locale(model.lang) as Intl.Locale & { textInfo?: { direction: string } }).textInfo?.direction === 'rtl';
  const out: string[] = [];
  for (const p of model.pages) {
    const byY = new Map<number, TextItem[]>();
    for (const it of p.items) if (it.type === 'text') byY.set(it.y, [...(byY.get(it.y) ?? []), it]);
    for (const [, items] of [...byY].sort((a, b) => a[0] - b[0])) {
      // Fragments touching each other belong to one word; a gap is a space.
      let line = '';
      let end = rtl ? Infinity : -Infinity;
      for (const i of items.sort((a, b) => (rtl ? b.x - a.x : a.x - b.x))) {
        line += ((rtl ? end - (i.x + i.width) : i.x - end) > 0.5 ? ' ' : '') + (i.actual ?? i.text);
        end = rtl ? i.x : i.x + i.width;
      }
      out.push(line.trim());
    }
  }
  return out;
}

describe('every edition', () => {
  for (const lang of langs) {
    it(`${lang}: no line starts with ; ! ? : or a closing quote`, async () => {
      const { model } = await layoutEdition(lang, options());
      const close = quoteStyle(lang).close;
      const bad = lines(model).filter((l) => /^[;!?:»]/.test(l) || l.startsWith(close));
      expect(bad).toEqual([]);
      expect(model.lang).toBe(lang);
    });
  }

  it('fr: spaces before ; ! ? : and inside « » are no-break spaces', async () => {
    const { model } = await layoutEdition('fr', options());
    const text = lines(model).join('\n');
    expect(text).toContain('\u202f!'); // "pas les deux !"
    expect(text).toContain('«\u202f');
    expect(text).not.toMatch(/ [;!?:»]/);
    expect(text).not.toMatch(/« /);
  });

  it('translations leave no French paragraph behind', async () => {
    const fr = await layoutEdition('fr', options());
    const frParas = new Set(fr.doc.chapters.flatMap((c) => c.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { inlines: { text: string }[] }).inlines.map((i) => i.text).join(''))));
    const frenchWords = /\b(les|est|pour|dans|avec|vous|sont|leur|cette|nous)\b/gi;
    for (const lang of langs.filter((l) => l !== 'fr')) {
      const { doc } = await layoutEdition(lang, options());
      const paras = doc.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : b.kind === 'list' ? b.items.flat() : [])));
      for (const p of paras) {
        if (p.kind !== 'paragraph') continue;
        const text = p.inlines.map((i) => i.text).join('');
        const words = text.split(/\s+/).length;
        if (words < 6) continue;
        expect(frParas.has(text), `${lang}: ${text}`).toBe(false);
        const hits = text.match(frenchWords)?.length ?? 0;
        expect(hits / words, `${lang} reads French: ${text}`).toBeLessThan(0.08);
      }
    }
  });
});

describe('hyphenation in a narrow column', () => {
  const metrics = fontSet(join(repo, 'fonts'));
  for (const lang of ['fr', 'en', 'nl', 'de', 'es']) {
    it(`${lang}: breaks words with a hyphen only at their hyphenation points`, async () => {
      const { doc } = await layoutEdition(lang, options());
      const hyph = hyphenator(lang);
      const ctx = { metrics, lang, hyphenate: hyph, width: 110, images: new Map(), figureLabel: 'F', figureNumbers: new Map(), theme: defaultTheme() };
      let breaks = 0;
      for (const c of doc.chapters) {
        for (const b of c.blocks) {
          if (b.kind !== 'paragraph') continue;
          const source = b.inlines.map((i) => i.text).join('');
          const ls = setText(b.inlines, STYLES.body, ctx, b.source).map((l) => l.items.filter((i): i is TextItem => i.type === 'text').reduce((s, i) => s + (s && !i.hyphen ? ' ' : '') + i.text, '')); // the added hyphen is a mark of its own, after its word
          for (let k = 0; k + 1 < ls.length; k++) {
            const m = /(\p{L}+)-$/u.exec(ls[k]);
            if (!m) continue;
            const tail = /^(\p{L}+)/u.exec(ls[k + 1])?.[1] ?? '';
            if (source.includes(`${m[1]}-${tail}`)) continue; // a hyphen of the word itself
            const word = m[1] + tail;
            expect(source, `${lang}: "${word}" is not in the paragraph`).toContain(word);
            expect(hyph(word), `${lang}: ${m[1]}-${tail}`).toContain(m[1].length);
            breaks++;
          }
        }
      }
      expect(breaks, `${lang}: hyphenated breaks`).toBeGreaterThan(10);
    });
  }
});

describe('strings, localized images and fonts', () => {
  it('a strings file missing keys fails the build and names them', async () => {
    const dir = tempProject({ images: true });
    temps.push(dir);
    const text = readFileSync(join(dir, 'content/en/strings.yml'), 'utf8').replace(/^contents:.*$/m, '').replace(/^figure:.*$/m, '');
    write(dir, 'content/en/strings.yml', text);
    const err = await layoutEdition('en', options(dir)).catch((e) => e);
    expect(err).toBeInstanceOf(ZineError);
    expect(err.format()).toMatch(/^content\/en\/strings\.yml:1:1 missing keys: contents, figure/);
  });

  it('a missing localized screenshot falls back to the shared one, with a warning naming it', async () => {
    const dir = tempProject({ images: true });
    temps.push(dir);
    rmSync(join(dir, 'images/de/riot/call-failed.png'));
    warnings.length = 0;
    const { model } = await layoutEdition('de', options(dir));
    expect(model.pages.length).toBeGreaterThan(5);
    expect(warnings.some((w) => /content\/de\/04-bugs-et-difficultes\.md:\d+:\d+ no de version of riot\/call-failed\.png: using images\/riot\/call-failed\.png/.test(w))).toBe(true);
    expect(warnings.filter((w) => w.includes('no de version')).length).toBe(1);
  });

  it('characters no font can set stop the build, every one listed with its place', async () => {
    const dir = tempProject({ images: true });
    temps.push(dir);
    const path = 'content/fr/02-avant-de-commencer.md';
    write(dir, path, readFileSync(join(dir, path), 'utf8') + '\nUn chat 𓃠 et un sourire 🙂.\n\nEncore 𓃠.\n');
    const err = await layoutEdition('fr', options(dir)).catch((e) => e);
    expect(err).toBeInstanceOf(ZineError);
    const text: string = err.format();
    expect(text).toMatch(/^content\/fr\/02-avant-de-commencer\.md:\d+:1 2 characters cannot be set/);
    expect(text).toContain('U+130E0');
    expect(text).toContain('U+1F642');
  });
});
