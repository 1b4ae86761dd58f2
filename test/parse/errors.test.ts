import { describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';
import { splitFrontMatter } from '../../src/1-load/loadGuide.js';

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
