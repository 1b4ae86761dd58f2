import type { DocumentModel } from '../model/document.js';
import type { PageItem } from '../model/page.js';
import { setText, type FlowContext } from './blocks.js';
import { translate } from './flow.js';
import { COLORS, MM, PAGE, STYLES, type TextStyle } from './style.js';
import { displayUrl, qrModules } from './links.js';

/** A padlock 100 × 115 units: shackle, body, keyhole (cut out by even-odd filling). */
const PADLOCK =
  'M22 50 V34 A28 28 0 0 1 78 34 V50 H64 V34 A14 14 0 0 0 36 34 V50 Z ' +
  'M6 50 H94 V115 H6 Z ' +
  'M50 68 A9 9 0 0 1 55 84.5 L58 102 H42 L45 84.5 A9 9 0 0 1 50 68 Z';

/** Cover texts come from the first file's front matter (or strings.yml): errors point there. */
const frontMatter = (doc: DocumentModel) => ({ file: doc.chapters[0]?.file ?? `content/${doc.lang}`, line: 1, col: 1 });

/** Set a text block at (x, y) top-left, return its items and height. */
function block(text: string, style: TextStyle, x: number, y: number, width: number, ctx: FlowContext, doc: DocumentModel, link?: string) {
  const lines = setText([{ text, ...(link ? { link } : {}) }], style, { ...ctx, width }, frontMatter(doc), width);
  const items: PageItem[] = [];
  let h = 0;
  for (const l of lines) {
    items.push(...translate(l.items, x, y + h));
    h += l.height;
  }
  const right = items.reduce((a, i) => Math.max(a, i.x + ('width' in i && typeof i.width === 'number' ? i.width : 0)), x);
  return { items, height: h, right };
}

/** Front cover: full-bleed red, the title huge in white, the subtitle on a black band, edition and publisher. */
export function coverItems(doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const m = 14 * MM;
  const W = PAGE.width;
  const H = PAGE.height;
  const width = W - 2 * m;
  const meta = doc.meta;
  const items: PageItem[] = [{ type: 'rect', x: 0, y: 0, w: W, h: H, fill: COLORS.accent, bleeds: true }];
  let y = 15 * MM;
  if (meta.publisher) {
    const p = block(meta.publisher, STYLES.coverSmall, m, y, width, ctx, doc);
    items.push(...p.items);
  }
  if (meta.edition) {
    const e = block(meta.edition, { ...STYLES.coverSmall, align: 'left' }, m, y, width, ctx, doc);
    const shift = m + width - e.right;
    items.push(...translate(e.items, shift, 0));
  }
  y += 16;
  items.push({ type: 'rect', x: m, y, w: width, h: 2.2, fill: COLORS.paper });
  y += 16;
  const title = block(meta.title, STYLES.coverTitle, m, y, width, ctx, doc);
  items.push(...title.items);
  y += title.height + 14;
  if (meta.subtitle) {
    const pad = 7;
    const sub = block(meta.subtitle, { ...STYLES.coverSubtitle, color: COLORS.paper }, m + pad, y + pad, width - 2 * pad, ctx, doc);
    items.push({ type: 'rect', x: 0, y, w: sub.right + pad, h: sub.height + 2 * pad, fill: COLORS.ink, bleeds: true });
    items.push(...sub.items);
    y += sub.height + 2 * pad;
  }
  // A heavy black foot band: the edition in big type, the website under it.
  const foot = 48 * MM;
  // The emblem: a big padlock standing on the band, for the guide's subject, encryption.
  const lockScale = Math.min(1.7, Math.max(0.6, (H - foot - y - 24) / 115));
  items.push({ type: 'path', x: W - m - 100 * lockScale, y: H - foot - 115 * lockScale, scale: lockScale, d: PADLOCK, fill: COLORS.ink, evenOdd: true });
  items.push({ type: 'rect', x: 0, y: H - foot, w: W, h: foot, fill: COLORS.ink, bleeds: true });
  if (meta.edition) {
    const e = block(meta.edition, { ...STYLES.backSlogan, size: 46, leading: 44, color: COLORS.accent }, m, H - foot + 10 * MM, width, ctx, doc);
    items.push(...e.items);
  }
  if (meta.website) {
    const w = block(displayUrl(meta.website), { ...STYLES.coverSmall, tracking: 0.6 }, m, H - 17 * MM, width, ctx, doc, meta.website);
    items.push(...w.items);
  }
  return items;
}

/** Back cover: black, the closing statement, the slogan in red, the website with its QR code. */
export function backItems(doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const m = 14 * MM;
  const W = PAGE.width;
  const H = PAGE.height;
  const width = W - 2 * m;
  const meta = doc.meta;
  const items: PageItem[] = [{ type: 'rect', x: 0, y: 0, w: W, h: H, fill: COLORS.ink, bleeds: true }];
  let y = 18 * MM;
  const label = block(doc.strings.backLabel, { ...STYLES.coverSmall, color: COLORS.accent }, m, y, width, ctx, doc);
  items.push(...label.items);
  y += label.height + 14;
  if (meta.back) {
    const b = block(meta.back, STYLES.backStatement, m, y, width, ctx, doc);
    items.push(...b.items);
    y += b.height + 18;
  }
  if (meta.slogan) {
    items.push({ type: 'rect', x: m, y, w: 30, h: 4, fill: COLORS.accent });
    const s = block(meta.slogan, STYLES.backSlogan, m, y + 12, width, ctx, doc);
    items.push(...s.items);
  }
  if (meta.website) {
    const q = 20 * MM;
    const pad = 2.5 * MM;
    const qx = W - m - q;
    const qy = H - 14 * MM - q;
    items.push({ type: 'rect', x: qx - pad, y: qy - pad, w: q + 2 * pad, h: q + 2 * pad, fill: COLORS.paper });
    items.push({ type: 'qr', x: qx, y: qy, size: q, modules: qrModules(meta.website), color: COLORS.ink });
    items.push({ type: 'link', x: qx, y: qy, w: q, h: q, url: meta.website });
    const w = block(displayUrl(meta.website), { ...STYLES.coverSmall, tracking: 0.6 }, m, H - 14 * MM - 12, width - q - 10, ctx, doc, meta.website);
    items.push(...w.items);
    if (meta.publisher) items.push(...block(meta.publisher, { ...STYLES.coverSmall, color: '#9a9a9a' }, m, H - 14 * MM - 26, width - q - 10, ctx, doc).items);
  }
  return items;
}
