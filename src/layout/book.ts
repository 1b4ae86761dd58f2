import type { Block, DocumentModel, Inline } from '../model/document.js';
import type { OutlineEntry, Page, PageItem, PageKind, PageModel } from '../model/page.js';
import type { ImageInfo } from '../images/processImage.js';
import type { Hyphenator } from '../typography/hyphenate.js';
import { blocksToFlow, isScreenshot, setText, type FlowContext } from './blocks.js';
import type { Flow, FlowLine } from './flow.js';
import { translate } from './flow.js';
import type { Metrics } from './metrics.js';
import { paginate, type Pagination } from './paginate.js';
import { failMissing } from './lineBreak.js';
import { COLORS, MIN_UI_TEXT_PT, MM, PAGE, SPACE, STYLES, UI_TEXT_PX, type TextStyle } from './style.js';
import { coverItems, backItems } from './covers.js';
import { displayUrl, qrModules } from './links.js';

export interface BookInput {
  doc: DocumentModel;
  images: Map<string, ImageInfo>;
  metrics: Metrics;
  hyphenate: Hyphenator;
}

export interface GuideLink {
  url: string;
  label: string;
}

/** Content box of a page: recto (even index, right-hand) pages have the inner margin on the left. */
export function contentBox(index: number) {
  const recto = index % 2 === 0;
  const m = PAGE.margin;
  return {
    x: recto ? m.inner : m.outer,
    y: m.top,
    width: PAGE.width - m.inner - m.outer,
    height: PAGE.height - m.top - m.bottom,
    recto,
  };
}

/** Every link of the guide in reading order, the website first, each URL once. */
export function collectLinks(doc: DocumentModel): GuideLink[] {
  const seen = new Map<string, GuideLink>();
  const add = (url: string, label: string) => {
    if (!seen.has(url)) seen.set(url, { url, label });
  };
  if (doc.meta.website) add(doc.meta.website, doc.meta.publisher ?? displayUrl(doc.meta.website));
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.kind === 'paragraph' || b.kind === 'heading') inlineLinks(b.inlines, add);
      else if (b.kind === 'list') b.items.forEach(walk);
      else if (b.kind === 'quote' || b.kind === 'callout') walk(b.blocks);
    }
  };
  doc.chapters.forEach((c) => walk(c.blocks));
  return [...seen.values()];
}

function inlineLinks(inlines: Inline[], add: (url: string, label: string) => void) {
  let i = 0;
  while (i < inlines.length) {
    const url = inlines[i].link;
    if (!url) {
      i++;
      continue;
    }
    let label = '';
    while (i < inlines.length && inlines[i].link === url) label += inlines[i++].text;
    add(url, label.trim());
  }
}

function stack(lines: FlowLine[], x = 0, y0 = 0): { items: PageItem[]; height: number } {
  const items: PageItem[] = [];
  let y = y0;
  for (const l of lines) {
    items.push(...translate(l.items, x, y));
    y += l.height;
  }
  return { items, height: y - y0 };
}

/** The links section: a heading, a line of explanation, then every link with its QR code. */
/**
 * The links page: every link with its QR code. Placed by `::: links` inside a section it opens a page of
 * that section under a `##`-level title; without the directive it is a section of its own at the end.
 */
function linksFlow(links: GuideLink[], doc: DocumentModel, ctx: FlowContext, level: 1 | 2): Flow[] {
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const heading = { id: 'zine-links', title: doc.strings.links, level };
  const titleBlock: Flow =
    level === 1
      ? (() => {
          const title = stack(setText([{ text: doc.strings.links }], STYLES.sectionLabel, ctx, src), 0, 12);
          return { kind: 'block', height: 12 + title.height + SPACE.afterSectionLabel, items: [{ type: 'rect', x: 0, y: 0, w: 22, h: 4, fill: COLORS.accent }, ...title.items], spaceBefore: 0, keepWithNext: true, heading };
        })()
      : (() => {
          const title = stack(setText([{ text: doc.strings.links }], STYLES.h2, ctx, src));
          return { kind: 'block', height: title.height + SPACE.afterH2, items: title.items, spaceBefore: 0, keepWithNext: true, heading };
        })();
  const flows: Flow[] = [
    { kind: 'break', reason: 'section' },
    titleBlock,
    { kind: 'lines', lines: setText([{ text: doc.strings.linksIntro }], STYLES.body, ctx, src), spaceBefore: 0, keepWithNext: true, orphans: 2, widows: 2 },
  ];
  const gutter = 12;
  const cellW = (ctx.width - gutter) / 2;
  const qr = 17 * MM; // comfortably above the ~15 mm phones need for short URLs at 1 m... and at arm's length
  const textW = cellW - qr - 8;
  const cell = (l: GuideLink, x: number) => {
    const label = setText([{ text: l.label || displayUrl(l.url) }], STYLES.linkLabel, ctx, src, textW);
    const url = setText([{ text: l.url, link: l.url }], STYLES.linkUrl, ctx, src, textW);
    const a = stack(label, x + qr + 8, 1);
    const b = stack(url, x + qr + 8, 1 + a.height + 1);
    const modules = qrModules(l.url);
    const items: PageItem[] = [{ type: 'qr', x, y: 0, size: qr, modules, color: COLORS.ink }, { type: 'link', x, y: 0, w: qr, h: qr, url: l.url }, ...a.items, ...b.items];
    return { items, height: Math.max(qr, 1 + a.height + 1 + b.height) };
  };
  for (let i = 0; i < links.length; i += 2) {
    const left = cell(links[i], 0);
    const right = links[i + 1] ? cell(links[i + 1], cellW + gutter) : { items: [], height: 0 };
    flows.push({ kind: 'block', height: Math.max(left.height, right.height), items: [...left.items, ...right.items], spaceBefore: i === 0 ? 12 : 10, keepWithNext: false });
  }
  return flows;
}

function tocFlow(pagination: Pagination, firstBodyIndex: number, doc: DocumentModel, ctx: FlowContext): Flow[] {
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const title = stack(setText([{ text: doc.strings.contents }], STYLES.sectionLabel, ctx, src), 0, 12);
  const flows: Flow[] = [
    {
      kind: 'block',
      height: 12 + title.height + SPACE.afterSectionLabel + 4,
      items: [{ type: 'rect', x: 0, y: 0, w: 22, h: 4, fill: COLORS.accent }, ...title.items],
      spaceBefore: 0,
      keepWithNext: true,
    },
  ];
  const numW = 22;
  for (const h of pagination.headings) {
    if (h.level > 2) continue;
    const folio = String(firstBodyIndex + h.page + 1);
    const style: TextStyle = h.level === 1 ? STYLES.tocSection : STYLES.tocEntry;
    const indent = h.level === 1 ? 0 : 12;
    const lines = setText([{ text: h.title }], style, ctx, src, ctx.width - indent - numW - 8, indent);
    const last = lines[lines.length - 1];
    const numWidth = ctx.metrics.width(style.face, folio) * style.size + (style.tracking ?? 0) * folio.length;
    const base = (last.items.find((i) => i.type === 'text') as { y: number } | undefined)?.y ?? style.leading * 0.75;
    last.items.push({ type: 'text', x: ctx.width - numWidth, y: base, text: folio, face: style.face, size: style.size, color: h.level === 1 ? COLORS.accent : style.color, width: numWidth });
    // A thin leader from the title to its page number.
    const textEnd = Math.max(...last.items.filter((i) => i.type === 'text' && i.text !== folio).map((i) => (i as { x: number; width: number }).x + (i as { width: number }).width));
    if (ctx.width - numWidth - 4 - (textEnd + 4) > 6) last.items.push({ type: 'rect', x: textEnd + 4, y: base - 0.3, w: ctx.width - numWidth - 4 - (textEnd + 4), h: 0.5, fill: COLORS.rule });
    last.items.push({ type: 'link', x: 0, y: 0, w: ctx.width, h: last.height, url: `#${h.id}` });
    flows.push({ kind: 'lines', lines, spaceBefore: h.level === 1 ? 10 : 2, keepWithNext: h.level === 1, orphans: 1, widows: 1 });
  }
  return flows;
}

function pageFurniture(index: number, kind: PageKind, section: string | null, doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const box = contentBox(index);
  const items: PageItem[] = [];
  const folio = String(index + 1);
  const fs = STYLES.folio;
  const fw = ctx.metrics.width(fs.face, folio) * fs.size;
  const fx = box.recto ? box.x + box.width - fw : box.x;
  const fy = PAGE.height - PAGE.folioBaseline;
  items.push({ type: 'text', x: fx, y: fy, text: folio, face: fs.face, size: fs.size, color: fs.color, width: fw });
  items.push({ type: 'rect', x: box.recto ? fx - 8 : fx + fw + 4, y: fy - 5.2, w: 4, h: 4, fill: COLORS.accent });
  if (kind === 'body' || kind === 'links') {
    const head = box.recto ? section ?? doc.meta.title : doc.meta.title;
    const src = { file: `content/${doc.lang}`, line: 1, col: 1 };
    const line = setText([{ text: head }], STYLES.runningHead, { ...ctx, width: box.width }, src, box.width)[0];
    const w = line.items.reduce((a, i) => Math.max(a, i.x + ('width' in i ? (i as { width: number }).width : 0)), 0);
    const dx = box.recto ? box.x + box.width - w : box.x;
    // Running heads are one line: a title longer than the column is cut, never wrapped over the text.
    items.push(...translate(line.items, dx, PAGE.headBaseline - STYLES.runningHead.leading * 0.75));
    items.push({ type: 'rect', x: box.x, y: PAGE.headBaseline + 3, w: box.width, h: 0.4, fill: COLORS.rule });
  }
  return items;
}

/**
 * The whole book: cover, contents, body, links, back cover. The contents list page numbers, and the
 * number of contents pages shifts every page after them, so the contents are laid out again until
 * the numbers they print stop changing (as Typst does).
 */
export function layoutBook(input: BookInput): PageModel {
  const { doc, metrics, hyphenate } = input;
  const box = contentBox(0);
  const ctx: FlowContext = { metrics, lang: doc.lang, hyphenate, width: box.width, images: input.images, figureLabel: doc.strings.figure, figureCount: 0, missing: new Map() };
  const links = collectLinks(doc);
  const flows: Flow[] = [];
  let linksPlaced = false;
  for (const chapter of doc.chapters) {
    // Blocks go to blocksToFlow together, since a block's keeps depend on the block after it.
    let run: Block[] = [];
    for (const b of [...chapter.blocks, null]) {
      if (b && b.kind !== 'linksIndex') {
        run.push(b);
        continue;
      }
      flows.push(...blocksToFlow(run, ctx, 0));
      run = [];
      if (b) {
        flows.push(...linksFlow(links, doc, ctx, 2));
        linksPlaced = true;
      }
    }
  }
  // A paragraph kept with what follows is released when a page break follows anyway.
  for (let i = 0; i < flows.length - 1; i++) {
    const f = flows[i];
    if (f.kind === 'lines' && f.keepWithNext && flows[i + 1].kind === 'break') f.keepWithNext = false;
  }
  if (!linksPlaced && links.length) flows.push(...linksFlow(links, doc, ctx, 1));
  const body = paginate(flows, box.height);

  let tocPages = 1;
  let toc = paginate(tocFlow(body, 1 + tocPages, doc, ctx), box.height);
  for (let round = 0; round < 5 && toc.pages.length !== tocPages; round++) {
    tocPages = toc.pages.length;
    toc = paginate(tocFlow(body, 1 + tocPages, doc, ctx), box.height);
  }
  const firstBody = 1 + tocPages;

  const pages: Page[] = [];
  const warnings: string[] = [];
  pages.push({ index: 0, kind: 'cover', folio: null, items: coverItems(doc, ctx) });
  for (const p of toc.pages) {
    const index = pages.length;
    const b = contentBox(index);
    pages.push({ index, kind: 'contents', folio: index + 1, items: [...translate(p.items, b.x, b.y), ...pageFurniture(index, 'contents', null, doc, ctx)] });
  }
  const linksStart = body.headings.find((h) => h.id === 'zine-links')?.page ?? Infinity;
  for (const [k, p] of body.pages.entries()) {
    const index = pages.length;
    const b = contentBox(index);
    const kind: PageKind = k >= linksStart ? 'links' : 'body';
    pages.push({ index, kind, folio: index + 1, items: [...translate(p.items, b.x, b.y), ...pageFurniture(index, kind, p.section, doc, ctx)] });
  }
  pages.push({ index: pages.length, kind: 'back', folio: null, items: backItems(doc, ctx) });
  if (ctx.missing?.size) failMissing(ctx.missing);

  const outline: OutlineEntry[] = body.headings
    .filter((h) => h.level <= 2)
    .map((h) => ({ title: h.title, page: firstBody + h.page, y: h.y + box.y, level: h.level - 1, id: h.id }));

  for (const f of body.figures) {
    const info = input.images.get(f.image)!;
    if (!isScreenshot(info)) continue;
    const ptPerCssPx = f.w / (info.width / info.pixelRatio);
    const uiPt = UI_TEXT_PX * ptPerCssPx;
    if (uiPt < MIN_UI_TEXT_PT) warnings.push(`${f.label}: interface text in ${f.image} prints at about ${uiPt.toFixed(1)} pt (under ${MIN_UI_TEXT_PT} pt); crop it or give it more width`);
  }

  return { width: PAGE.width, height: PAGE.height, lang: doc.lang, title: doc.meta.title, subject: doc.meta.subject, pages, outline, warnings };
}
