/**
 * The Markdown of guides written for a website: relative links, inline HTML, attributes and icons of
 * site generators. What is printed differently is told (a warning at file:line:col), what cannot be
 * printed is refused at its place, with what to write instead. Positions are counted in the Markdown
 * written here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics, ZineError } from '../../src/errors.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';
import { loadGuide } from '../../src/1-load/loadGuide.js';
import { cleanup, LANG, makeProject } from '../safety/helpers.js';
import type { Block, Inline } from '../../src/model/document.js';

const FILE = 'content/en/03-setup.md';

function parse(body: string, baseUrl?: string) {
  const warnings: string[] = [];
  const hints: string[] = [];
  const chapter = parseChapter({ path: FILE, body, bodyLine: 1, frontMatter: {} }, new Set(), (m, at, hint) => (warnings.push(`${at.file}:${at.line}:${at.col} ${m}`), hints.push(hint ?? '')), { baseUrl });
  return { blocks: chapter.blocks, warnings, hints };
}

function refusal(body: string, baseUrl?: string): ZineError {
  try {
    parse(body, baseUrl);
  } catch (e) {
    if (e instanceof ZineError) return e;
    throw e;
  }
  throw new Error(`accepted: ${body}`);
}

const runs = (blocks: Block[]): Inline[] => blocks.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : []));
const linksOf = (blocks: Block[]) => runs(blocks).filter((r) => r.link).map((r) => [r.text, r.link]);

describe('relative links', () => {
  const BASE = 'https://guide.example.org/docs/';

  it('are resolved against base-url, as a browser on the published page would', () => {
    const { blocks, warnings } = parse('# Setup\n\nSee [the next step](Chapter02-01.html), [the index](../index.md#top), [the root](/about.html) and [a mirror](//mirror.example.net/g).\n', BASE);
    expect(linksOf(blocks)).toEqual([
      ['the next step', 'https://guide.example.org/docs/Chapter02-01.html'],
      ['the index', 'https://guide.example.org/index.md#top'],
      ['the root', 'https://guide.example.org/about.html'],
      ['a mirror', 'https://mirror.example.net/g'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('without base-url: an error at the link that says to set it', () => {
    const e = refusal('# Setup\n\nText.\n\nThen read [this](Chapter02-01.html).\n');
    expect(e.format()).toMatch(/^content\/en\/03-setup\.md:5:18 link "Chapter02-01\.html" is relative/);
    expect(e.hint).toMatch(/base-url: .*content\/zine\.yml|content\/zine\.yml.*base-url/);
  });

  it('other schemes stay refused, base-url or not', () => {
    expect(refusal('[x](javascript:alert(1))', BASE).message).toBe('link "javascript:alert(1)" is not allowed');
    expect(refusal('[x](ftp://example.org/f)', BASE).message).toBe('link "ftp://example.org/f" is not allowed');
  });

  it('an #anchor of the web page prints as plain text, with a warning at its place', () => {
    const { blocks, warnings } = parse('# Setup\n\nGo [back up](#install) now.\n');
    expect(runs(blocks).map((r) => r.text).join('')).toBe('Go back up now.');
    expect(linksOf(blocks)).toEqual([]);
    expect(warnings).toEqual([`${FILE}:3:14 link "#install" points inside a web page: printed as plain text`]);
  });
});

describe('inline HTML', () => {
  it('other tags are refused at their place, saying what to write instead and which tags are read', () => {
    const img = refusal('# Setup\n\nClick <img src="icon.png"> here.\n');
    expect(img.format()).toMatch(/^content\/en\/03-setup\.md:3:7 raw HTML is not allowed in a guide\n {2}Write the image in Markdown: !\[/);
    expect(img.hint).toContain('<br>');
    expect(img.hint).toContain('<kbd>');
    expect(refusal('A <a href="https://x.org">link</a>.').hint).toMatch(/^Write the link in Markdown: \[text\]/);
    expect(refusal('An <u>underline</u>.').format()).toMatch(/:1:4 raw HTML is not allowed/);
    expect(refusal('A comment <!-- note --> here.').format()).toMatch(/:1:11 raw HTML is not allowed/);
  });

  it('the attributes of a tag we read are not used: a warning naming them', () => {
    const { warnings } = parse('E = mc<sup class="power">2</sup>\n');
    expect(warnings).toEqual([`${FILE}:1:7 the attributes of <sup> are not used: class="power"`]);
  });
});

describe('what a site generator reads and a zine does not: warned, never silent', () => {
  it('attributes on links, images, paragraphs and headings, each named at its line', () => {
    const md = ['# Install {.hero}', '', '## Get it {#get}', '', '[Download](https://example.org/dl){.md-button}', '', 'A lead paragraph. {.lead}', '', '![Logo](logo.png){ align=right width=30% }'].join('\n');
    const { blocks, warnings } = parse(md);
    expect(warnings).toEqual([
      `${FILE}:1:1 {.hero} on a heading is not used`,
      `${FILE}:5:12 {.md-button} on a link is not used`,
      `${FILE}:7:1 {.lead} on a paragraph is not used`,
      `${FILE}:9:9 {align=right} on the image logo.png is not used`,
    ]);
    // The attributes that are read still are: the heading's id, the figure's width.
    expect(blocks[1]).toMatchObject({ kind: 'heading', id: 'get' });
    expect(blocks[4]).toMatchObject({ kind: 'figure', attrs: { width: 0.3 } });
  });

  it(':shortcode: icons: one warning per file, at the first, naming each once', () => {
    const { blocks, warnings } = parse('Tap :material-cog: then :smile:.\n\nAt 10:30:00, tap :material-cog: again.\n\n`:not-this:` in code.\n');
    expect(warnings).toEqual([`${FILE}:1:5 icon shortcodes printed as text: :material-cog: :smile:`]);
    expect(runs(blocks)[0].text).toBe('Tap :material-cog: then :smile:.');
  });

  it('a title after ::: links is not printed: a warning', () => {
    const { warnings } = parse('Text.\n\n::: links Useful links\n:::\n');
    expect(warnings).toEqual([`${FILE}:3:1 "Useful links" after ::: links is not printed`]);
  });

  it('something written inside ::: links is not printed: a warning at its first line', () => {
    const { blocks, warnings } = parse('Text.\n\n::: links\n- [Signal](https://signal.org) to write to each other.\n:::\n');
    expect(warnings).toEqual([`${FILE}:4:1 what is written inside ::: links is not printed, and its links are not on the links page`]);
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'linksIndex']);
    expect(parse('Text.\n\n::: links\n:::\n').warnings).toEqual([]);
  });

  it('a guide without any of these gets no warning', () => {
    expect(parse('# Setup\n\n## Get it {#get}\n\nText with **bold**, `code` and [a link](https://example.org).\n\n![Shot](a.png){width=50%}\n').warnings).toEqual([]);
  });
});

describe('front matter', () => {
  afterAll(cleanup);

  it('keys nothing reads, and book keys outside the first file: a warning at their line; the others are read', () => {
    // 01-guide.md: ---, title, then the lines below; 02-more.md as written.
    const root = makeProject({
      frontMatter: 'nav_order: 2\nsubtitle: Read\nlayout: page\n',
      files: { '02-more.md': '---\nsource-hash: 0123456789ab\ntitle: Again\n---\n\nText.\n' },
    });
    const warnings: string[] = [];
    const guide = loadGuide(root, LANG, new Diagnostics((w) => warnings.push(`${w.where?.file}:${w.where?.line} ${w.message}`)));
    expect(warnings).toEqual([
      'content/xx/01-guide.md:3 front matter key "nav_order" is not used',
      'content/xx/01-guide.md:5 front matter key "layout" is not used',
      'content/xx/02-more.md:3 front matter key "title" is not used in this file',
    ]);
    expect(guide.meta).toMatchObject({ title: 'Safety test guide', subtitle: 'Read' });
  });
});

describe('images inside paragraphs and list items', () => {
  it('the text keeps its words (without the space the image leaves), the figures follow it in the same item', () => {
    const { blocks } = parse('1. Open the app. ![Home](home.png)\n2. Tap *Add*:\n   ![Add](add.png "The add button.") ![Done](done.png)\n');
    expect(blocks).toHaveLength(1);
    const list = blocks[0];
    if (list.kind !== 'list') throw new Error('not a list');
    const [first, second] = list.items;
    expect(first.map((b) => b.kind)).toEqual(['paragraph', 'figure']);
    expect(runs(first).map((r) => r.text).join('')).toBe('Open the app.');
    expect(first[1]).toMatchObject({ src: 'home.png', source: { line: 1, col: 26 } });
    expect(first[1]).not.toHaveProperty('sideBySide');
    expect(second.map((b) => (b.kind === 'figure' ? `${b.src}${b.sideBySide ? ' side' : ''}` : b.kind))).toEqual(['paragraph', 'add.png side', 'done.png side']);
    expect(runs(second).map((r) => r.text).join('')).toBe('Tap Add:');
  });
});
