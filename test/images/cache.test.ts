/**
 * The processed-image cache (.cache/images/) is keyed by what is asked of an image and by a
 * fingerprint of the code that makes its pixels: images made by older code, or for another
 * profile (colour for grayscale), are never reused.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGE_CODE_FINGERPRINT, imageCacheKey, makePixels, processImage } from '../../src/5-images/processImage.js';
import { buildEdition } from '../../src/pipeline.js';
import { REPO, buildOptions, cleanup, extractImages, makeProject, tempDir } from '../safety/helpers.js';

afterAll(cleanup);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('cache key', () => {
  it('has a code fingerprint that is the hash of the source text of processImage and makePixels', () => {
    const sources = [processImage, makePixels].map((f) => f.toString());
    // The functions that make the pixels: grayscale, resize and encoding are in them.
    for (const step of ['.composite(', '.extract(', 'lanczos3', '.grayscale()', 'palette', 'mozjpeg']) expect(sources.join('\n')).toContain(step);
    expect(IMAGE_CODE_FINGERPRINT).toBe(sha256(sources.join('\n')));
  });

  it('changes with the code fingerprint, and with the bytes, attributes, width and profile', () => {
    const bytes = Buffer.from('the bytes of an image');
    const attrs = { width: 1, redact: [] };
    const profile = { ppi: 150, grayscale: false };
    const key = imageCacheKey(bytes, attrs, 400, profile, IMAGE_CODE_FINGERPRINT);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(imageCacheKey(Buffer.from(bytes), { width: 1, redact: [] }, 400, { ...profile }, IMAGE_CODE_FINGERPRINT)).toBe(key);
    const others = {
      'another code fingerprint': imageCacheKey(bytes, attrs, 400, profile, sha256('the same code, fixed')),
      'other bytes': imageCacheKey(Buffer.from('the bytes of another image'), attrs, 400, profile, IMAGE_CODE_FINGERPRINT),
      'a crop': imageCacheKey(bytes, { ...attrs, crop: [0, 0, 10, 10] as [number, number, number, number] }, 400, profile, IMAGE_CODE_FINGERPRINT),
      'a redaction': imageCacheKey(bytes, { ...attrs, redact: [[1, 1, 2, 2] as [number, number, number, number]] }, 400, profile, IMAGE_CODE_FINGERPRINT),
      'another width': imageCacheKey(bytes, attrs, 401, profile, IMAGE_CODE_FINGERPRINT),
      grayscale: imageCacheKey(bytes, attrs, 400, { ...profile, grayscale: true }, IMAGE_CODE_FINGERPRINT),
      print: imageCacheKey(bytes, attrs, 400, { ...profile, ppi: 300 }, IMAGE_CODE_FINGERPRINT),
    };
    expect(Object.entries(others).filter(([, k]) => k === key).map(([what]) => what)).toEqual([]);
  });

  it('in an esbuild bundle, follows a change to the pixel code and ignores one elsewhere', async () => {
    const file = join(REPO, 'src', '5-images', 'processImage.ts');
    const original = readFileSync(file, 'utf8');
    const dir = tempDir('zine-fingerprint-');
    /** The module bundled the way bin/zine.mjs bundles src/, with one text replaced; its fingerprint as a child process computes it. */
    const fingerprint = async (name: string, from: string, to: string) => {
      const changed = original.replace(from, to);
      expect(changed === original, `"${from}" is not in processImage.ts`).toBe(from === to);
      const result = await esbuild.build({
        entryPoints: [file],
        bundle: true,
        platform: 'node',
        format: 'esm',
        external: ['sharp'],
        write: false,
        plugins: [{ name: 'edit', setup: (b) => b.onLoad({ filter: /processImage\.ts$/ }, () => ({ contents: changed, loader: 'ts' })) }],
      });
      const out = join(dir, `${name}.mjs`);
      writeFileSync(out, result.outputFiles[0].text);
      const script = `const m = await import(${JSON.stringify(pathToFileURL(out).href)});
        const own = (await import('node:crypto')).createHash('sha256').update([m.processImage, m.makePixels].map(String).join('\\n')).digest('hex');
        console.log(JSON.stringify({ fingerprint: m.IMAGE_CODE_FINGERPRINT, own }));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const { fingerprint: fp, own } = JSON.parse(r.stdout) as { fingerprint: string; own: string };
      expect(fp, `${name}: the fingerprint is not the hash of the bundled functions`).toBe(own);
      return fp;
    };
    const base = await fingerprint('as-is', '', '');
    expect(await fingerprint('resize-fixed', "kernel: 'lanczos3'", "kernel: 'mitchell'")).not.toBe(base);
    expect(await fingerprint('encoding-fixed', 'quality: 92', 'quality: 90')).not.toBe(base);
    expect(await fingerprint('probe-message', "hostile('image has no size'", "hostile('image has no size at all'")).toBe(base);
  }, 30_000);
});

describe('a grayscale build after a colour build (warm cache)', () => {
  /** The largest difference between the channels of any pixel of any image of the PDF (0: gray). */
  const colourfulness = (pdf: Uint8Array) => {
    let max = 0;
    const images = extractImages(pdf);
    for (const img of images)
      for (let i = 0; i < img.rgb.length; i += 3) {
        const [r, g, b] = [img.rgb[i], img.rgb[i + 1], img.rgb[i + 2]];
        max = Math.max(max, Math.abs(r - g), Math.abs(g - b), Math.abs(r - b));
      }
    return { images: images.length, max };
  };

  it('has no coloured pixel in its images, in the reading and the press edition', async () => {
    // A 2x screenshot (144 dpi) in saturated colours.
    const rect = (left: number, top: number, background: string) => ({ input: { create: { width: 200, height: 120, channels: 3 as const, background } }, left, top });
    const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#e03020' } })
      .composite([rect(40, 40, '#2050e0'), rect(300, 200, '#20c040'), rect(380, 30, '#f0e020')])
      .withMetadata({ density: 144 })
      .png()
      .toBuffer();
    const root = makeProject({ body: '# Colours\n\nThe screenshot:\n\n![A coloured window](shot.png "A window in colour.")\n', images: { 'shot.png': png } });
    const pdfs = async (grayscale: boolean) => {
      const r = await buildEdition('xx', buildOptions(root, { press: true, grayscale }));
      expect(r.outputs).toHaveLength(2);
      return r.outputs.map((f) => ({ f, bytes: new Uint8Array(readFileSync(f)) }));
    };

    // The colour build fills the cache, and its images are in colour.
    for (const { f, bytes } of await pdfs(false)) {
      const c = colourfulness(bytes);
      expect(c.images, f).toBe(1);
      expect(c.max, `${f}: the colour build should show colours`).toBeGreaterThan(100);
    }
    expect(readdirSync(join(root, '.cache', 'images')).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);

    for (const { f, bytes } of await pdfs(true)) {
      const c = colourfulness(bytes);
      expect(c.images, f).toBe(1);
      expect(c.max, `${f}: a coloured pixel in the grayscale build`).toBeLessThanOrEqual(2);
    }
  }, 30_000);
});
