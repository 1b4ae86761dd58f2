// Regenerates the guide's UI screenshots from HTML templates with headless Chromium.
//   npx tsx tools/screenshots/render.ts [--lang fr|en|nl|de|es|ar|fa] [--only riot/call-failed]
// French is the source language: its images go to images/<dir>/, the others to images/<lang>/<dir>/.
// Also rewrites tools/screenshots/redactions.json (boxes over the elements marked "identifier").
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const TEMPLATES = join(HERE, 'templates');
const LANGS = ['fr', 'en', 'nl', 'de', 'es', 'ar', 'fa'];
// Their interfaces are mirrored: the templates' CSS uses logical properties (margin-inline-start …).
const RTL_LANGS = ['ar', 'fa'];
const SOURCE_LANG = 'fr';
const SCALE = 2; // device scale factor: images are 2× their CSS size (144 dpi)
const PAD = 4; // image px of margin around each redaction box
const WINDOW_W = 1000; // CSS px: wider than any shot

type Rect = [number, number, number, number]; // x, y, w, h
interface Measure { x: number; y: number; w: number; h: number; ids: Rect[]; overflow: string[] }

// ---- command line ----------------------------------------------------------
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const langs = opt('--lang') ? [opt('--lang')!] : LANGS;
const only = opt('--only');
for (const l of langs) if (!LANGS.includes(l)) throw new Error(`unknown language ${l}`);

// Shot names are template paths without ".html": "riot/call-failed", ...
const shots = readdirSync(TEMPLATES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(TEMPLATES, d.name)).filter((f) => f.endsWith('.html')).map((f) => `${d.name}/${f.slice(0, -5)}`))
  .filter((s) => !only || s === only || s.endsWith(`/${only}`))
  .sort();
if (shots.length === 0) throw new Error(`no template matches ${only}`);

// ---- templating ------------------------------------------------------------
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// {{key}} takes strings[<shot>][key], HTML-escaped; "[text]" inside a string marks a link,
// so each language can put its links where its word order wants them.
function fill(html: string, strings: Record<string, string>, where: string): string {
  return html.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = strings[key];
    if (value === undefined) throw new Error(`${where}: missing string "${key}"`);
    return escapeHtml(value).replace(/\[([^\]]+)\]/g, '<a>$1</a>');
  });
}

// Injected before </body>: measures #shot and every .identifier (relative to #shot),
// lists elements whose text overflows their box, and stores it all base64-encoded
// in a body attribute that --dump-dom prints (base64 avoids HTML-escaping issues).
const MEASURE = `<script>document.fonts.ready.then(() => {
  const s = document.getElementById('shot').getBoundingClientRect();
  const ids = [...document.querySelectorAll('.identifier')].map((e) => {
    const r = e.getBoundingClientRect(); return [r.left - s.left, r.top - s.top, r.width, r.height]; });
  const overflow = [...document.querySelectorAll('#shot *')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && !(e instanceof SVGElement))
    .map((e) => e.className + ': ' + e.textContent.trim().slice(0, 40));
  const m = { x: s.left, y: s.top, w: s.width, h: s.height, ids, overflow };
  document.body.dataset.measure = btoa(unescape(encodeURIComponent(JSON.stringify(m))));
});</script>`;

// ---- chromium ----------------------------------------------------------------
async function chromium(extra: string[], url: string): Promise<string> {
  // A fresh profile per run, and every background service off: the render must not touch the network.
  const profile = mkdtempSync(join(tmpdir(), 'zine-shot-'));
  try {
    const { stdout } = await run('/usr/bin/chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`, `--force-device-scale-factor=${SCALE}`, '--hide-scrollbars',
      ...extra, url,
    ], { maxBuffer: 16 << 20 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function render(shot: string, lang: string, strings: Record<string, Record<string, string>>) {
  const where = `${lang}/${shot}`;
  const template = join(TEMPLATES, `${shot}.html`);
  // <base> keeps the template's relative stylesheet links working from the temp copy.
  const html = fill(readFileSync(template, 'utf8'), strings[shot] ?? {}, where)
    .replace('<head>', `<head><base href="${pathToFileURL(template).href}">`)
    .replace(/(<html)/, `$1 lang="${lang}"${RTL_LANGS.includes(lang) ? ' dir="rtl"' : ''}`)
    .replace('</body>', `${MEASURE}</body>`);
  const dir = mkdtempSync(join(tmpdir(), 'zine-page-'));
  try {
    const page = join(dir, 'page.html');
    writeFileSync(page, html);
    const url = pathToFileURL(page).href;

    // Pass 1: lay the page out in a large window and read the measurements back.
    const dom = await chromium([`--window-size=${WINDOW_W},2000`, '--virtual-time-budget=3000', '--dump-dom'], url);
    const encoded = /data-measure="([^"]+)"/.exec(dom)?.[1];
    if (!encoded) throw new Error(`${where}: page did not report its measurements`);
    const m = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Measure;
    if (m.overflow.length) console.warn(`${where}: text overflows in ${m.overflow.join(' | ')}`);

    // Pass 2: a window tall enough for #shot, then crop to it exactly. Headless Chromium's
    // viewport is shorter than --window-size (by ~90 px), hence the generous margin. The width
    // stays that of pass 1: a right-to-left page sets #shot against the window's right edge.
    const raw = join(dir, 'raw.png');
    const winH = Math.ceil(m.y + m.h) + 200;
    await chromium([`--window-size=${WINDOW_W},${winH}`, `--screenshot=${raw}`], url);
    // Kept inside the screenshot: a right-to-left #shot ends at the window's edge, where rounding
    // its fractional position and width could pass the edge by a pixel.
    const { width: rawW = 0, height: rawH = 0 } = await sharp(raw).metadata();
    const left = Math.round(m.x * SCALE), top = Math.round(m.y * SCALE);
    const box = { left, top, width: Math.min(Math.round(m.w * SCALE), rawW - left), height: Math.min(Math.round(m.h * SCALE), rawH - top) };
    const out = join(ROOT, 'images', lang === SOURCE_LANG ? '' : lang, `${shot}.png`);
    mkdirSync(dirname(out), { recursive: true });
    // Flat RGB on white, palette-quantised (UI colours are few, so text stays crisp),
    // and 144 dpi in pHYs so the build knows these are 2× images.
    const png = await sharp(raw).extract(box).flatten({ background: '#ffffff' }).removeAlpha()
      .png({ compressionLevel: 9, palette: true, quality: 90, effort: 10 })
      .withMetadata({ density: SCALE * 72 })
      .toBuffer();
    writeFileSync(out, png);

    // Redaction boxes in image pixels, padded and kept inside the image.
    const rects = m.ids.map(([x, y, w, h]): Rect => {
      const x0 = Math.max(0, Math.floor(x * SCALE) - PAD), y0 = Math.max(0, Math.floor(y * SCALE) - PAD);
      const x1 = Math.min(box.width, Math.ceil((x + w) * SCALE) + PAD), y1 = Math.min(box.height, Math.ceil((y + h) * SCALE) + PAD);
      return [x0, y0, x1 - x0, y1 - y0];
    });
    console.log(`${out.slice(ROOT.length + 1)}  ${box.width}×${box.height}  ${png.length} B`);
    return { key: `${lang === SOURCE_LANG ? '' : `${lang}/`}${shot}.png`, rects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- main ------------------------------------------------------------------
const redactionsFile = join(HERE, 'redactions.json');
const redactions: Record<string, Rect[]> = existsSync(redactionsFile) ? JSON.parse(readFileSync(redactionsFile, 'utf8')) : {};
const jobs = langs.flatMap((lang) => {
  const strings = JSON.parse(readFileSync(join(HERE, 'strings', `${lang}.json`), 'utf8')) as Record<string, Record<string, string>>;
  return shots.map((shot) => () => render(shot, lang, strings));
});
// A few Chromium processes at a time: quicker than one by one, gentle on memory.
const results: Awaited<ReturnType<typeof render>>[] = [];
await Promise.all(Array.from({ length: 4 }, async () => {
  for (let job = jobs.shift(); job; job = jobs.shift()) results.push(await job());
}));
for (const { key, rects } of results) {
  if (rects.length) redactions[key] = rects;
  else delete redactions[key];
}
const sorted = Object.fromEntries(Object.entries(redactions).sort(([a], [b]) => a.localeCompare(b)));
// One line per image keeps the file readable and its diffs small.
writeFileSync(redactionsFile, '{\n' + Object.entries(sorted).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n');
