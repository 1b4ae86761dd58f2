/**
 * The numbers the engine writes (list numbers, note numbers and their references, figure numbers,
 * folios, contents) in a Persian guide are in Persian digits; numbers the author wrote stay as written.
 * Expected numbers come from the Markdown written here (a list starting at 3, two notes, one figure),
 * turned into Persian digits by the table below, not by the engine's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition, type BuildOptions } from '../../src/pipeline.js';
import type { PageModel, TextItem } from '../../src/model/page.js';
import { oneLanguageGuide } from '../project.js';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const persian = (n: number) => String(n).replace(/[0-9]/g, (d) => PERSIAN[Number(d)]);

const GUIDE = [
  '---',
  'title: راهنمای آزمایشی',
  'publisher: ما',
  '---',
  '',
  '# بخش نخست',
  '',
  'متنی با دو یادداشت[^a] و Android 10 در میان آن[^b].',
  '',
  '3. مورد سوم',
  '4. مورد چهارم',
  '',
  '![تصویر](shot.png "توضیح تصویر")',
  '',
  '[^a]: یادداشت نخست.',
  '[^b]: یادداشت دوم.',
  '',
].join('\n');

describe('a Persian guide’s numbers', () => {
  let root: string;
  let model: PageModel;
  const texts = () => model.pages.flatMap((p) => p.items.filter((i): i is TextItem => i.type === 'text'));

  beforeAll(async () => {
    root = await oneLanguageGuide('fa', ['فهرست', 'پیوندها', 'همهٔ پیوندها.', 'شکل', 'دست‌به‌دست کنید'], GUIDE);
    const o: BuildOptions = { root, outDir: join(root, 'build'), booklet: false, press: false, grayscale: false, sheet: 'a4', flip: 'short', warn: () => {} };
    model = (await layoutEdition('fa', o)).model;
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('numbers the list from where the Markdown starts it, in Persian digits', () => {
    const labels = texts().filter((t) => t.tag?.role === 'Lbl').map((t) => t.text);
    expect(labels).toEqual([`${persian(3)}.`, `${persian(4)}.`]);
  });

  it('numbers the notes and their references in Persian digits, the references raised', () => {
    const labels = texts().filter((t) => t.tag?.role === 'Note' && /^\S+\.$/.test(t.text));
    expect(labels.map((t) => t.text)).toEqual([`${persian(1)}.`, `${persian(2)}.`]);
    const body = texts().find((t) => t.text.startsWith('متنی'))!;
    const page = model.pages.find((p) => p.items.includes(body))!;
    // The references are on the paragraph's line (right to left: the second one further left).
    const refs = page.items.filter((t): t is TextItem => t.type === 'text' && (t.text === persian(1) || t.text === persian(2)) && Math.abs(t.y - body.y) < body.size).sort((a, b) => b.x - a.x);
    expect(refs.map((t) => t.text)).toEqual([persian(1), persian(2)]);
    for (const r of refs) {
      expect(r.y, 'raised above the baseline').toBeLessThan(body.y);
      expect(r.size, 'smaller').toBeLessThan(body.size);
    }
  });

  it('writes the figure number, the folios and the contents’ page numbers in Persian digits', () => {
    const label = texts().find((t) => t.text.trim() === 'شکل')!;
    expect(texts().some((t) => t.text.trim().startsWith(persian(1)) && t.y === label.y), 'the caption says شکل ۱.').toBe(true);
    for (const p of model.pages.filter((p) => p.kind !== 'cover' && p.kind !== 'back'))
      expect(texts().filter((t) => model.pages[p.index].items.includes(t) && t.text === persian(p.index + 1)).length, `folio of page ${p.index + 1}`).toBeGreaterThan(0);
    const contents = model.pages.find((p) => p.kind === 'contents')!;
    const body = model.pages.find((p) => p.kind === 'body')!;
    expect(contents.items.some((i) => i.type === 'text' && i.text === persian(body.index + 1) && i.y < model.height - 20)).toBe(true);
  });

  it('leaves the numbers the author wrote as written', () => {
    expect(texts().some((t) => t.text.includes('10'))).toBe(true);
    expect(texts().some((t) => t.text.includes(persian(10)))).toBe(false);
  });
});
