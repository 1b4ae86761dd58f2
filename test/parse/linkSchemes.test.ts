import { describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { parseChapter } from '../../src/2-parse/toDocument.js';

/** Only links that start with https:, http: or mailto: are allowed; the scheme anywhere else does not count. */
const FILE = 'content/fr/02-x.md';
const parse = (body: string) => parseChapter({ path: FILE, body, bodyLine: 1, frontMatter: {} });

function refusal(body: string): ZineError {
  try {
    parse(body);
  } catch (e) {
    if (e instanceof ZineError) return e;
    throw e;
  }
  throw new Error(`accepted: ${body}`);
}

/** Every `link` value anywhere in the parsed chapter. */
function links(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => links(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'link' && typeof v === 'string') out.push(v);
      else links(v, out);
    }
  }
  return out;
}

describe('link schemes: an allow-list anchored at the start of the address', () => {
  it.each([
    ["javascript:alert('https:')", 'javascript:'],
    ['data:text/html,https:', 'data:'],
    ['xhttps://a', 'xhttps:'],
    ['xmailto:someone@example.org', 'xmailto:'],
    ['javascript:alert(1)//https://example.org', 'javascript:, https: further on'],
  ])('refuses [x](%s) (%s), naming the file and line', (href) => {
    // The link on line 5, after a heading and a paragraph.
    const e = refusal(`# T\n\nSome text.\n\nSee [x](${href}) now.\n`);
    expect(e.where?.file).toBe(FILE);
    expect(e.where?.line).toBe(5);
    expect(e.format()).toMatch(/^content\/fr\/02-x\.md:5:\d+ link ".*" is not allowed/);
  });

  it.each(['https://example.org/page', 'http://example.org', 'mailto:someone@example.org', 'HTTPS://EXAMPLE.ORG/'])('accepts [x](%s)', (href) => {
    expect(links(parse(`# T\n\nSee [x](${href}) now.\n`))).toEqual([href]);
  });
});
