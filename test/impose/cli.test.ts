import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/program.js';
import { expectedReading, foldAndReadFromRight, makeInput, readPdf, readSheets } from './helpers.js';

/** `zine impose` options reach the imposition: the command run in-process on a file. */
const MM = 72 / 25.4;
const A6 = { width: 105 * MM, height: 148 * MM };
let dir: string;
let input: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zine-impose-'));
  input = join(dir, 'a6.pdf');
  writeFileSync(input, await makeInput(8, A6));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function impose(...args: string[]): Promise<Uint8Array> {
  const output = join(dir, 'out.pdf');
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await main(['node', 'zine', 'impose', input, '-o', output, ...args]);
  } finally {
    write.mockRestore();
  }
  expect(process.exitCode ?? 0).toBe(0);
  return readFileSync(output);
}

describe('zine impose', () => {
  it('A6 pages go on A5 sheets by default, on A4 with --sheet a4', async () => {
    const auto = readPdf(await impose())[0];
    expect(auto.width).toBeCloseTo(210 * MM, 1);
    expect(auto.height).toBeCloseTo(148 * MM, 1);
    const a4 = readPdf(await impose('--sheet', 'a4'))[0];
    expect(a4.width).toBeCloseTo(297 * MM, 1);
    expect(a4.height).toBeCloseTo(210 * MM, 1);
  });

  it('--binding right: read from the right, in order', async () => {
    expect(foldAndReadFromRight(readSheets(await impose('--binding', 'right')))).toEqual(expectedReading(8));
  });
});
