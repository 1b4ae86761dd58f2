/**
 * Broken or hostile input: each stops the CLI with exit code 1 and a clear `file:line:col message`
 * plus a hint, and leaves the output folder exactly as it was (last good PDFs, no temp files).
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, writeChecksums } from '../../src/pipeline.js';
import { buildOptions, cleanup, extractImages, listDir, makeProject, pngChunk, runCli, tempDir, type ProjectSpec } from './helpers.js';

const FILE = 'content/xx/01-guide.md';
let good: { name: string; bytes: Buffer }[];
let smallPng: Buffer;

beforeAll(async () => {
  smallPng = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#4080c0' } }).png().toBuffer();
  const root = makeProject({ body: '# Good\n\nThe last good edition.\n' });
  const o = buildOptions(root, { booklet: true });
  await buildEdition('xx', o);
  writeChecksums(o.outDir);
  good = listDir(o.outDir).map((name) => ({ name, bytes: readFileSync(join(o.outDir, name)) }));
  expect(good.map((g) => g.name)).toEqual(['SHA256SUMS', 'safety-xx-booklet.pdf', 'safety-xx.pdf']);
}, 30_000);

afterAll(cleanup);

/** A PNG whose IHDR claims width × height, with valid CRCs and a token IDAT. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0))]);
}

interface Case {
  name: string;
  spec: () => ProjectSpec;
  /** Extra set-up on the project (links, files outside it). */
  setup?: (root: string) => void;
  args?: string[];
  /** Expected `file:line` (col checked when given) and message. */
  file: string;
  line?: number | [number, number];
  col?: number;
  message: RegExp;
}

const img = (src: string, extra = '') => ({ body: `# Images\n\n![A figure](${src})${extra}\n` });
// Body starts at line 5 (front matter ---, title, ---, blank): `# Images` 5, blank 6, figure 7;
// the column is the image path's.
const FIG = { file: FILE, line: 7, col: '![A figure]('.length + 1 };

const cases: Case[] = [
  { name: 'missing image', spec: () => img('nope/missing.png'), ...FIG, message: /^image not found: nope\/missing\.png$/ },
  {
    name: 'image path with ../',
    spec: () => img('../secret.png'),
    setup: (root) => writeFileSync(join(root, 'secret.png'), smallPng),
    ...FIG,
    message: /^image path "\.\.\/secret\.png" leaves images\/$/,
  },
  { name: 'image path with ../ inside', spec: () => img('a/../../secret.png'), ...FIG, message: /leaves images\// },
  { name: 'absolute image path', spec: () => img('/etc/passwd'), ...FIG, message: /^image path "\/etc\/passwd" leaves images\/$/ },
  { name: 'file: URL as image', spec: () => img('file:///etc/passwd'), ...FIG, message: /is a URL/ },
  {
    name: 'symlink in images/ to a file outside',
    spec: () => img('link.png'),
    setup: (root) => {
      const outside = join(tempDir(), 'outside.png');
      writeFileSync(outside, smallPng);
      symlinkSync(outside, join(root, 'images', 'link.png'));
    },
    ...FIG,
    message: /^image "link\.png" is a link to a file outside images\/$/,
  },
  {
    name: 'symlinked folder in images/ pointing outside',
    spec: () => img('dir/pic.png'),
    setup: (root) => {
      const outside = tempDir();
      writeFileSync(join(outside, 'pic.png'), smallPng);
      symlinkSync(outside, join(root, 'images', 'dir'));
    },
    ...FIG,
    message: /is a link to a file outside images\//,
  },
  {
    name: 'symlink to /etc/passwd named .png',
    spec: () => img('passwd.png'),
    setup: (root) => symlinkSync('/etc/passwd', join(root, 'images', 'passwd.png')),
    ...FIG,
    message: /outside images\//,
  },
  { name: 'corrupt image (random bytes named .png)', spec: () => ({ ...img('bad.png'), images: { 'bad.png': randomBytes(4096) } }), ...FIG, message: /^not an image sharp can read .*: images\/bad\.png$/ },
  { name: 'truncated PNG', spec: () => ({ ...img('cut.png'), images: { 'cut.png': smallPng.subarray(0, 60) } }), ...FIG, message: /images\/cut\.png$/ },
  {
    name: 'PNG header claiming 100000×100000 pixels',
    spec: () => ({ ...img('huge.png'), images: { 'huge.png': pngClaiming(100_000, 100_000) } }),
    ...FIG,
    message: /^image claims 100000×100000 pixels, more than 80 million: images\/huge\.png$/,
  },
  {
    name: 'SVG with <image href="file:///etc/passwd">',
    spec: () => ({
      ...img('evil.svg'),
      images: { 'evil.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="file:///etc/passwd" width="100" height="100"/></svg>' },
    }),
    ...FIG,
    message: /^SVG refers to something outside itself \(file:\/\/\/etc\/passwd\): images\/evil\.svg$/,
  },
  {
    name: 'SVG with xlink:href="https://example.com/x.png"',
    spec: () => ({
      ...img('net.svg'),
      images: {
        'net.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><image xlink:href="https://example.com/x.png" width="100" height="100"/></svg>',
      },
    }),
    ...FIG,
    message: /^SVG refers to something outside itself \(https:\/\/example\.com\/x\.png\): images\/net\.svg$/,
  },
  {
    name: 'SVG with an external entity',
    spec: () => ({
      ...img('xxe.svg'),
      images: { 'xxe.svg': '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>' },
    }),
    ...FIG,
    message: /^SVG refers to something outside itself/,
  },
  {
    name: 'SVG with a CSS url() to the network',
    spec: () => ({
      ...img('css.svg'),
      images: { 'css.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" style="fill: url(https://example.com/p.svg#g)"/></svg>' },
    }),
    ...FIG,
    message: /^SVG refers to something outside itself/,
  },
  { name: 'raw HTML block', spec: () => ({ body: '# Html\n\n<div onclick="x()">hi</div>\n' }), file: FILE, line: 7, col: 1, message: /^raw HTML is not allowed in a guide$/ },
  { name: 'inline HTML', spec: () => ({ body: '# Html\n\nSome text <img src="/etc/passwd"> more.\n' }), file: FILE, line: 7, col: 11, message: /^raw HTML is not allowed in a guide$/ },
  { name: 'HTML comment', spec: () => ({ body: '# Html\n\ntext\n\n<!-- a comment -->\n' }), file: FILE, line: 9, col: 1, message: /^raw HTML is not allowed in a guide$/ },
  {
    name: 'broken YAML front matter (unclosed flow sequence)',
    spec: () => ({ raw: '---\ntitle: Broken\ntags: [a, b\nedition: 2020\n---\n\n# Body\n\nText.\n' }),
    file: FILE,
    line: [2, 4],
    message: /^broken YAML: /,
  },
  {
    name: 'broken YAML front matter (nested mapping on one line)',
    spec: () => ({ raw: '---\ntitle: Broken\nsubtitle: a: b\n---\n\n# Body\n' }),
    file: FILE,
    line: 3,
    message: /^broken YAML: /,
  },
  { name: 'front matter not closed', spec: () => ({ raw: '---\ntitle: Open\n\n# Body\n' }), file: FILE, line: 1, message: /front matter is not closed/ },
  { name: 'broken content/zine.yml', spec: () => ({}), setup: (root) => writeFileSync(join(root, 'content', 'zine.yml'), 'slug: a\n  source: : x\n'), file: 'content/zine.yml', message: /./ },
  { name: 'unknown language', spec: () => ({}), args: ['--lang', 'zz'], file: 'content/zz', line: 1, col: 1, message: /^unknown language "zz"$/ },
  { name: 'language as a path', spec: () => ({}), args: ['--lang', '../../etc'], file: 'content/../../etc', message: /^unknown language/ },
];

describe.each(cases)('$name', (c) => {
  it('exits 1 with file:line:col, message and hint; the last good output is untouched', () => {
    const root = makeProject(c.spec());
    c.setup?.(root);
    const out = join(root, 'build');
    mkdirSync(out, { recursive: true });
    for (const g of good) writeFileSync(join(out, g.name), g.bytes);

    const r = runCli(['--root', root, 'build', ...(c.args ?? [])]);
    expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    const [first, hint, ...rest] = r.stderr.replace(/\n$/, '').split('\n');
    const m = /^(.+?):(\d+):(\d+) (.*)$/.exec(first);
    expect(m, first).not.toBeNull();
    const [, file, line, col, message] = m!;
    expect(file).toBe(c.file);
    if (Array.isArray(c.line)) {
      expect(Number(line)).toBeGreaterThanOrEqual(c.line[0]);
      expect(Number(line)).toBeLessThanOrEqual(c.line[1]);
    } else if (c.line) expect(Number(line)).toBe(c.line);
    if (c.col) expect(Number(col)).toBe(c.col);
    expect(message).toMatch(c.message);
    // What to do: an indented hint line, in words.
    expect(hint, r.stderr).toMatch(/^ {2}\S.{8,}/);
    expect(rest).toEqual([]);

    expect(listDir(out)).toEqual(good.map((g) => g.name));
    for (const g of good) expect(readFileSync(join(out, g.name)).equals(g.bytes), g.name).toBe(true);
  });
});

describe('an SVG that reaches outside through a nested data: SVG', () => {
  it('builds or is refused, and never shows the outside file', async () => {
    const outside = join(tempDir(), 'secret.png');
    writeFileSync(outside, await sharp({ create: { width: 50, height: 50, channels: 3, background: '#19e6b4' } }).png().toBuffer());
    const inner = `<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><image href="file://${outside}" width="50" height="50"/></svg>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50" fill="#ffffff"/><image href="data:image/svg+xml;base64,${Buffer.from(inner).toString('base64')}" width="50" height="50"/></svg>`;
    const root = makeProject({ ...img('nested.svg'), images: { 'nested.svg': svg } });
    const r = runCli(['--root', root, 'build', '--no-booklet']);
    expect([0, 1]).toContain(r.status);
    if (r.status === 1) return expect(r.stderr).toMatch(/^content\/xx\/01-guide\.md:7:\d+ /);
    const images = extractImages(readFileSync(join(root, 'build', 'safety-xx.pdf')));
    expect(images.length).toBe(1);
    const px = images[0].rgb;
    for (let i = 0; i < px.length; i += 3) expect(Math.hypot(px[i] - 0x19, px[i + 1] - 0xe6, px[i + 2] - 0xb4)).toBeGreaterThan(60);
  });
});

describe('no partial output across languages', () => {
  it('a failure in the second language leaves the first language and SHA256SUMS as they were', async () => {
    const root = makeProject({ body: '# Good\n\nFirst version.\n' });
    mkdirSync(join(root, 'content', 'yy'));
    copyFileSync(join(root, 'content', 'xx', 'strings.yml'), join(root, 'content', 'yy', 'strings.yml'));
    writeFileSync(join(root, 'content', 'yy', '01-guide.md'), '---\ntitle: Y\n---\n\n# Y\n\nFine.\n');
    const first = runCli(['--root', root, 'build', '--no-booklet']);
    expect(first.status, first.stderr).toBe(0);
    const out = join(root, 'build');
    const before = new Map(listDir(out).map((f) => [f, readFileSync(join(out, f))]));
    expect([...before.keys()]).toEqual(['SHA256SUMS', 'safety-xx.pdf', 'safety-yy.pdf']);

    writeFileSync(join(root, 'content', 'xx', '01-guide.md'), '---\ntitle: Safety test guide\n---\n\n# Good\n\nSecond version.\n');
    writeFileSync(join(root, 'content', 'yy', '01-guide.md'), '---\ntitle: Y\n---\n\n# Y\n\n![gone](missing.png)\n');
    const r = runCli(['--root', root, 'build', '--no-booklet']);
    expect(r.status).toBe(1);
    // The error at its line (after the first language's warnings, if any).
    expect(r.stderr).toMatch(/^content\/yy\/01-guide\.md:7:/m);
    expect(listDir(out)).toEqual([...before.keys()]);
    for (const [f, bytes] of before) expect(readFileSync(join(out, f)).equals(bytes), `${f} changed by a failed build`).toBe(true);
  });
});
