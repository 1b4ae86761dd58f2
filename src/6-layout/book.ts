import type { Block, DocumentModel, Inline } from '../model/document.js';
import { blocksOfKind, walkInlines } from '../model/walk.js';
import type { OutlineEntry, Page, PageItem, PageKind, PageModel } from '../model/page.js';
import type { PageGeometry, TextStyle, Theme } from '../model/theme.js';
import type { ImageInfo } from '../5-images/processImage.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { blocksToFlow } from './blocks/index.js';
import { ORPHANS, WIDOWS } from './blocks/paragraph.js';
import { isScreenshot, setText, stackLines, type FlowContext } from './text.js';
import type { Flow } from './flow.js';
import { translate } from './flow.js';
import type { Metrics } from './metrics.js';
import { paginate, type Pagination } from './paginate.js';
import { failMissing, type MissingChars } from './lineBreak.js';
import { coverItems, backItems } from './covers.js';
import { displayUrl, qrModules } from './links.js';
import { defaultTheme } from '../4-theme/design.js';

export interface BookInput {
  doc: DocumentModel;
  images: Map<string, ImageInfo>;
  metrics: Metrics;
  hyphenate: Hyphenator;
  /** The look; our zine's (A5) when not given. */
  theme?: Theme;
  /**
   * Where characters no font has are recorded, each at its first place (the book is laid out without
   * them); without it, layout stops on them naming them all.
   */
  missing?: MissingChars;
}

export interface GuideLink {
  url: string;
  label: string;
}

/** Content box of a page: recto (even index, right-hand) pages have the inner margin on the left. */
export function contentBox(page: PageGeometry, index: number) {
  const recto = index % 2 === 0;
  const m = page.margin;
  return {
    x: recto ? m.inner : m.outer,
    y: m.top,
    width: page.width - m.inner - m.outer,
    height: page.height - m.top - m.bottom,
    recto,
  };
}

/** Captioned figures numbered in reading order over the whole guide (wherever they are nested). */
export function numberFigures(doc: DocumentModel): Map<Block, number> {
  const numbers = new Map<Block, number>();
  for (const c of doc.chapters) for (const f of blocksOfKind(c.blocks, 'figure')) if (f.caption.length) numbers.set(f, numbers.size + 1);
  return numbers;
}

/** Every link of the guide in reading order, the website first, each URL once. */
export function collectLinks(doc: DocumentModel): GuideLink[] {
  const seen = new Map<string, GuideLink>();
  const add = (url: string, label: string) => {
    if (!seen.has(url)) seen.set(url, { url, label });
  };
  if (doc.meta.website) add(doc.meta.website, doc.meta.publisher ?? displayUrl(doc.meta.website));
  for (const c of doc.chapters) walkInlines(c.blocks, (inlines) => inlineLinks(inlines, add));
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

/**
 * The links page: every link with its QR code. Placed by `::: links` inside a section it opens a page of
 * that section under a `##`-level title; without the directive it is a section of its own at the end.
 */
function linksFlow(links: GuideLink[], doc: DocumentModel, ctx: FlowContext, level: 1 | 2): Flow[] {
  const { styles, space, colors, links: grid } = ctx.theme;
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const heading = { id: 'zine-links', title: doc.strings.links, level };
  const bar = space.sectionBar;
  const titleBlock: Flow =
    level === 1
      ? (() => {
          const title = stackLines(setText([{ text: doc.strings.links }], styles.sectionLabel, ctx, src), 0, bar.gap);
          return { kind: 'block', height: bar.gap + title.height + space.afterSectionLabel, items: [{ type: 'rect', x: 0, y: 0, w: bar.width, h: bar.height, fill: colors.accent }, ...title.items], spaceBefore: 0, keepWithNext: true, heading, part: 'links' };
        })()
      : (() => {
          const title = stackLines(setText([{ text: doc.strings.links }], styles.h2, ctx, src));
          return { kind: 'block', height: title.height + space.afterH2, items: title.items, spaceBefore: 0, keepWithNext: true, heading, part: 'links' };
        })();
  const flows: Flow[] = [
    { kind: 'break', reason: 'section' },
    titleBlock,
    { kind: 'lines', lines: setText([{ text: doc.strings.linksIntro }], styles.body, ctx, src), spaceBefore: 0, keepWithNext: true, orphans: ORPHANS, widows: WIDOWS },
  ];
  // As many columns as cells of a readable width fit; each cell a QR code with the label and URL beside it.
  const columns = Math.max(1, Math.floor((ctx.width + grid.gutter) / (grid.minCellWidth + grid.gutter)));
  const cellW = (ctx.width - grid.gutter * (columns - 1)) / columns;
  const qr = grid.qrSize;
  const textGap = 8;
  const textW = cellW - qr - textGap;
  const cell = (l: GuideLink, x: number) => {
    const label = setText([{ text: l.label || displayUrl(l.url) }], styles.linkLabel, ctx, src, textW);
    const url = setText([{ text: l.url, link: l.url }], styles.linkUrl, ctx, src, textW);
    const a = stackLines(label, x + qr + textGap, 1);
    const b = stackLines(url, x + qr + textGap, 1 + a.height + 1);
    const modules = qrModules(l.url);
    const items: PageItem[] = [{ type: 'qr', x, y: 0, size: qr, modules, color: colors.ink }, { type: 'link', x, y: 0, w: qr, h: qr, url: l.url }, ...a.items, ...b.items];
    return { items, height: Math.max(qr, 1 + a.height + 1 + b.height) };
  };
  for (let i = 0; i < links.length; i += columns) {
    const cells = links.slice(i, i + columns).map((l, k) => cell(l, k * (cellW + grid.gutter)));
    flows.push({ kind: 'block', height: Math.max(...cells.map((c) => c.height)), items: cells.flatMap((c) => c.items), spaceBefore: i === 0 ? 12 : 10, keepWithNext: false, part: 'links' });
  }
  return flows;
}

/** Contents entries: the page number after a leader; `#` entries in the accent. */
const TOC_NUMBER_WIDTH = 22;
const TOC_INDENT = 12;
const LEADER = { gap: 4, minLength: 6, weight: 0.5 };

function tocFlow(pagination: Pagination, firstBodyIndex: number, doc: DocumentModel, ctx: FlowContext): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const bar = space.sectionBar;
  const title = stackLines(setText([{ text: doc.strings.contents }], styles.sectionLabel, ctx, src), 0, bar.gap);
  const flows: Flow[] = [
    {
      kind: 'block',
      height: bar.gap + title.height + space.afterSectionLabel + 4,
      items: [{ type: 'rect', x: 0, y: 0, w: bar.width, h: bar.height, fill: colors.accent }, ...title.items],
      spaceBefore: 0,
      keepWithNext: true,
    },
  ];
  for (const h of pagination.headings) {
    if (h.level > 2) continue;
    const folio = String(firstBodyIndex + h.page + 1);
    const style: TextStyle = h.level === 1 ? styles.tocSection : styles.tocEntry;
    const indent = h.level === 1 ? 0 : TOC_INDENT;
    const lines = setText([{ text: h.title }], style, ctx, src, ctx.width - indent - TOC_NUMBER_WIDTH - 8, indent);
    const last = lines[lines.length - 1];
    const numWidth = ctx.metrics.width(style.face, folio) * style.size + (style.tracking ?? 0) * folio.length;
    const base = (last.items.find((i) => i.type === 'text') as { y: number } | undefined)?.y ?? style.leading * 0.75;
    last.items.push({ type: 'text', x: ctx.width - numWidth, y: base, text: folio, face: style.face, size: style.size, color: h.level === 1 ? colors.accent : style.color, width: numWidth });
    // A thin leader from the title to its page number.
    const textEnd = Math.max(...last.items.filter((i) => i.type === 'text' && i.text !== folio).map((i) => (i as { x: number; width: number }).x + (i as { width: number }).width));
    const leader = ctx.width - numWidth - LEADER.gap - (textEnd + LEADER.gap);
    if (leader > LEADER.minLength) last.items.push({ type: 'rect', x: textEnd + LEADER.gap, y: base - LEADER.weight * 0.6, w: leader, h: LEADER.weight, fill: colors.rule });
    last.items.push({ type: 'link', x: 0, y: 0, w: ctx.width, h: last.height, url: `#${h.id}` });
    flows.push({ kind: 'lines', lines, spaceBefore: h.level === 1 ? 10 : 2, keepWithNext: h.level === 1, orphans: 1, widows: 1 });
  }
  return flows;
}

/** The folio's accent square, and the rule under the running head. */
const FOLIO_MARK = { size: 4, gap: 4, rise: 5.2 };
const HEAD_RULE = { below: 3, weight: 0.4 };

function pageFurniture(index: number, kind: PageKind, section: string | null, doc: DocumentModel, ctx: FlowContext): PageItem[] {
  const { page, styles, colors } = ctx.theme;
  const box = contentBox(page, index);
  const items: PageItem[] = [];
  const folio = String(index + 1);
  const fs = styles.folio;
  const fw = ctx.metrics.width(fs.face, folio) * fs.size;
  const fx = box.recto ? box.x + box.width - fw : box.x;
  const fy = page.height - page.folioBaseline;
  items.push({ type: 'text', x: fx, y: fy, text: folio, face: fs.face, size: fs.size, color: fs.color, width: fw });
  items.push({ type: 'rect', x: box.recto ? fx - FOLIO_MARK.size - FOLIO_MARK.gap : fx + fw + FOLIO_MARK.gap, y: fy - FOLIO_MARK.rise, w: FOLIO_MARK.size, h: FOLIO_MARK.size, fill: colors.accent });
  if (kind === 'body' || kind === 'links') {
    const head = box.recto ? section ?? doc.meta.title : doc.meta.title;
    const src = { file: `content/${doc.lang}`, line: 1, col: 1 };
    const line = setText([{ text: head }], styles.runningHead, { ...ctx, width: box.width }, src, box.width)[0];
    const w = line.items.reduce((a, i) => Math.max(a, i.x + ('width' in i ? (i as { width: number }).width : 0)), 0);
    const dx = box.recto ? box.x + box.width - w : box.x;
    // Running heads are one line: a title longer than the column is cut, never wrapped over the text.
    items.push(...translate(line.items, dx, page.headBaseline - styles.runningHead.leading * 0.75));
    items.push({ type: 'rect', x: box.x, y: page.headBaseline + HEAD_RULE.below, w: box.width, h: HEAD_RULE.weight, fill: colors.rule });
  }
  return items;
}

/**
 * The contents list page numbers, and the number of contents pages shifts every page after them: lay
 * the contents out with room for n pages until they fit in n (as Typst does). n only grows, and it
 * cannot pass the number of entries, so this converges; contents shorter than the room reserved
 * (numbers that got narrower) keep a blank contents page rather than move the body again.
 */
export function layoutContents(body: Pagination, height: number, toc: (firstBody: number) => Flow[]): { pages: Pagination['pages']; firstBody: number } {
  let reserved = 1;
  for (;;) {
    const laid = paginate(toc(1 + reserved), height);
    if (laid.pages.length <= reserved) {
      const pages = [...laid.pages];
      while (pages.length < reserved) pages.push({ items: [], section: null, parts: new Set() });
      return { pages, firstBody: 1 + reserved };
    }
    reserved = laid.pages.length;
  }
}

/**
 * The whole book: cover, contents, body, links, back cover.
 */
export function layoutBook(input: BookInput): PageModel {
  const { doc, metrics, hyphenate } = input;
  const theme = input.theme ?? defaultTheme();
  const box = contentBox(theme.page, 0);
  const ctx: FlowContext = { metrics, lang: doc.lang, hyphenate, theme, width: box.width, images: input.images, figureLabel: doc.strings.figure, figureNumbers: numberFigures(doc), missing: input.missing ?? new Map() };
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
  const toc = layoutContents(body, box.height, (firstBody) => tocFlow(body, firstBody, doc, ctx));
  const firstBody = toc.firstBody;

  const pages: Page[] = [];
  const warnings: PageModel['warnings'] = [];
  pages.push({ index: 0, kind: 'cover', folio: null, items: coverItems(doc, ctx) });
  for (const p of toc.pages) {
    const index = pages.length;
    const b = contentBox(theme.page, index);
    pages.push({ index, kind: 'contents', folio: index + 1, items: [...translate(p.items, b.x, b.y), ...pageFurniture(index, 'contents', null, doc, ctx)] });
  }
  for (const p of body.pages) {
    const index = pages.length;
    const b = contentBox(theme.page, index);
    const kind: PageKind = p.parts.has('links') ? 'links' : 'body';
    pages.push({ index, kind, folio: index + 1, items: [...translate(p.items, b.x, b.y), ...pageFurniture(index, kind, p.section, doc, ctx)] });
  }
  pages.push({ index: pages.length, kind: 'back', folio: null, items: backItems(doc, ctx) });
  if (!input.missing && ctx.missing?.size) failMissing(ctx.missing);

  const outline: OutlineEntry[] = body.headings
    .filter((h) => h.level <= 2)
    .map((h) => ({ title: h.title, page: firstBody + h.page, y: h.y + box.y, level: h.level - 1, id: h.id }));

  const rules = theme.figures;
  for (const f of body.figures) {
    const info = input.images.get(f.image)!;
    if (!isScreenshot(info)) continue;
    const ptPerCssPx = f.w / (info.width / info.pixelRatio);
    const uiPt = rules.uiTextPx * ptPerCssPx;
    if (uiPt < rules.minUiTextPt) warnings.push({ message: `interface text in ${f.image} prints at about ${uiPt.toFixed(1)} pt (under ${rules.minUiTextPt} pt)`, where: f.source, hint: 'Crop it or give it more width.' });
  }

  return { width: theme.page.width, height: theme.page.height, lang: doc.lang, title: doc.meta.title, subject: doc.meta.subject, pages, outline, warnings };
}
