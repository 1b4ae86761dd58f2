import { figureKey, type Block, type DocumentModel } from '../model/document.js';
import { blocksOfKind } from '../model/walk.js';
import type { OutlineEntry, Page, PageItem, PageKind, PageModel } from '../model/page.js';
import type { PageGeometry, TextStyle, Theme } from '../model/theme.js';
import type { ImageInfo } from '../5-images/processImage.js';
import type { Hyphenator } from '../3-typography/hyphenate.js';
import { fail, type SourcePos } from '../errors.js';
import { blocksToFlow } from './blocks/index.js';
import { numberText, setText, stackLines, type FlowContext } from './text.js';
import { legibilityWarning } from './blocks/figure.js';
import { drawVector, fontWarning } from './vectorFigure.js';
import type { Flow, FlowLine } from './flow.js';
import { adopt, structNode } from './structure.js';
import { translate } from './flow.js';
import type { Metrics } from './metrics.js';
import { paginate, type Levers, type Pagination } from './paginate.js';
import { failMissing, type MissingChars } from './lineBreak.js';
import { coverItems, backItems, coverWarning } from './covers.js';
import { balanceLinks, collectLinks, linksFlow, type LinkCells, type LinksLayout } from './linksPage.js';
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
  /**
   * What the pagination aims at: the fewest sheets of a booklet (the default), at most `pages` pages
   * (`pages:` in zine.yml, said where it is written), or pages without holes where sheets do not matter
   * (the phone).
   */
  fit?: Fit;
}

export type Fit = 'sheets' | 'even' | { pages: number; where: SourcePos };

/**
 * The levers, relaxed in this order until the book takes as few sheets as it can or meets its page count:
 * today's rules; short sections share a page; figures a little smaller; figures that do not fit go after
 * the next paragraph; at last any section that fits opens lower on a page, figures go down to their
 * legibility limit and the contents are tighter. The first layout that reaches the goal is taken: it is
 * the least relaxed, so the most evenly spread, of those that do.
 */
const LEVERS: Levers[] = [
  {},
  { shareSections: 1 / 3 },
  { shareSections: 1 / 3, figureScale: 0.85 },
  { shareSections: 1 / 3, figureScale: 0.85, floatFigures: true },
  { shareSections: 0, figureScale: 0, floatFigures: true, tightContents: true },
];
/** Where sheets do not matter (the phone): short sections share a page rather than leave it near empty. */
const EVEN = LEVERS[1];
/** A booklet's pages are printed four to a sheet. */
const PAGES_PER_SHEET = 4;
const SPREAD_PASSES = 3;

/** A section that opened lower on a page, and the share of a page it would leave empty on a page of its own. */
interface Shared {
  id: string;
  freed: number;
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
/** Space above a section's entry and a title's, and the same set tighter (a lever to save a sheet). */
const TOC_SPACE = { section: 10, entry: 2 };
const TOC_TIGHT = { section: 6, entry: 1 };

/**
 * Contents entries' titles (by heading id) and page numbers' widths, set once a book: the layout passes
 * only move them.
 */
interface TocCache {
  titles: Map<string, FlowLine[]>;
  numberWidths: Map<string, number>;
}

function tocFlow(pagination: Pagination, firstBodyIndex: number, doc: DocumentModel, ctx: FlowContext, cache: TocCache, tight = false): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const bar = space.sectionBar;
  const title = stackLines(setText([{ text: doc.strings.contents }], styles.sectionLabel, ctx, src), 0, bar.gap);
  adopt(title.items, structNode('H1'));
  // TOC: an entry per heading, each a link to its page.
  const toc = structNode('TOC');
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
    const style: TextStyle = h.level === 1 ? styles.tocSection : styles.tocEntry;
    const { text: folio, face: folioFace } = numberText(firstBodyIndex + h.page + 1, style.face, ctx);
    const indent = h.level === 1 ? 0 : TOC_INDENT;
    const set = cache.titles.get(h.id) ?? setText([{ text: h.title }], style, ctx, src, ctx.width - indent - TOC_NUMBER_WIDTH - 8, indent);
    cache.titles.set(h.id, set);
    // Copies: each pass tags its own marks (adopt sets them), the cached title stays untouched.
    const lines = set.map((l) => ({ ...l, items: l.items.map((it) => ({ ...it })) }));
    // A title no font can set has no line: its characters are recorded as missing, and the build fails on them.
    if (!lines.length) continue;
    const last = lines[lines.length - 1];
    const numKey = `${h.level} ${folio}`;
    const numWidth = cache.numberWidths.get(numKey) ?? ctx.metrics.width(folioFace, folio) * style.size + (style.tracking ?? 0) * folio.length;
    cache.numberWidths.set(numKey, numWidth);
    const base = (last.items.find((i) => i.type === 'text') as { y: number } | undefined)?.y ?? style.leading * 0.75;
    last.items.push({ type: 'text', x: ctx.width - numWidth, y: base, text: folio, face: folioFace, size: style.size, color: h.level === 1 ? colors.accent : style.color, width: numWidth });
    // A thin leader from the title to its page number.
    const textEnd = Math.max(...last.items.filter((i) => i.type === 'text' && i.text !== folio).map((i) => (i as { x: number; width: number }).x + (i as { width: number }).width));
    const leader = ctx.width - numWidth - LEADER.gap - (textEnd + LEADER.gap);
    if (leader > LEADER.minLength) last.items.push({ type: 'rect', x: textEnd + LEADER.gap, y: base - LEADER.weight * 0.6, w: leader, h: LEADER.weight, fill: colors.rule });
    const link = structNode('Link', { parent: structNode('TOCI', { parent: toc }) });
    last.items.push({ type: 'link', x: 0, y: 0, w: ctx.width, h: last.height, url: `#${h.id}`, tag: link });
    adopt(lines.flatMap((l) => l.items), link);
    const spaceBefore = h.level === 1 ? (tight ? TOC_TIGHT.section : TOC_SPACE.section) : tight ? TOC_TIGHT.entry : TOC_SPACE.entry;
    flows.push({ kind: 'lines', lines, spaceBefore, keepWithNext: h.level === 1, orphans: 1, widows: 1 });
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
  const fs = styles.folio;
  const { text: folio, face: folioFace } = numberText(index + 1, fs.face, ctx);
  const fw = ctx.metrics.width(folioFace, folio) * fs.size;
  const fx = box.recto ? box.x + box.width - fw : box.x;
  const fy = page.height - page.folioBaseline;
  items.push({ type: 'text', x: fx, y: fy, text: folio, face: folioFace, size: fs.size, color: fs.color, width: fw });
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
 * Lay the book out with the levers relaxed one after the other (at most LEVERS.length passes, whatever
 * its length) until it meets its goal: as few sheets as the tightest layout takes, or `pages:`.
 */
function fitBook<L extends { count: number; shared: Shared[] }>(lay: (levers: Levers) => L, fit: Fit): L {
  if (fit === 'even') return lay(EVEN);
  const first = lay(LEVERS[0]);
  if (fit !== 'sheets' && first.count <= fit.pages) return first;
  // With every lever relaxed, the fewest pages: the goal, to the sheet, without `pages:`.
  const tightest = lay(LEVERS[LEVERS.length - 1]);
  const goal = fit === 'sheets' ? Math.ceil(tightest.count / PAGES_PER_SHEET) * PAGES_PER_SHEET : fit.pages;
  if (tightest.count > goal) {
    const over = tightest.count - goal;
    fail(
      `the guide needs ${tightest.count} pages, ${over} more than pages: ${goal} allows`,
      (fit as { where: SourcePos }).where,
      `Shorten the guide by ${over} page${over > 1 ? 's' : ''} (text, figures, crops), or ask for pages: ${Math.ceil(tightest.count / PAGES_PER_SHEET) * PAGES_PER_SHEET} (every page counts, covers included).`,
    );
  }
  if (first.count <= goal) return first;
  for (const levers of LEVERS.slice(1)) {
    const laid = levers === LEVERS[LEVERS.length - 1] ? tightest : lay(levers);
    if (laid.count <= goal) return spread(laid, levers, goal, lay);
  }
  return tightest;
}

/**
 * Pages short of the goal would be blank pages in the booklet: give them to sections that opened lower
 * on a page (the lowest first, each a new page, leaving the rest of the page it opened on), as many as
 * leave the missing pages free, then twice and three times as many if the book took some of them back,
 * while it stays within its goal. At most 3 more passes.
 */
function spread<L extends { count: number; shared: Shared[] }>(laid: L, levers: Levers, goal: number, lay: (levers: Levers) => L): L {
  let best = laid;
  const missing = goal - laid.count;
  for (let pass = 1; pass <= SPREAD_PASSES && best.count < goal; pass++) {
    let freed = 0;
    const own = new Set<string>();
    for (const s of laid.shared) {
      if (freed >= missing * pass) break;
      own.add(s.id);
      freed += s.freed;
    }
    const more = lay({ ...levers, ownPage: own });
    if (more.count > goal) break;
    if (more.count > best.count) best = more;
    if (own.size === laid.shared.length) break;
  }
  return best;
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
  const tocCache: TocCache = { titles: new Map(), numberWidths: new Map() };
  // The links page's flows for each way of setting it (a QR code is costly to make), for every pass.
  const linksFlows = new Map<string, Flow[]>();
  // Its cells (QR code, label, address) are set once for all ways (linksPage.ts).
  const cells: LinkCells = new Map();
  const linksFor = (level: 1 | 2, how: LinksLayout) => {
    const key = JSON.stringify([level, how]);
    if (!linksFlows.has(key)) linksFlows.set(key, linksFlow(links, doc, ctx, level, how, cells));
    return linksFlows.get(key)!;
  };
  const lay = (levers: Levers) => {
    const body = balanceLinks(ctx, (how) => {
      const flows = parts.flatMap((p) => ('links' in p ? linksFor(p.links, how) : p));
      // A paragraph kept with what follows is released when a page break follows anyway.
      for (let i = 0; i < flows.length - 1; i++) {
        const f = flows[i];
        if (f.kind === 'lines' && f.keepWithNext && flows[i + 1].kind === 'break') f.keepWithNext = false;
      }
      return paginate(flows, box.height, null, levers);
    });
    const toc = layoutContents(body, box.height, (firstBody) => tocFlow(body, firstBody, doc, ctx, tocCache, levers.tightContents));
    // Sections opened lower on a page, the lowest first: the first to get their page back when there is room.
    const shared: Shared[] = body.headings
      .filter((h) => h.level === 1 && h.y > 0)
      .sort((a, b) => b.y - a.y)
      .map((h) => ({ id: h.id, freed: (box.height - h.y) / box.height }));
    // Cover and back cover count: the imposition prints every page of the book.
    return { body, toc, shared, count: 2 + toc.pages.length + body.pages.length };
  };
  const { body, toc } = fitBook(lay, input.fit ?? 'sheets');
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
