/**
 * Long input still builds: a 5,000-letter word is cut across lines (every piece stays inside the
 * text area), and a 300-paragraph document keeps every paragraph.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentBox } from '../../src/6-layout/book.js';
import { defaultTheme } from '../../src/4-theme/design.js';
import type { Page, TextItem } from '../../src/model/page.js';
import { buildEdition, layoutEdition } from '../../src/pipeline.js';
import { buildOptions, cleanup, makeProject, qpdfCheck, runCli } from './helpers.js';
const PAGE = defaultTheme().page;

afterAll(cleanup);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const word = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ALPHABET[(i + offset) % 26]).join('');

const texts = (p: Page) => p.items.filter((i): i is TextItem => i.type === 'text');

/**
 * Every text item of body pages lies within the text area's width (running heads and folios too),
 * and on the page: between the running head and the folio baselines.
 */
function outside(pages: Page[]): string[] {
  const bad: string[] = [];
  for (const p of pages.filter((p) => p.kind === 'body')) {
    const box = contentBox(PAGE, p.index);
    for (const t of texts(p)) {
      const [top, bottom] = [PAGE.headBaseline - 0.5, PAGE.height - PAGE.folioBaseline + 0.5];
      if (t.x < box.x - 0.5 || t.x + t.width > box.x + box.width + 0.5 || !(t.width >= 0) || t.y < top || t.y > bottom) {
        bad.push(`page ${p.index}: "${t.text.slice(0, 20)}…" x=${t.x.toFixed(1)} w=${t.width.toFixed(1)} y=${t.y.toFixed(1)} (area x ${box.x.toFixed(1)}..${(box.x + box.width).toFixed(1)}, baselines ${top.toFixed(1)}..${bottom.toFixed(1)})`);
      }
    }
  }
  return bad;
}

/** The text area's text in order (no running heads, no folios), hyphens and spaces removed: a cut word reads whole again. */
const bodyText = (pages: Page[]) =>
  pages
    .filter((p) => p.kind === 'body')
    .flatMap((p) => {
      const box = contentBox(PAGE, p.index);
      return texts(p).filter((t) => t.y > box.y && t.y <= box.y + box.height + 0.5);
    })
    .map((t) => t.text)
    .join('')
    .replace(/[-\u2010\s]/g, '');

// One project for the in-process cases: layout memoises measured text per font folder, so cases
// sharing it also share what was measured (the same word in the same face).
let shared: string | undefined;
async function layoutBody(body: string) {
  shared ??= makeProject();
  writeFileSync(join(shared, 'content', 'xx', '01-guide.md'), `---\ntitle: Long\n---\n\n# Long\n\nIntro.\n\n${body}\n`);
  return (await layoutEdition('xx', buildOptions(shared))).model;
}

describe('a 5,000-letter word', () => {
  const w = word(5000, 3);
  it.each([
    ['paragraph', `Before ${w} after.`],
    ['list item', `- ${w}`],
    ['quote', `> ${w}`],
  ])('in a %s is cut across lines inside the text area', async (_name, body) => {
    const model = await layoutBody(body);
    expect(outside(model.pages).slice(0, 5)).toEqual([]);
    expect(bodyText(model.pages)).toContain(w);
  }, 20_000);

  it('in every kind of block, one guide builds in a child process with a 512 MB heap', async () => {
    // Measured prefixes of a cut word must not pile up: each construct sets the word in another face.
    const blocks = [
      `Before ${w} after.`,
      `::: tip\n${w}\n:::`,
      `[**${w}**](https://example.org)`,
      `Code \`${w}\` here.`,
      `\`\`\`\n${w}\n\`\`\``,
      `## ${w}`,
    ];
    const root = makeProject({ body: `# Long\n\n${blocks.join('\n\n')}\n` });
    const r = runCli(['--root', root, 'build', '--no-booklet'], process.env, ['--max-old-space-size=512']);
    const why = /heap out of memory/.test(r.stderr) ? 'JavaScript heap out of memory' : r.stderr.trim().split('\n').slice(0, 8).join('\n');
    expect(r.status, `exit ${r.status} ${r.signal ?? ''}: ${why}`).toBe(0);
    await qpdfCheck(join(root, 'build', 'safety-xx.pdf'));
  }, 60_000);
});

describe('blocks longer than a page', () => {
  // 900 words: about a page and a half whatever the block.
  const text = Array.from({ length: 900 }, (_, i) => `mot${i}`).join(' ');
  it.each([
    ['paragraph', text],
    ['quote', `> ${text}`],
    ['list item', `- ${text}`],
    ['callout', `::: tip\n${text}\n:::`],
    ['code block', `\`\`\`\n${Array.from({ length: 90 }, (_, i) => `line ${i}`).join('\n')}\n\`\`\``],
  ])('a %s continues on the next page, nothing set below the page', async (_name, body) => {
    const model = await layoutBody(body);
    expect(outside(model.pages).slice(0, 5)).toEqual([]);
    expect(model.pages.filter((p) => p.kind === 'body').length).toBeGreaterThanOrEqual(2);
  });
});

describe('a very long document', () => {
  it('300 paragraphs build, in order, each one present', async () => {
    const paras = Array.from({ length: 300 }, (_, i) => `Para${String(i).padStart(3, '0')}mark ${word(40 + (i % 7) * 30, i).replace(/(.{7})/g, '$1 ')}`);
    const root = makeProject({ body: `# Long\n\n${paras.join('\n\n')}\n` });
    const r = await buildEdition('xx', buildOptions(root));
    expect(readFileSync(r.outputs[0]).subarray(0, 5).toString()).toBe('%PDF-');
    await qpdfCheck(r.outputs[0]);
    const { model } = await layoutEdition('xx', buildOptions(root));
    expect(outside(model.pages)).toEqual([]);
    const markers = [...bodyText(model.pages).matchAll(/Para(\d{3})mark/g)].map((m) => Number(m[1]));
    expect(markers).toEqual(Array.from({ length: 300 }, (_, i) => i));
  }, 30_000);
});
