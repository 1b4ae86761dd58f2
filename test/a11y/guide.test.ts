/**
 * A guide that is not ours, with every block kind, read back from its tagged PDFs: the structure tree
 * holds the Markdown's headings at their levels, its alt texts, its prose in source order, each kind
 * in its element, no running head or folio; the print editions are not tagged. Expected answers come
 * from the raw Markdown (commonmark, or the lines themselves for what commonmark does not know:
 * tables, footnotes, callouts), never from our parser or layout.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { expectedFromMarkdown, key, norm, type Expected } from '../e2e/helpers.js';
import { buildOptions, cleanup, LANG, makeProject } from '../safety/helpers.js';
import { allElements, readTagged, type TaggedPdf } from './pdfStructure.js';
import { CHECKS, matterhorn } from './matterhorn.js';
import { headingsSaid, headingsWritten, missingInOrder } from './said.js';

const GUIDE = `# Keeping bees

## Before the first hive

Bees live in colonies of many thousands, and a beginner learns more from one season beside an experienced keeper than from any book. Join the [beekeepers' society](https://society.example.org/join) of your town before you buy anything.[^1]

### What to buy

- A veil, gloves and a smock.
- A smoker and dry fuel.
- A hive tool, to lift the frames.

1. Order the hive in winter.
2. Paint it before spring.

- [ ] Find a sunny place sheltered from the wind.
- [x] Tell the neighbours.

> The bee is more honoured than other animals, not because she labours, but because she labours for others.

![A wooden frame covered with bees, some capped honey at the top](frame.png "A full frame in June.")

![](ornament.png){decorative}

---

::: tip Smoke first
Puff a little smoke at the entrance and wait a minute before opening the hive.
:::

# Harvest

Take only the honey the colony can spare, and leave them enough for the winter.[^2]

Die Biene ist fleißig, und der Honig gehört zuerst ihr. {lang=de}

| Month | Task |
| --- | --- |
| June | First harvest |
| September | Leave the winter stores |

\`\`\`
extract --frames 10 --speed slow
\`\`\`

Weigh the hive in autumn: a colony needs about twenty kilograms of honey to last until spring, what French keepers call <span lang="fr">la pesée d’automne</span>.

[^1]: Most societies lend hives and suits to new members.
[^2]: Feed sugar syrup only when the hive is too light.
`;

let expected: Expected;
let root: string;
const pdfs: Record<'reading' | 'phone' | 'booklet' | 'press', Uint8Array> = {} as never;
const tagged: Record<'reading' | 'phone', TaggedPdf> = {} as never;

beforeAll(async () => {
  const frame = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#d8a020' } }).png().toBuffer();
  const ornament = await sharp({ create: { width: 120, height: 40, channels: 3, background: '#803010' } }).png().toBuffer();
  root = makeProject({ frontMatter: 'publisher: Hive collective\nwebsite: https://bees.example.org\nback: Let them be.\n', body: GUIDE, images: { 'frame.png': frame, 'ornament.png': ornament } });
  const result = await buildEdition(LANG, buildOptions(root, { booklet: true, press: true, phone: true }));
  const pick = (suffix: string) => new Uint8Array(readFileSync(result.outputs.find((p) => p.endsWith(`-${LANG}${suffix}.pdf`))!));
  pdfs.reading = pick('');
  pdfs.phone = pick('-phone');
  pdfs.booklet = pick('-booklet');
  pdfs.press = pick('-press');
  tagged.reading = readTagged(pdfs.reading);
  tagged.phone = readTagged(pdfs.phone);
  expected = expectedFromMarkdown(root, LANG);
}, 120_000);

afterAll(cleanup);

const elements = (pdf: TaggedPdf, ...roles: string[]) => allElements(pdf.root).filter((e) => roles.includes(e.role));
/** The raw Markdown's lines, for what commonmark does not read (tables, footnotes, callouts). */
const lines = GUIDE.split('\n');

describe.each(['reading', 'phone'] as const)('%s edition', (edition) => {
  it('has one Document holding everything', () => {
    expect(tagged[edition].root?.role).toBe('Document');
  });

  it('headings: H1 to H3 at the Markdown levels, with its texts, in order', () => {
    expect(headingsSaid(tagged[edition], expected.strings)).toEqual(headingsWritten(expected));
  });

  it('figures: one Figure per image not marked decorative, its /Alt the Markdown alt text, its caption a Caption', () => {
    const figures = elements(tagged[edition], 'Figure');
    const want = expected.figures.filter((f) => !f.attrs.decorative);
    expect(figures.map((f) => f.alt)).toEqual(want.map((f) => f.alt));
    expect(expected.figures.some((f) => f.attrs.decorative)).toBe(true);
    const captions = elements(tagged[edition], 'Caption').map((c) => key(c.text));
    want.forEach((f, i) => expect(captions[i]).toContain(key(f.caption)));
  });

  it('prose in source order: every paragraph, list item, code line and caption of the Markdown, one after another', () => {
    expect(missingInOrder(tagged[edition], expected)).toEqual([]);
  });

  it('words as a reader hears them: each paragraph with its spaces (none lost on justified lines or at line ends) and no hyphen added at a break', () => {
    const said = elements(tagged[edition], 'P').map((e) => norm(e.text.normalize('NFKC')));
    const written = expected.blocks
      .filter((b) => b.kind === 'paragraph' && !/^(\||:::|\[\^\d+\]:)/.test(b.text))
      .map((b) => norm(b.text.replace(/\[\^(\d+)\]/g, '$1').replace(/\s*\{lang=\w+\}$/, '')));
    expect(written.length).toBeGreaterThan(3);
    // The long paragraph breaks over several justified lines, some hyphenated, in this column.
    expect(written.some((w) => w.length > 150)).toBe(true);
    for (const w of written) expect(said).toContain(w);
  });

  it('no running head or folio in the structure: they are artifacts', () => {
    const pdf = tagged[edition];
    const title = key(expected.meta.title);
    // The title is said on the cover only: running heads repeat it on body pages as artifacts.
    const saidTitle = elements(pdf, 'P', 'H1').filter((e) => key(e.text) === title);
    expect(saidTitle.map((e) => e.page)).toEqual([0]);
    const bodyPages = pdf.pages.map((p, i) => ({ p, i })).filter(({ i }) => i > 0 && i < pdf.pages.length - 1);
    for (const { p, i } of bodyPages) expect(p.artifacts.map(key), `page ${i + 1}`).toContain(String(i + 1));
    // And no element of the tree is only a page number.
    const numbers = allElements(pdf.root).filter((e) => e.role !== 'Document' && /^\d+$/.test(e.text));
    expect(numbers.map((e) => `${e.role} ${e.text}`)).toEqual([]);
  });

  it('lists: L of LI, each a Lbl (bullet, number or task box said as text) and an LBody with the item', () => {
    const lists = elements(tagged[edition], 'L').filter((l) => l.children.some((li) => li.children.some((c) => c.role === 'Lbl')));
    const items = lines.filter((l) => /^(- |\d+\. )/.test(l));
    const got = lists.flatMap((l) => l.children.map((li) => li.children.map((c) => c.role).join('+')));
    expect(got).toEqual(items.map(() => 'Lbl+LBody'));
    const labels = lists.flatMap((l) => l.children.map((li) => li.children[0].actual ?? li.children[0].text));
    expect(labels).toEqual(items.map((l) => (l.startsWith('- [ ]') ? '☐' : l.startsWith('- [x]') ? '☑' : l.startsWith('- ') ? '•' : l.split(' ')[0])));
    const bodies = lists.flatMap((l) => l.children.map((li) => key(li.children[1].text)));
    expect(bodies).toEqual(items.map((l) => key(l.replace(/^(- \[[ x]\] |- |\d+\. )/, ''))));
  });

  it('table: Table of TR, the header row once as TH with Scope Column, the rows as TD, the cells of the Markdown', () => {
    const [table] = elements(tagged[edition], 'Table');
    const rows = lines.filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => key(c)));
    expect(table.children.map((tr) => tr.role)).toEqual(rows.map(() => 'TR'));
    expect(table.children.map((tr) => tr.children.map((c) => c.role))).toEqual(rows.map((r, i) => r.map(() => (i ? 'TD' : 'TH'))));
    expect(table.children.map((tr) => tr.children.map((c) => key(c.text)))).toEqual(rows);
    expect(elements(tagged[edition], 'TH').map((th) => th.scope)).toEqual(rows[0].map(() => 'Column'));
  });

  it('footnotes: a Note per definition, with its number and text, and an ID of its own', () => {
    const notes = elements(tagged[edition], 'Note');
    const defs = lines.filter((l) => /^\[\^\d+\]:/.test(l)).map((l) => /^\[\^(\d+)\]:\s*(.*)$/.exec(l)!);
    expect(notes.map((n) => key(n.text))).toEqual(defs.map((d) => key(`${d[1]}.${d[2]}`)));
    expect(new Set(notes.map((n) => n.id)).size).toBe(defs.length);
  });

  it('quote, code and callout: BlockQuote, Code and a Div holding the callout title and text', () => {
    const quote = lines.find((l) => l.startsWith('> '))!.slice(2);
    expect(elements(tagged[edition], 'BlockQuote').map((q) => key(q.text))).toEqual([key(quote)]);
    const code = lines[lines.indexOf('```') + 1];
    expect(elements(tagged[edition], 'Code').map((c) => key(c.text))).toEqual([key(code)]);
    const open = lines.findIndex((l) => l.startsWith('::: tip'));
    const [div] = elements(tagged[edition], 'Div');
    expect(div.children.map((c) => [c.role, key(c.text)])).toEqual([
      ['P', key(lines[open].replace('::: tip', ''))],
      ['P', key(lines[open + 1])],
    ]);
  });

  it('words in another language say it: a Span with the /Lang of the Markdown’s <span lang>, holding its words', () => {
    const spans = [...GUIDE.matchAll(/<span lang="([^"]+)">([^<]+)<\/span>/g)].map((m) => [m[1], key(m[2])]);
    expect(spans.length).toBeGreaterThan(0);
    expect(elements(tagged[edition], 'Span').map((e) => [e.lang, key(e.text)])).toEqual(spans);
  });

  it('a paragraph in another language says it (/Lang), as the Markdown does', () => {
    const written = lines.map((l) => /^(.*?)\s*\{lang=([^}]+)\}$/.exec(l)).filter((m) => m !== null);
    const said = elements(tagged[edition], 'P').filter((p) => p.lang);
    expect(said.map((p) => [p.lang, key(p.text)])).toEqual(written.map((m) => [m[2], key(m[1])]));
    expect(written.length).toBe(1);
  });

  it('links: each in a Link element with its annotation, /Contents its address', () => {
    const pdf = tagged[edition];
    const inText = elements(pdf, 'Link').filter((l) => key(l.text) === key("beekeepers' society"));
    expect(inText.length).toBeGreaterThan(0);
    expect(inText.flatMap((l) => l.annots.map((a) => a.contents))).toEqual(inText.flatMap((l) => l.annots.map(() => 'https://society.example.org/join')));
  });

  it('the links page: a list of links, each LI one Link with its address and both its annotations', () => {
    const pdf = tagged[edition];
    const list = elements(pdf, 'L').find((l) => l.children.every((li) => li.children.length === 1 && li.children[0].role === 'LBody' && li.children[0].children[0]?.role === 'Link'))!;
    const urls = [expected.meta.website!, ...expected.urls];
    // Its QR code's box and its address's (one box per line the address takes), all leading there.
    expect(list.children.length).toBe(urls.length);
    list.children.forEach((li, i) => {
      const contents = li.children[0].children[0].annots.map((a) => a.contents);
      expect(contents.length).toBeGreaterThanOrEqual(2);
      expect(new Set(contents)).toEqual(new Set([urls[i]]));
    });
    for (const [li, u] of list.children.map((li, i) => [li, urls[i]] as const)) expect(key(li.text)).toContain(key(u.replace(/^https:\/\//, '')));
  });

  it('contents: a TOC of TOCI, each a Link to its heading, in the order of the # and ## headings', () => {
    const [toc] = elements(tagged[edition], 'TOC');
    const want = [...expected.blocks.filter((b) => b.kind === 'heading' && b.level! <= 2).map((b) => b.text), expected.strings.links];
    expect(toc.children.map((e) => e.role)).toEqual(want.map(() => 'TOCI'));
    toc.children.forEach((e, i) => {
      expect(e.children.map((c) => c.role)).toEqual(['Link']);
      expect(key(e.text)).toContain(key(want[i]));
      expect(e.children[0].annots.map((a) => key(a.contents ?? ''))).toEqual([key(want[i])]);
    });
  });

  it('passes the Matterhorn checks that apply', () => {
    expect(matterhorn(pdfs[edition])).toEqual({});
  });
});

describe('print editions', () => {
  it.each(['booklet', 'press'] as const)('%s: not tagged (for printers), and none of the PDF/UA metadata', (edition) => {
    const pdf = readTagged(pdfs[edition]);
    expect(pdf.root).toBeNull();
    expect(pdf.catalog.get('MarkInfo').isNull()).toBe(true);
  });
});

describe('the Matterhorn checks catch what they look for', () => {
  // Each check fails on the untagged press edition of the same guide, where it has something to say.
  it.each([
    '01 Real content tagged: every mark is in a tagged sequence or an artifact',
    '01 Real content tagged: MarkInfo /Marked true, no /Suspects',
    '06 Metadata: XMP with pdfuaid:part 1 and dc:title',
    '28 Annotations: every link annotation is in a Link element, says where it leads, and its page has /Tabs /S',
  ])('%s', (name) => {
    expect(CHECKS[name](readTagged(pdfs.press)).length).toBeGreaterThan(0);
  });
});
