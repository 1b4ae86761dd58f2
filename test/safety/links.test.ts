/**
 * Links in a printed, shared PDF: only https:, http: and mailto: may become clickable. Anything else
 * (javascript:, file:, ftp:, data:...) stops the build at its place in the Markdown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZineError } from '../../src/errors.js';
import { buildEdition, layoutEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, findInPdf, listDir, makeProject, openPdf, runCli } from './helpers.js';

afterAll(cleanup);

const FILE = 'content/xx/01-guide.md';
// Front matter is 3 lines (---, title, ---), then a blank line: the body starts at line 5.
const body = (link: string) => `# Links\n\nSome text first.\n\nA line with [the link](${link}) in it.\n`;
const LINK_LINE = 9;

describe('refused schemes: CLI exits 1 with file:line:col', () => {
  it.each([
    ['javascript:alert(1)', 'javascript:alert(1)'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['ftp://a', 'ftp://a'],
  ])('%s', (link, shown) => {
    const root = makeProject({ body: body(link) });
    const r = runCli(['--root', root, 'build', '--no-booklet']);
    expect(r.status, r.stderr).toBe(1);
    const col = `A line with [the link](`.length + 1;
    const [first, hint] = r.stderr.trim().split('\n');
    expect(first).toBe(`${FILE}:${LINK_LINE}:${col} link "${shown}" is not allowed`);
    expect(hint).toMatch(/^ {2}\S.*https:/);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(listDir(join(root, 'build'))).toEqual([]);
  });
});

describe('refused in every spelling (in-process)', () => {
  it.each([
    ['upper case', '[x](JavaScript:alert(1))'],
    ['entity-encoded', '[x](jav&#x61;script:alert(1))'],
    ['angle brackets', '[x](<javascript:alert(1)>)'],
    ['autolink', '<javascript:alert(1)>'],
    ['reference', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['file: path', '[x](file:/etc/passwd)'],
    ['leading space', '[x]( javascript:alert(1))'],
    ['link in a heading', '## [x](javascript:alert(1))'],
    ['link in a list', '- item\n- [x](javascript:alert(1))'],
    ['link in a callout', '::: note\n[x](javascript:alert(1))\n:::'],
  ])('%s', async (_name, md) => {
    const root = makeProject({ body: `# Links\n\n${md}\n` });
    const err = await layoutEdition('xx', buildOptions(root)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ZineError);
    const z = err as ZineError;
    expect(z.message).toMatch(/^link ".*" is not allowed$/);
    expect(z.where?.file).toBe(FILE);
    expect(z.where?.line).toBeGreaterThanOrEqual(7);
  });

  it.each([
    ['relative path', '[x](../../etc/passwd)'],
    ['scheme-relative', '[x](//evil.example/x)'],
  ])('%s: refused without base-url, saying to set it', async (_name, md) => {
    const root = makeProject({ body: `# Links\n\n${md}\n` });
    const err = await layoutEdition('xx', buildOptions(root)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZineError);
    expect((err as ZineError).message).toMatch(/^link ".*" is relative/);
    expect((err as ZineError).hint).toMatch(/base-url/);
    expect((err as ZineError).where).toMatchObject({ file: FILE, line: 7 });
  });

  it.each([
    ['../../etc/passwd', 'https://example.org/etc/passwd'],
    ['//evil.example/x', 'https://evil.example/x'],
  ])('with base-url, %s becomes %s: an https address, never a path on this machine', async (href, url) => {
    const root = makeProject({ body: `# Links\n\n[x](${href})\n` });
    writeFileSync(join(root, 'content', 'zine.yml'), 'slug: safety\nsource: xx\nbase-url: https://example.org/guide/\n');
    const { doc } = await layoutEdition('xx', buildOptions(root));
    expect(JSON.stringify(doc.chapters)).toContain(`"link":"${url}"`);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://a'])('website: %s in the front matter is refused too', async (site) => {
    const root = makeProject({ frontMatter: `publisher: Someone\nwebsite: ${site}\n` });
    const err = await layoutEdition('xx', buildOptions(root)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZineError);
    expect((err as ZineError).where?.file).toBe(FILE);
  });

  it('link syntax inside an image caption stays text: no link is made', async () => {
    const sharp = (await import('sharp')).default;
    const pic = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).png().toBuffer();
    const root = makeProject({ body: '# Links\n\n![a](pic.png "[x](javascript:alert(1))")\n', images: { 'pic.png': pic } });
    const r = await buildEdition('xx', buildOptions(root));
    const doc = openPdf(readFileSync(r.outputs[0]));
    for (let i = 0; i < doc.countPages(); i++) for (const l of doc.loadPage(i).getLinks()) expect(l.getURI()).not.toMatch(/javascript/i);
  });

  it('a link too long for its QR code is a ZineError, not a crash', async () => {
    const root = makeProject({ body: `# Links\n\n[x](https://example.org/${'a'.repeat(3000)})\n` });
    const err = await layoutEdition('xx', buildOptions(root)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZineError);
    expect((err as ZineError).where?.line).toBe(7);
  });
});

describe('allowed schemes become working links', () => {
  it('https, http and mailto build, and the PDF links to exactly those', async () => {
    const links = ['https://example.org/a?b=c', 'http://example.net/', 'mailto:someone@example.org'];
    const md = `# Links\n\n${links.map((l, i) => `Link [number ${i}](${l}) here.`).join('\n\n')}\n\nAn autolink <https://example.com/auto>.\n`;
    const root = makeProject({ body: md });
    const r = await buildEdition('xx', buildOptions(root));
    const doc = openPdf(readFileSync(r.outputs[0]));
    const uris = new Set<string>();
    for (let i = 0; i < doc.countPages(); i++) for (const l of doc.loadPage(i).getLinks()) if (l.isExternal()) uris.add(l.getURI());
    expect([...uris].sort()).toEqual([...links, 'https://example.com/auto'].sort());
    expect(findInPdf(readFileSync(r.outputs[0]), 'javascript')).toEqual([]);
  });
});
