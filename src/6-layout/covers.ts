import type { DocumentModel } from '../model/document.js';
import type { PageItem, Warning } from '../model/page.js';
import { MM, type Emblem, type TextStyle } from '../model/theme.js';
import { setText, type FlowContext } from './text.js';
import { translate } from './flow.js';
import { adopt, structNode } from './structure.js';
import { displayUrl, qrModules } from './links.js';

/** Cover texts come from the first file's front matter (or strings.yml): errors point there. */
const frontMatter = (doc: DocumentModel) => ({ file: doc.chapters[0]?.file ?? `content/${doc.lang}`, line: 1, col: 1 });

/** Set a text block at (x, y) top-left, return its items and height. */
function block(text: string, style: TextStyle, x: number, y: number, width: number, ctx: FlowContext, doc: DocumentModel, link?: string) {
  const lines = setText([{ text, ...(link ? { link } : {}) }], style, { ...ctx, width }, frontMatter(doc), width);
  adopt(lines.flatMap((l) => l.items), structNode('P'));
  const items: PageItem[] = [];
  let h = 0;
  for (const l of lines) {
    items.push(...translate(l.items, x, y + h));
    h += l.height;
  }
  const right = items.reduce((a, i) => Math.max(a, i.x + ('width' in i && typeof i.width === 'number' ? i.width : 0)), x);
  return { items, height: h, right };
}

/**
 * The emblem stands on the cover's foot band, at the right: as tall as the room above the band
 * allows, between these heights (points on A5; the padlock was drawn 115 units tall at 0.6 to 1.7).
 */
const EMBLEM_MIN_HEIGHT = 0.6 * 115;
const EMBLEM_MAX_HEIGHT = 1.7 * 115;

function emblemItems(emblem: Emblem, right: number, bottom: number, room: number, maxWidth: number): PageItem[] {
  const scale = Math.min(EMBLEM_MAX_HEIGHT / emblem.height, Math.max(EMBLEM_MIN_HEIGHT / emblem.height, room / emblem.height), maxWidth / emblem.width);
  const x = right - emblem.width * scale;
  const y = bottom - emblem.height * scale;
  if (emblem.kind === 'image') return [{ type: 'image', x, y, w: emblem.width * scale, h: emblem.height * scale, image: emblem.key }];
  return emblem.paths.map((p) => ({ type: 'path', x, y, scale, span: emblem.width * scale, d: p.d, fill: p.fill ?? '#000000', ...(p.evenOdd ? { evenOdd: true } : {}), ...(p.transform ? { transform: p.transform } : {}) }));
}

/** What both covers are laid out in: the whole page, the cover margin, the geometry scale. */
function coverFrame(ctx: FlowContext) {
  const { page, colors, styles, cover } = ctx.theme;
  const m = cover.margin;
  return { c: colors, styles, cover, g: cover.scale, m, W: page.width, H: page.height, width: page.width - 2 * m };
}

/** Front cover: full-bleed accent, the title huge, the subtitle on an ink band, the emblem on the foot band. */
export function coverItems(doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const { c, styles, cover, g, m, W, H, width } = coverFrame(ctx);
  const meta = doc.meta;
  const items: PageItem[] = [{ type: 'rect', x: 0, y: 0, w: W, h: H, fill: c.accent, bleeds: true }];
  let y = 15 * MM * g;
  if (meta.publisher) {
    const p = block(meta.publisher, styles.coverSmall, m, y, width, ctx, doc);
    items.push(...p.items);
  }
  if (meta.edition) {
    const e = block(meta.edition, styles.coverSmall, m, y, width, ctx, doc);
    const shift = m + width - e.right;
    items.push(...translate(e.items, shift, 0));
  }
  y += 16 * g;
  items.push({ type: 'rect', x: m, y, w: width, h: 2.2 * g, fill: c.paper });
  y += 16 * g;
  const title = block(meta.title, styles.coverTitle, m, y, width, ctx, doc);
  items.push(...title.items);
  y += title.height + 14 * g;
  if (meta.subtitle) {
    const pad = 7 * g;
    const sub = block(meta.subtitle, styles.coverSubtitle, m + pad, y + pad, width - 2 * pad, ctx, doc);
    items.push({ type: 'rect', x: 0, y, w: sub.right + pad, h: sub.height + 2 * pad, fill: c.ink, bleeds: true });
    items.push(...sub.items);
    y += sub.height + 2 * pad;
  }
  // A heavy ink foot band: the edition in big type, the website under it.
  const foot = 48 * MM * g;
  if (cover.emblem) items.push(...emblemItems(cover.emblem, W - m, H - foot, H - foot - y - 24 * g, width));
  items.push({ type: 'rect', x: 0, y: H - foot, w: W, h: foot, fill: c.ink, bleeds: true });
  if (meta.edition) {
    const e = block(meta.edition, styles.coverEdition, m, H - foot + 10 * MM * g, width, ctx, doc);
    items.push(...e.items);
  }
  if (meta.website) {
    const w = block(displayUrl(meta.website), { ...styles.coverSmall, tracking: 0.6 * g }, m, H - 17 * MM * g, width, ctx, doc, meta.website);
    items.push(...w.items);
  }
  return items;
}

/**
 * What the covers miss from the front matter, said at the first file's front matter: without `back`
 * the back cover closes on the title, without `publisher` the covers name no one.
 */
export function coverWarning(doc: DocumentModel): Warning | null {
  const missing = (['back', 'publisher'] as const).filter((k) => !doc.meta[k]);
  if (!missing.length) return null;
  const effects = missing.map((k) => (k === 'back' ? 'the back cover shows the title instead of a closing statement' : 'the covers do not say who made the guide'));
  const hint = missing.map((k) => (k === 'back' ? 'back: a sentence or two to close on' : 'publisher: who made the guide')).join('; ');
  return { message: `no ${missing.map((k) => `${k}:`).join(' or ')} in the front matter: ${effects.join(', and ')}`, where: frontMatter(doc), hint: `Add to the front matter of ${frontMatter(doc).file}: ${hint}.` };
}

/** Back cover: ink, the closing statement (or the title), the slogan in the accent, the website with its QR code. */
export function backItems(doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const { c, styles, g, m, W, H, width } = coverFrame(ctx);
  const meta = doc.meta;
  const items: PageItem[] = [{ type: 'rect', x: 0, y: 0, w: W, h: H, fill: c.ink, bleeds: true }];
  let y = 18 * MM * g;
  const label = block(doc.strings.backLabel, { ...styles.coverSmall, color: c.accent }, m, y, width, ctx, doc);
  items.push(...label.items);
  y += label.height + 14 * g;
  // Without a closing statement the back cover closes on the title: never a label alone on black.
  const b = block(meta.back ?? meta.title, styles.backStatement, m, y, width, ctx, doc);
  items.push(...b.items);
  y += b.height + 18 * g;
  if (meta.slogan) {
    items.push({ type: 'rect', x: m, y, w: 30 * g, h: 4 * g, fill: c.accent });
    const s = block(meta.slogan, styles.backSlogan, m, y + 12 * g, width, ctx, doc);
    items.push(...s.items);
  }
  if (meta.website) {
    // The QR code keeps its size on every page: phones need about 15 mm to read it.
    const q = 20 * MM;
    const pad = 2.5 * MM;
    const bottom = 14 * MM * g;
    const qx = W - m - q;
    const qy = H - bottom - q;
    items.push({ type: 'rect', x: qx - pad, y: qy - pad, w: q + 2 * pad, h: q + 2 * pad, fill: c.paper });
    items.push({ type: 'qr', x: qx, y: qy, size: q, modules: qrModules(meta.website), color: c.ink });
    items.push({ type: 'link', x: qx, y: qy, w: q, h: q, url: meta.website, tag: structNode('Link') });
    const w = block(displayUrl(meta.website), { ...styles.coverSmall, tracking: 0.6 * g }, m, H - bottom - 12 * g, width - q - 10, ctx, doc, meta.website);
    items.push(...w.items);
    if (meta.publisher) items.push(...block(meta.publisher, { ...styles.coverSmall, color: c.backMuted }, m, H - bottom - 26 * g, width - q - 10, ctx, doc).items);
  }
  return items;
}
