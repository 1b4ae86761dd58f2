/**
 * QR codes kept between runs (.cache/qr-codes-M.json): a code read back is the code the qrcode library
 * makes for that text, and a cache that is damaged or foreign is never drawn: its codes are made again.
 * Each case loads links.ts afresh (its codes are remembered per process).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { REPO } from '../safety/helpers.js';

type Links = typeof import('../../src/6-layout/links.js');
const fresh = async (): Promise<Links> => {
  vi.resetModules();
  return (await import('../../src/6-layout/links.js')) as Links;
};

/** What the library itself makes, read here module by module. */
function libraryCode(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: qr.modules.size }, (_, y) => Array.from({ length: qr.modules.size }, (_, x) => Boolean(qr.modules.get(x, y))));
}

/** The addresses of our French guide, as its Markdown writes them. */
const URLS = [...new Set([...readFileSync(join(REPO, 'content', 'fr', '06-liens-utiles.md'), 'utf8').matchAll(/\]\((https?:[^)\s]+)\)/g)].map((m) => m[1]))];

describe('QR codes kept between runs', () => {
  beforeEach(() => vi.resetModules());

  it('read back in another run, are the codes the library makes', async () => {
    expect(URLS.length).toBeGreaterThan(5);
    const first = await fresh();
    for (const url of URLS) first.qrModules(url);
    const kept = JSON.parse(JSON.stringify(first.qrCodesToKeep()));
    expect(Object.keys(kept).sort()).toEqual([...URLS].sort());
    expect(first.qrCodesToKeep(), 'nothing new since').toBeNull();
    const second = await fresh();
    second.rememberQrCodes(kept);
    for (const url of URLS) expect(second.qrModules(url), url).toEqual(libraryCode(url));
    expect(second.qrCodesToKeep(), 'all read back, none made').toBeNull();
  });

  it('damaged or foreign entries are left out and made again', async () => {
    const url = URLS[0];
    const code = libraryCode(url);
    const rows = code.map((r) => r.map((m) => (m ? '1' : '0')).join(''));
    const inverted = rows.map((r) => [...r].map((c) => (c === '1' ? '0' : '1')).join(''));
    const damaged: unknown[] = [
      null,
      'text',
      [rows],
      { [url]: rows.slice(1) }, // one row short
      { [url]: rows.map((r) => r.slice(1)) }, // not square
      { [url]: rows.map((r) => r.replace('1', 'x')) }, // not 0 and 1
      { [url]: [...rows.slice(0, -1), 42] },
      { [url]: Array.from({ length: 23 }, () => '0'.repeat(23)) }, // not a QR code's size (21 + 4k)
      { [url]: Array.from({ length: 17 }, () => '0'.repeat(17)) }, // 17 + 4k, but smaller than any QR code
      { [url]: Array.from({ length: 181 }, () => '0'.repeat(181)) }, // larger than any (177)
      { [url]: rows.map((r, i) => (i === 3 ? `${r.slice(0, -1)}x` : r)) }, // one module neither 0 nor 1, at a row's end
      { [url]: rows.map((r) => [...r]) }, // rows as arrays of characters
      { [url]: '0'.repeat(rows.length) }, // a string, not rows
    ];
    for (const kept of damaged) {
      const links = await fresh();
      links.rememberQrCodes(kept);
      expect(links.qrModules(url), JSON.stringify(kept).slice(0, 40)).toEqual(code);
    }
    // A code this run made is not replaced by one read back.
    const made = await fresh();
    made.qrModules(url);
    made.rememberQrCodes({ [url]: inverted });
    expect(made.qrModules(url)).toEqual(code);
    // A well-formed square is taken as it is (the cache is ours): the test that it is read at all.
    const links = await fresh();
    links.rememberQrCodes({ [url]: inverted });
    expect(links.qrModules(url)).toEqual(code.map((r) => r.map((m) => !m)));
  });
});
