import { afterAll, describe, expect, it } from 'vitest';
import { ZineError, ZineErrors } from '../../src/errors.js';
import type { Block } from '../../src/model/document.js';
import { walkBlocks } from '../../src/model/walk.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';
import { loadGuide, splitFrontMatter } from '../../src/1-load/loadGuide.js';
import { cleanup, makeProject } from '../safety/helpers.js';

function error(body: string, bodyLine = 1): ZineError {
  try {
    parseChapter({ path: 'content/fr/02-x.md', body, bodyLine, frontMatter: {} });
  } catch (e) {
    if (e instanceof ZineError) return e;
    throw e;
  }
  throw new Error('expected a ZineError');
}

describe('bad Markdown is reported at its file and line', () => {
  it('refuses links other than https, http and mailto, with their column', () => {
    const e = error('# T\n\nSee [this](javascript:alert(1)) now.\n');
    expect(e.format()).toMatch(/^content\/fr\/02-x\.md:3:12 link "javascript:alert\(1\)" is not allowed/);
    expect(error('[x](file:///etc/passwd)').message).toContain('not allowed');
    expect(error('[x](ftp://example.org)').message).toContain('not allowed');
  });

  it('refuses raw HTML blocks and inline HTML', () => {
    expect(error('Text\n\n<div>x</div>\n').format()).toMatch(/^content\/fr\/02-x\.md:3:1 raw HTML is not allowed/);
    expect(error('Some <span>bold</span> text').format()).toMatch(/:1:6 raw HTML is not allowed/);
  });

  it('refuses an image without alt text at its line, saying how to write one or mark it decorative', () => {
    const md = '# T\n\nSome text.\n\n![](riot/dialog.png "A caption.")\n';
    const e = error(md);
    const line = md.split('\n').findIndex((l) => l.startsWith('![')) + 1;
    expect(e.where).toMatchObject({ file: 'content/fr/02-x.md', line });
    expect(e.message).toContain('riot/dialog.png has no alt text');
    expect(e.hint).toContain('![');
    expect(e.hint).toContain('{decorative}');
    // Spaces say nothing either; inside a paragraph or a list item it is refused the same.
    expect(error('![  ](x.png)').message).toContain('no alt text');
    expect(error('- Add it. ![](x.png)\n').message).toContain('no alt text');
  });

  it('takes an image marked {decorative} without alt text, and keeps its other attributes', () => {
    const { blocks } = parseChapter({ path: 'content/fr/02-x.md', body: '![](x.png){decorative width=30%}\n\n![A dialog](y.png)\n', bodyLine: 1, frontMatter: {} });
    expect(blocks.map((b) => (b.kind === 'figure' ? [b.src, b.decorative ?? false, b.alt, b.attrs.width] : b.kind))).toEqual([
      ['x.png', true, '', 0.3],
      ['y.png', false, 'A dialog', 1],
    ]);
  });

  it('reads a paragraph’s language ({lang=de} at its end) and refuses what is not a language tag', () => {
    const { blocks } = parseChapter({ path: 'content/fr/02-x.md', body: 'Ein Satz. {lang=de}\n\nUne phrase.\n', bodyLine: 1, frontMatter: {} });
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.lang : b.kind))).toEqual(['de', undefined]);
    const e = error('Text.\n\nEin Satz. {lang=Deutsch!}\n');
    expect(e.where?.line).toBe(3);
    expect(e.message).toContain('not a language tag');
  });

  it('reads the language of words in a <span lang>, and refuses a span that says none', () => {
    const { blocks } = parseChapter({ path: 'content/fr/02-x.md', body: 'On dit <span lang="de">Wort</span> ici.\n', bodyLine: 1, frontMatter: {} });
    const p = blocks[0];
    expect(p.kind === 'paragraph' && p.inlines.map((i) => [i.text, i.lang])).toEqual([['On dit ', undefined], ['Wort', 'de'], [' ici.', undefined]]);
    const e = error('Text.\n\nUn <span class="x">mot</span>.\n');
    expect(e.where?.line).toBe(3);
    expect(e.message).toContain('raw HTML is not allowed');
    expect(e.hint).toContain('<span lang="de">');
    expect(error('Text.\n\nUn <span lang="Deutsch!">mot</span>.\n').message).toContain('not a language tag');
  });

  it('counts lines from the file start when there is front matter', () => {
    const file = '---\ntitle: X\n---\n\n# T\n\n<script>alert(1)</script>\n';
    const { body, bodyLine } = splitFrontMatter(file, 'content/fr/02-x.md');
    expect(error(body, bodyLine).where?.line).toBe(7);
  });

  it('refuses bad image attributes, unknown blocks and images in headings or links', () => {
    expect(error('![a](x.png){width=150%}').message).toContain('width="150%"');
    expect(error('![a](x.png){crop="1,2,3"}').message).toContain('crop="1,2,3" needs 4');
    expect(error('::: spoiler\nx\n:::').message).toContain('unknown block "::: spoiler"');
    expect(error('## Title ![a](x.png)').format()).toMatch(/^content\/fr\/02-x\.md:1:15 an image cannot be placed here/);
    expect(error('Text\n\n[![badge](b.png)](https://example.org)').format()).toMatch(/^content\/fr\/02-x\.md:3:11 an image inside a link cannot be printed/);
  });

  it('reports broken front matter YAML at its line in the file', () => {
    try {
      splitFrontMatter('---\ntitle: ok\nsubtitle: [unclosed\n---\n', 'content/fr/01.md');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ZineError);
      expect((e as ZineError).where?.line).toBeGreaterThanOrEqual(3);
      expect((e as ZineError).format()).toMatch(/^content\/fr\/01\.md:\d+:\d+ broken YAML/);
    }
  });
});

describe('every bad block of a file in one parse', () => {
  const body = [
    '# Title',
    '',
    'Good one.',
    '',
    '<div>html</div>',
    '',
    'Good two.',
    '',
    '- item one',
    '- item with [a bad link](javascript:alert(1))',
    '- item three',
    '',
    '::: spoiler',
    'Hidden text.',
    ':::',
    '',
    '> quoted <span>html</span>',
    '>',
    '> quoted good',
    '',
    'Good three.',
  ].join('\n');
  const lineOf = (needle: string) => body.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const file = { path: 'content/fr/02-x.md', body, bodyLine: 1, frontMatter: {} };
  const texts = (blocks: Block[]) => {
    const out: string[] = [];
    walkBlocks(blocks, (b) => {
      if (b.kind === 'paragraph' || b.kind === 'heading') out.push(b.inlines.map((i) => i.text).join(''));
    });
    return out;
  };

  it('records each bad block at its line, skips it, and keeps every good block around it', () => {
    const errors: ZineError[] = [];
    const chapter = parseChapter(file, new Set(), () => {}, { error: (e) => errors.push(e) });
    expect(errors.map((e) => e.where?.line)).toEqual([lineOf('<div>'), lineOf('javascript:'), lineOf('::: spoiler'), lineOf('<span>')]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('raw HTML'), expect.stringContaining('"javascript:alert(1)" is not allowed'), expect.stringContaining('unknown block "::: spoiler"'), expect.stringContaining('raw HTML')]);
    expect(texts(chapter.blocks)).toEqual(['Title', 'Good one.', 'Good two.', 'item one', 'item three', 'quoted good', 'Good three.']);
  });

  it('without a collector, throws the file’s errors together, the first one first', () => {
    let thrown: unknown;
    try {
      parseChapter(file);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ZineErrors);
    const e = thrown as ZineErrors;
    expect(e.errors).toHaveLength(4);
    expect(e.where?.line).toBe(lineOf('<div>'));
    expect(e.format().split('\n').filter((l) => l.startsWith('content/'))).toHaveLength(4);
  });
});

afterAll(cleanup);

describe('hints print real line breaks, indented under the message', () => {
  it('a hint of several lines: each on its own line, two spaces in, no backslash-n', () => {
    expect(new ZineError('bad', { file: 'a.md', line: 2, col: 3 }, 'Write:\n---\nx: 1').format()).toBe('a.md:2:3 bad\n  Write:\n  ---\n  x: 1');
  });

  it('the missing title: the front matter to write, as lines to copy', () => {
    const root = makeProject({ raw: '# No front matter\n\nText.\n' });
    let text = '';
    try {
      loadGuide(root, 'xx');
    } catch (e) {
      text = (e as ZineError).format();
    }
    expect(text).not.toContain('\\n');
    expect(text.split('\n')).toEqual(['content/xx/01-guide.md:1:1 the first file of a guide needs a "title" in its front matter', '  Start the file with a front matter block:', '  ---', '  title: My guide', '  ---']);
  });
});
