import { figureKey, type Block, type DocumentModel } from '../model/document.js';
import type { SourcePos } from '../errors.js';
import { blocksOfKind } from '../model/walk.js';
import type { OutlineEntry, Page, PageItem, PageKind, PageModel } from '../model/page.js';
import type { PageGeometry, TextStyle, Theme } from '../model/theme.js';
import type { ImageInfo } from '../5-images/processImage.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { blocksToFlow } from './blocks/index.js';
import { setText, stackLines, type FlowContext } from './text.js';
import { legibilityWarning } from './blocks/figure.js';
import { drawVector, fontWarning } from './vectorFigure.js';
import type { Flow } from './flow.js';
import { translate } from './flow.js';
import type { Metrics } from './metrics.js';
import { paginate, type Pagination } from './paginate.js';
import { failMissing, type MissingChars } from './lineBreak.js';
import { coverItems, backItems, coverWarning } from './covers.js';
import { balanceLinks, collectLinks, linksFlow } from './linksPage.js';
import { defaultTheme } from '../4-theme/design.js';
import { language } from '../3-typography/languages/index.js';
import { mirrorPages } from './mirror.js';

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
    // A title no font can set has no line: its characters are recorded as missing, and the build fails on them.
    if (!lines.length) continue;
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
  // The body's flows, set once; the links page goes where `::: links` stands (or at the end) and may be
  // laid out again to balance its last page.
  const parts: (Flow[] | { links: 1 | 2 })[] = [];
  let linksPlaced = false;
  for (const chapter of doc.chapters) {
    // Blocks go to blocksToFlow together, since a block's keeps depend on the block after it.
    let run: Block[] = [];
    for (const b of [...chapter.blocks, null]) {
      if (b && b.kind !== 'linksIndex') {
        run.push(b);
        continue;
      }
      parts.push(blocksToFlow(run, ctx, 0));
      run = [];
      if (b) {
        parts.push({ links: 2 });
        linksPlaced = true;
      }
    }
  }
  if (!linksPlaced && links.length) parts.push({ links: 1 });
  const body = balanceLinks(ctx, (how) => {
    const flows = parts.flatMap((p) => ('links' in p ? linksFlow(links, doc, ctx, p.links, how) : p));
    // A paragraph kept with what follows is released when a page break follows anyway.
    for (let i = 0; i < flows.length - 1; i++) {
      const f = flows[i];
      if (f.kind === 'lines' && f.keepWithNext && flows[i + 1].kind === 'break') f.keepWithNext = false;
    }
    return paginate(flows, box.height);
  });
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
  // Drawings (SVG figures) were placed as image boxes; now they become their shapes and texts.
  const figureAt = new Map<string, SourcePos>();
  for (const c of doc.chapters) for (const f of blocksOfKind(c.blocks, 'figure')) if (!figureAt.has(figureKey(f.src, f.attrs))) figureAt.set(figureKey(f.src, f.attrs), f.source);
  for (const page of pages) {
    if (!page.items.some((it) => it.type === 'image' && input.images.get(it.image)?.drawing)) continue;
    page.items = page.items.flatMap((it) => {
      const drawing = it.type === 'image' ? input.images.get(it.image)?.drawing : undefined;
      return it.type === 'image' && drawing ? drawVector(it, drawing, { theme, metrics, missing: ctx.missing! }, figureAt.get(it.image)!) : [it];
    });
  }
  if (!input.missing && ctx.missing?.size) failMissing(ctx.missing);

  const outline: OutlineEntry[] = body.headings
    .filter((h) => h.level <= 2)
    .map((h) => ({ title: h.title, page: firstBody + h.page, y: h.y + box.y, level: h.level - 1, id: h.id }));

  const covers = coverWarning(doc);
  if (covers) warnings.push(covers);
  for (const f of body.figures) {
    const info = input.images.get(f.image)!;
    const w = legibilityWarning(f, info, theme.figures);
    if (w) warnings.push(w);
    const fonts = info.drawing && fontWarning(info.drawing, theme, f.image.split('#')[0], f.source);
    if (fonts) warnings.push(fonts);
  }

  const model: PageModel = { width: theme.page.width, height: theme.page.height, lang: doc.lang, title: doc.meta.title, subject: doc.meta.subject, pages, outline, warnings };
  return language(doc.lang).rtl ? mirrorPages(model) : model;
}
