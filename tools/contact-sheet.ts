// Dev aid: lay PNG pages side by side in one image to look at a whole zine at once.
// npx tsx tools/contact-sheet.ts out.png page1.png page2.png ...
import sharp from 'sharp';

const [out, ...files] = process.argv.slice(2);
const metas = await Promise.all(files.map((f) => sharp(f).metadata()));
const w = Math.max(...metas.map((m) => m.width!));
const h = Math.max(...metas.map((m) => m.height!));
const cols = Math.min(files.length, Number(process.env.COLS ?? 4));
const rows = Math.ceil(files.length / cols);
const gap = 8;
await sharp({ create: { width: cols * (w + gap) + gap, height: rows * (h + gap) + gap, channels: 3, background: '#888888' } })
  .composite(files.map((f, i) => ({ input: f, left: gap + (i % cols) * (w + gap), top: gap + Math.floor(i / cols) * (h + gap) })))
  .png()
  .toFile(out);
