/**
 * The links page: every link of the guide with its QR code, its address, and a label that says what it
 * is for on its own (the text of a link is often "here", "Android" or the address itself).
 */
import type { SourcePos } from '../errors.js';
import type { DocumentModel, Inline } from '../model/document.js';
import type { PageItem } from '../model/page.js';
import { walkInlines } from '../model/walk.js';
import { ORPHANS, WIDOWS } from './blocks/paragraph.js';
import type { Flow } from './flow.js';
import { adopt, structNode, tagAll } from './structure.js';
import { qrModules, showsUrl } from './links.js';
import type { Pagination } from './paginate.js';
import { plainText, setText, stackLines, type FlowContext } from './text.js';
import { work } from './work.js';

export interface GuideLink {
  url: string;
  /** What the link is for (the link's own words in bold); empty when nothing says more than its address. */
  label: Inline[];
  /** Where the link is written, for what its label may fail on. */
  source: SourcePos;
}

/** A label holds at most this many words of the link's sentence, and characters: three lines or so beside the QR code. */
const LABEL_WORDS = 8;
const LABEL_CHARS = 48;

/** The last (or first) words of a list that fit the label with `own` words, "…" where cut. */
function fit(list: string[], own: string, fromEnd: boolean): string {
  let n = Math.min(list.length, Math.max(0, LABEL_WORDS - words(own).length));
  const take = (k: number) => (fromEnd ? list.slice(list.length - k) : list.slice(0, k)).join(' ');
  while (n > 1 && take(n).length + own.length + 2 > LABEL_CHARS) n--;
  if (n === 0) return '';
  const cut = n < list.length ? '…' : '';
  return fromEnd ? cut + take(n) : take(n) + cut;
}

/**
 * Every link of the guide in reading order, the website first, each URL once (where it first appears).
 * A label is the link's words with the words of its sentence that lead to it: for "Download Signal for
 * [Android](…) or [iOS](…)", "Download Signal for **Android**" and "Download Signal for **iOS**" (the
 * lead-in is what comes before the sentence's first link, so links listed together share it). A link
 * that opens its sentence takes the words after it instead; a link whose words are its own address
 * ("[riot.im](https://riot.im)") is not repeated above the address, and a sentence with nothing else
 * in it gives the nearest heading. At most LABEL_WORDS words and LABEL_CHARS characters, "…" where cut.
 */
export function collectLinks(doc: DocumentModel): GuideLink[] {
  const seen = new Map<string, GuideLink>();
  const add = (l: GuideLink) => {
    if (!seen.has(l.url)) seen.set(l.url, l);
  };
  const { website, publisher } = doc.meta;
  if (website) add({ url: website, label: publisher ? [{ text: publisher, bold: true }] : [], source: { file: doc.chapters[0]?.file ?? `content/${doc.lang}`, line: 1, col: 1 } });
  for (const c of doc.chapters) {
    let heading = '';
    walkInlines(c.blocks, (inlines, block) => {
      if (block.kind === 'heading') heading = plainText(inlines);
      for (const l of linksIn(inlines, heading)) add({ ...l, source: block.source });
    });
  }
  return [...seen.values()];
}

interface Span {
  url: string;
  start: number;
  end: number;
}

/** The links of one block's text: consecutive runs with one URL are one link. */
function linksIn(inlines: Inline[], heading: string): Omit<GuideLink, 'source'>[] {
  let text = '';
  const spans: Span[] = [];
  for (const r of inlines) {
    const last = spans[spans.length - 1];
    if (r.link && last?.url === r.link && last.end === text.length) last.end += r.text.length;
    else if (r.link) spans.push({ url: r.link, start: text.length, end: text.length + r.text.length });
    text += r.text;
  }
  return spans.map((s) => ({ url: s.url, label: labelOf(text, s, spans, heading) }));
}

/** Where sentences end: . ! ? ; … (with closing quotes) before a space, or a line break. */
const SENTENCE_END = /[.!?;…][»”"’)\]]*[\s\u00a0\u202f]+|\n/g;
const words = (s: string) => s.split(/[ \n]+/).filter(Boolean);
/** Punctuation that only joined the label's words to the address (": https://…", "…, comme"). */
const DANGLING = /^[\s\u00a0\u202f:,;–—-]+|[\s\u00a0\u202f:,;.!?–—-]+$/g;

function labelOf(text: string, s: Span, spans: Span[], heading: string): Inline[] {
  const written = text.slice(s.start, s.end).trim();
  const own = showsUrl(written, s.url) ? '' : written;
  // The sentence around the link.
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= s.start) from = end;
    else if (m.index >= s.end) {
      to = m.index;
      break;
    }
  }
  const first = spans.find((o) => o.start >= from && o.start <= s.start)!;
  const lead = fit(words(text.slice(from, first.start)), own, true);
  if (lead) return own ? [{ text: `${lead} ` }, { text: own, bold: true }] : [{ text: lead.replace(DANGLING, '') }];
  // Nothing before it: the words after it, up to the next link of the sentence.
  const next = spans.find((o) => o.start >= s.end && o.start < to)?.start ?? to;
  const after = fit(words(text.slice(s.end, next).replace(DANGLING, '')), own, false);
  if (after) return own ? [{ text: own, bold: true }, { text: ` ${after}` }] : [{ text: after }];
  if (own) return [{ text: own, bold: true }];
  const h = fit(words(heading), '', false);
  return h ? [{ text: h }] : [];
}

/** Vertical space above the first row of cells and between rows; the tighter one fits a last row or two on the page before. */
const FIRST_ROW_GAP = 12;
const ROW_GAP = 10;
const TIGHT_ROW_GAP = 4;
/** Between a QR code and its text. */
const TEXT_GAP = 8;

export interface LinksLayout {
  /** Tighter rows (ROW_GAP becomes TIGHT_ROW_GAP). */
  tight?: boolean;
  /** The row that starts a new page: the entries spread so the last page holds a fair share. */
  breakBeforeRow?: number;
}

/** A cell of the links page: its QR code, label and address, from the top of its row. */
interface Cell {
  items: PageItem[];
  height: number;
}

/**
 * Cells already set, by link and by the x of their column: the links page is laid out again to balance
 * its last page, and once for each `::: links`, with the same cells each time.
 */
export type LinkCells = Map<GuideLink, Map<number, Cell>>;

/**
 * The links page: every link with its QR code. Placed by `::: links` inside a section it opens a page of
 * that section under a `##`-level title; without the directive it is a section of its own at the end.
 */
export function linksFlow(links: GuideLink[], doc: DocumentModel, ctx: FlowContext, level: 1 | 2, how: LinksLayout = {}, cells: LinkCells = new Map()): Flow[] {
  const { styles, space, colors } = ctx.theme;
  const src = { file: `content/${doc.lang}/strings.yml`, line: 1, col: 1 };
  const heading = { id: 'zine-links', title: doc.strings.links, level };
  const bar = space.sectionBar;
  const titleNode = structNode(level === 1 ? 'H1' : 'H2');
  const titleBlock: Flow =
    level === 1
      ? (() => {
          const title = stackLines(setText([{ text: doc.strings.links }], styles.sectionLabel, ctx, src), 0, bar.gap);
          adopt(title.items, titleNode);
          return { kind: 'block', height: bar.gap + title.height + space.afterSectionLabel, items: [{ type: 'rect', x: 0, y: 0, w: bar.width, h: bar.height, fill: colors.accent }, ...title.items], spaceBefore: 0, keepWithNext: true, heading, part: 'links' };
        })()
      : (() => {
          const title = stackLines(setText([{ text: doc.strings.links }], styles.h2, ctx, src));
          adopt(title.items, titleNode);
          return { kind: 'block', height: title.height + space.afterH2, items: title.items, spaceBefore: 0, keepWithNext: true, heading, part: 'links' };
        })();
  const intro = setText([{ text: doc.strings.linksIntro }], styles.body, ctx, src);
  adopt(intro.flatMap((l) => l.items), structNode('P'));
  const flows: Flow[] = [
    // The links page is a page of its own, to keep by the computer or pass on: it never shares one.
    { kind: 'break', reason: 'section' },
    titleBlock,
    { kind: 'lines', lines: intro, spaceBefore: 0, keepWithNext: true, orphans: ORPHANS, widows: WIDOWS },
  ];
  // A list of links: each entry one link, its label, its address and its QR code's box.
  const list = structNode('L');
  const { columns, cellW, gutter, qr } = linksGrid(ctx);
  const textW = cellW - qr - TEXT_GAP;
  const cell = (l: GuideLink, x: number): Cell => {
    let byX = cells.get(l);
    if (!byX) cells.set(l, (byX = new Map()));
    const known = byX.get(x);
    if (known) return known;
    work.linkCells++;
    const label = l.label.length ? setText(l.label, styles.linkLabel, ctx, l.source, textW) : [];
    const url = setText([{ text: l.url, link: l.url }], styles.linkUrl, ctx, src, textW);
    const a = stackLines(label, x + qr + TEXT_GAP, 1);
    const b = stackLines(url, x + qr + TEXT_GAP, 1 + a.height + (label.length ? 1 : 0));
    const items: PageItem[] = [{ type: 'qr', x, y: 0, size: qr, modules: qrModules(l.url), color: colors.ink }, { type: 'link', x, y: 0, w: qr, h: qr, url: l.url }, ...a.items, ...b.items];
    const made = { items, height: Math.max(qr, b.bottom) };
    byX.set(x, made);
    return made;
  };
  for (let i = 0, row = 0; i < links.length; i += columns, row++) {
    if (row > 0 && row === how.breakBeforeRow) flows.push({ kind: 'break', reason: 'explicit' });
    // A cell is set once per book; its marks are tagged anew each time, in this list (structure, tagged PDF).
    const rowCells = links.slice(i, i + columns).map((l, k) => {
      const { items: [qrCode, ...rest], height } = cell(l, k * (cellW + gutter));
      const link = structNode('Link', { parent: structNode('LBody', { parent: structNode('LI', { parent: list }) }) });
      return { items: [qrCode, ...tagAll(rest, link)], height };
    });
    const gap = i === 0 ? FIRST_ROW_GAP : how.tight ? TIGHT_ROW_GAP : ROW_GAP;
    flows.push({ kind: 'block', height: Math.max(...rowCells.map((c) => c.height)), items: rowCells.flatMap((c) => c.items), spaceBefore: gap, keepWithNext: false, part: 'links' });
  }
  return flows;
}

/** As many columns as cells of a readable width fit; each cell a QR code with the label and URL beside it. */
function linksGrid(ctx: FlowContext) {
  const { gutter, minCellWidth, qrSize } = ctx.theme.links;
  const columns = Math.max(1, Math.floor((ctx.width + gutter) / (minCellWidth + gutter)));
  return { columns, cellW: (ctx.width - gutter * (columns - 1)) / columns, gutter, qr: qrSize };
}

/** A last links page with this many entries or fewer is avoided. */
const LONELY_ENTRIES = 2;

/**
 * A last links page holding one or two entries looks like a leftover: lay the rows out tighter if that
 * brings them onto the page before, or else spread the last two pages' rows so the last holds a fair
 * share (QR codes never shrink). `lay` paginates the book with the links laid out as asked.
 */
export function balanceLinks(ctx: FlowContext, lay: (how: LinksLayout) => Pagination): Pagination {
  const entries = (p: Pagination) => p.pages.filter((pg) => pg.parts.has('links')).map((pg) => pg.items.filter((i) => i.type === 'qr').length);
  const lonely = (n: number[]) => n.length > 1 && n[n.length - 1] <= LONELY_ENTRIES;
  const first = lay({});
  if (!lonely(entries(first))) return first;
  // Tighter rows, when they save the page; then, if the last page is still lonely, spread the rows.
  let how: LinksLayout = { tight: true };
  let best = lay(how);
  if (entries(best).length >= entries(first).length) [how, best] = [{}, first];
  const perPage = entries(best);
  if (!lonely(perPage)) return best;
  const { columns } = linksGrid(ctx);
  const rows = perPage.map((n) => Math.ceil(n / columns));
  const total = rows.reduce((a, b) => a + b, 0);
  const share = Math.floor((rows[rows.length - 2] + rows[rows.length - 1]) / 2);
  if (share <= rows[rows.length - 1]) return best;
  const spread = lay({ ...how, breakBeforeRow: total - share });
  return spread.pages.length <= best.pages.length ? spread : best;
}
