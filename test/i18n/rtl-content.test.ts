// The Arabic and Persian translations, checked against the French source they were made from.
// Expectations come from the raw Markdown read by a second parser (commonmark, test/e2e/helpers.ts),
// from SHA-256 of the French files and from the PNGs' own sizes: not from the engine, which cannot
// set Arabic script yet (issue 9).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { expectedFromMarkdown, plainMarkdown } from '../e2e/helpers.js';
import { repo } from '../project.js';

const RTL = ['ar', 'fa'];
const SOURCE = 'fr';
const source = expectedFromMarkdown(repo, SOURCE);
const sourceFiles = readdirSync(join(repo, 'content', SOURCE)).filter((f) => f.endsWith('.md')).sort();

/** Names kept in Latin script in every language: a translation must carry each one its source block has. */
const NAMES = ['Riot', 'RIOT', 'Matrix', 'Jitsi', 'Signal', 'Windows', 'Linux', 'MacOS', 'Mac', 'Android', 'iOS', 'Veracrypt', 'LUKS', 'TOR', 'VPN', 'Discord', 'Skype', 'Zoom', 'TAILS', 'Realtek', 'Microsoft Store'];
const namesIn = (text: string) => NAMES.filter((n) => new RegExp(`(^|[^A-Za-z])${n}([^A-Za-z]|$)`).test(text));

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** The first letter that sets a paragraph's direction (UAX #9, rule P2): Arabic script or Latin. */
const firstStrong = (text: string) => /[\p{L}]/u.exec(text)?.[0] ?? '';

/** Letters and digits each language must not use: the other one's forms of ye, kaf and the digits. */
const FOREIGN: Record<string, RegExp> = {
  ar: /[\u06CC\u06A9\u06F0-\u06F9]/g, // Persian ye, keheh, Persian digits
  fa: /[\u064A\u0643\u0649\u0660-\u0669]/g, // Arabic yeh, kaf, alef maksura, Arabic-Indic digits
};

for (const lang of RTL) {
  describe(`${lang}: the translation keeps the French guide's structure`, () => {
    const t = expectedFromMarkdown(repo, lang);

    it('the same files, each recording the hash of its French source', () => {
      expect(readdirSync(join(repo, 'content', lang)).filter((f) => f.endsWith('.md')).sort()).toEqual(sourceFiles);
      for (const f of sourceFiles) {
        const hash = createHash('sha256').update(readFileSync(join(repo, 'content', SOURCE, f))).digest('hex').slice(0, 12);
        const fm = parseYaml(plainMarkdown(readFileSync(join(repo, 'content', lang, f), 'utf8')).frontMatter) ?? {};
        expect(String(fm['source-hash']), `content/${lang}/${f}`).toBe(hash);
      }
    });

    it('the same blocks in the same order: headings of the same level, paragraphs, list items, captions', () => {
      expect(t.blocks.map((b) => `${b.kind}${b.level ?? ''} ${b.file.split('/')[2]}`)).toEqual(source.blocks.map((b) => `${b.kind}${b.level ?? ''} ${b.file.split('/')[2]}`));
      expect(t.linksIndexAfter).toBe(source.linksIndexAfter);
    });

    it('the same links, images and image widths; the book keys and strings of the source', () => {
      expect(t.urls).toEqual(source.urls);
      expect(t.figures.map((f) => [f.src, f.attrs.width, !!f.attrs.crop, f.attrs.redact.length])).toEqual(source.figures.map((f) => [f.src, f.attrs.width, !!f.attrs.crop, f.attrs.redact.length]));
      expect(Object.keys(t.meta).sort()).toEqual([...Object.keys(source.meta), 'source-hash'].sort());
      expect(t.meta.website).toBe(source.meta.website);
      expect(Object.keys(t.strings).sort()).toEqual(Object.keys(source.strings).sort());
    });

    it('every product name of a French block is in its translation, in Latin script', () => {
      source.blocks.forEach((b, i) => {
        for (const name of namesIn(b.text)) expect(t.blocks[i].text, `${t.blocks[i].file}:${t.blocks[i].line} lacks ${name}`).toMatch(name);
      });
    });

    it('every paragraph, item, caption and alt text is written in Arabic script, and starts with it', () => {
      // Starting with an Arabic letter makes the paragraph right to left by the bidi algorithm's own
      // rule (P2), in the PDF and wherever the text is pasted. A block left as in French ("Riot.im") is a name.
      const texts = [...t.blocks.map((b, i) => ({ ...b, fr: source.blocks[i].text })), ...t.figures.map((f, i) => ({ ...f, text: f.alt, fr: source.figures[i].alt }))];
      for (const b of texts) {
        if (b.text === b.fr) continue;
        expect(firstStrong(b.text), `${b.file}:${b.line} starts in Latin: ${b.text}`).toMatch(ARABIC_SCRIPT);
      }
      for (const value of [t.meta.title, t.meta.subtitle, t.meta.back, t.meta.slogan, ...Object.values(t.strings)]) expect(firstStrong(String(value)), String(value)).toMatch(ARABIC_SCRIPT);
    });

    it('puts on the other side what the French puts on a side of the interface: its screenshots are mirrored', () => {
      // The screenshots' templates mirror right to left (dir="rtl", logical CSS properties): a button "en
      // haut à droite" of the French is at the top left of this language's interface. A mouse's right
      // button ("clic droit") stays the right one.
      const side = { ar: { left: /يسار|اليسرى/, right: /يمين|اليمنى/ }, fa: { left: /سمت چپ/, right: /سمت راست/ } }[lang]!;
      let checked = 0;
      source.blocks.forEach((b, i) => {
        const said = /à droite/.test(b.text) ? 'right' : /à gauche/.test(b.text) ? 'left' : null;
        if (!said) return;
        checked++;
        const other = said === 'right' ? 'left' : 'right';
        const at = `${t.blocks[i].file}:${t.blocks[i].line}`;
        expect(t.blocks[i].text, `${at} should say ${other}`).toMatch(side[other]);
        expect(t.blocks[i].text, `${at} says ${said}, as the unmirrored French`).not.toMatch(side[said]);
      });
      expect(checked, 'the French names sides of the interface').toBeGreaterThan(0);
    });

    it(`uses ${lang === 'fa' ? 'Persian' : 'Arabic'} letters and digits, never the other language's`, () => {
      const files = [...readdirSync(join(repo, 'content', lang)).map((f) => `content/${lang}/${f}`), `tools/screenshots/strings/${lang}.json`];
      for (const f of files) expect(readFileSync(join(repo, f), 'utf8').match(FOREIGN[lang]) ?? [], f).toEqual([]);
      if (lang === 'fa') {
        // Persian running text writes its numbers in Persian digits (Latin names such as "Windows 10" aside).
        for (const b of [...t.blocks, { text: String(t.meta.edition) }]) expect(b.text.replace(/[A-Za-z][\w.-]*/g, '')).not.toMatch(/[0-9]/);
      }
    });

    it('every screenshot it shows is its own, and every crop lies inside it', async () => {
      for (const f of t.figures) {
        const path = join(repo, 'images', lang, f.src);
        expect(existsSync(path), `images/${lang}/${f.src}`).toBe(true);
        if (!f.attrs.crop) continue;
        const { width = 0, height = 0 } = await sharp(path).metadata();
        const [x, y, w, h] = f.attrs.crop;
        expect(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= width && y + h <= height, `${f.file}:${f.line} crop ${f.attrs.crop} in ${width}×${height}`).toBe(true);
      }
    });
  });

  describe(`${lang}: the screenshots' interface strings`, () => {
    const fr = JSON.parse(readFileSync(join(repo, 'tools/screenshots/strings/fr.json'), 'utf8')) as Record<string, Record<string, string>>;
    const strings = JSON.parse(readFileSync(join(repo, `tools/screenshots/strings/${lang}.json`), 'utf8')) as Record<string, Record<string, string>>;

    it('translate every string of the French ones, with as many [links], keeping the Latin names', () => {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(fr).sort());
      for (const [shot, keys] of Object.entries(fr)) {
        expect(Object.keys(strings[shot]).sort(), shot).toEqual(Object.keys(keys).sort());
        for (const [k, value] of Object.entries(keys)) {
          const links = (s: string) => s.match(/\[[^\]]+\]/g)?.length ?? 0;
          expect(links(strings[shot][k]), `${shot}.${k}`).toBe(links(value));
          for (const name of namesIn(value)) expect(strings[shot][k], `${shot}.${k} lacks ${name}`).toMatch(name);
        }
      }
    });
  });
}

describe('the screenshot templates mirror for right to left', () => {
  // One template serves both directions only if no rule names a physical side: `margin-left`, `right: 8px`,
  // `float`, `text-align: left`, or a four-value margin, padding or inset whose right and left differ.
  const dir = join(repo, 'tools/screenshots/templates');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(css|html)$/.test(f));
  const physical = /(^|[\s;{"])((margin|padding|border)-(left|right)|left|right|float|clear)\s*:|text-align\s*:\s*(left|right)/;
  const fourValues = /(^|[\s;{"])(margin|padding|inset)\s*:\s*([^\s;}"]+)\s+([^\s;}"]+)\s+([^\s;}"]+)\s+([^\s;}"]+)\s*([;}"]|$)/;

  it.each(files)('%s uses logical properties only', (file) => {
    const css = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
    const asymmetric = (line: string) => {
      const m = fourValues.exec(line);
      return !!m && m[4] !== m[6]; // right and left
    };
    const bad = css.split('\n').filter((line) => physical.test(line) || asymmetric(line));
    expect(bad).toEqual([]);
  });
});
