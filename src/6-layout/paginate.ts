import type { SourcePos } from '../errors.js';
import type { PageItem } from '../model/page.js';
import { flowHeight, translate, type Flow, type FlowLine, type HeadingMark } from './flow.js';
import { untagged } from './structure.js';

export interface PlacedHeading extends HeadingMark {
  page: number; // index in the paginated run
  y: number;
}

export interface PaginatedPage {
  items: PageItem[];
  /** Headings that start on this page, and the section running at its top. */
  section: string | null;
  /** Parts of the book with a block on this page (the links page). */
  parts: Set<'links'>;
}

export interface Pagination {
  pages: PaginatedPage[];
  headings: PlacedHeading[];
  figures: PlacedFigure[];
}

/** A figure as printed: its box, the scale it took to fit its page, its column and asked share. */
export interface PlacedFigure {
  image: string;
  page: number;
  w: number;
  h: number;
  scale: number;
  column: number;
  share: number;
  source: SourcePos;
}

/** Heights are sums of floating-point numbers: a line that fits to within this (points) fits. */
const EPS = 0.01;

/** The height an item needs at the bottom of a page so that it does not end up stranded there. */
function minimalStart(f: Flow | undefined): number {
  if (!f) return 0;
  switch (f.kind) {
    case 'lines': {
      const n = f.lines.length;
      // Two lines if the rest can stand as a widow-free block, else the whole paragraph.
      const take = n <= f.orphans + f.widows - 1 ? n : f.orphans;
      return f.lines.slice(0, take).reduce((a, l) => a + l.height, 0);
    }
    case 'block':
      return f.height;
    case 'figure':
      return flowHeight(f) - f.imageHeight * (1 - f.minScale);
    case 'break':
      return 0;
  }
}

/**
 * The levers the book relaxes, in a fixed order, to save a sheet (see layoutBook); none: every section
 * on a new page, every figure at its natural size unless its page needs it smaller.
 */
export interface Levers {
  /**
   * A section opens on the page under way, after its opening rule, when at least this share of the page
   * is left (and its heading with the start of what follows fits); 0: whenever that fits.
   */
  shareSections?: number;
  /** Every figure set at this share of its natural size, never under its legibility limit (its `minScale`). */
  figureScale?: number;
  /**
   * A figure that does not fit the rest of its page goes after the paragraphs that follow it (which fill
   * the page), never past a heading or out of its section, unless the paragraph before announces it.
   */
  floatFigures?: boolean;
  /** The contents set with less space between entries. */
  tightContents?: boolean;
  /** Sections (heading ids) that start a new page all the same: the book spreads its pages with them. */
  ownPage?: Set<string>;
}

/**
 * The height of the chain of keep-with-next items starting at `i` with the start of what follows it,
 * which must fit on one page together; 0 when the item at `i` is not kept with the next.
 */
function keepChain(flows: Flow[], i: number): number {
  let chain = 0;
  let j = i;
  while (j < flows.length && flows[j].kind !== 'break' && (flows[j] as { keepWithNext?: boolean }).keepWithNext) {
    const g = flows[j];
    chain += (j === i || g.kind === 'break' ? 0 : g.spaceBefore) + flowHeight(g);
    j++;
  }
  const after = flows[j]?.kind === 'break' ? undefined : flows[j];
  if (j > i) chain += (after && after.kind !== 'break' ? after.spaceBefore : 0) + minimalStart(after);
  return chain;
}

/**
 * Place the flow on pages of height `height`: headings stay with what follows, paragraphs split only
 * between lines with at least `orphans` lines before and `widows` after the break, figures never
 * split from their captions and shrink (to `minScale`) rather than leave a page half empty.
 * With `levers`, sections may open lower on a page and figures be set smaller. One pass, linear in the
 * number of lines.
 */
export function paginate(input: Flow[], height: number, startSection: string | null = null, levers: Levers = {}): Pagination {
  // Floating figures swap places with the paragraph after them, on a copy.
  const flows = levers.floatFigures ? [...input] : input;
  const pages: PaginatedPage[] = [];
  const headings: PlacedHeading[] = [];
  const figures: Pagination['figures'] = [];
  let section = startSection;
  let page: PaginatedPage = { items: [], section, parts: new Set() };
  let y = 0;
  const newPage = () => {
    pages.push(page);
    page = { items: [], section, parts: new Set() };
    y = 0;
  };
  const empty = () => page.items.length === 0;
  const placeLines = (lines: FlowLine[], repeated = false) => {
    for (const l of lines) {
      // Set again, a table's header row is an artifact: a reader hears it once.
      page.items.push(...translate(repeated ? untagged(l.items) : l.items, 0, y));
      y += l.height;
    }
  };

  for (let i = 0; i < flows.length; i++) {
    const f = flows[i];
    if (f.kind === 'break') {
      if (empty()) continue;
      const share = levers.shareSections;
      const opening = f.opening;
      const room = height - y;
      const next = flows[i + 1];
      const own = next?.kind === 'block' && next.heading !== undefined && levers.ownPage?.has(next.heading.id);
      if (f.reason === 'section' && opening && share !== undefined && !own && room >= share * height && opening.height + keepChain(flows, i + 1) <= room + EPS) {
        page.items.push(...translate(opening.items, 0, y));
        y += opening.height;
      } else newPage();
      continue;
    }
    // The chain of keep-with-next items starting here must fit with the start of what follows it.
    const chain = keepChain(flows, i);
    const space = empty() ? 0 : f.spaceBefore;
    if (chain > 0 && !empty() && chain <= height && y + space + chain > height + EPS) newPage();
    const gap = empty() ? 0 : f.spaceBefore;

    if (f.kind === 'block') {
      if (!empty() && y + gap + f.height > height + EPS) newPage();
      if (f.betweenOnly && empty()) continue;
      const g = empty() ? 0 : gap;
      page.items.push(...translate(f.items, 0, y + g));
      if (f.part) page.parts.add(f.part);
      for (const fig of f.figures ?? []) figures.push({ ...fig, page: pages.length, scale: 1 });
      if (f.heading) {
        if (f.heading.level === 1) {
          section = f.heading.title;
          if (y === 0) page.section = section;
        }
        headings.push({ ...f.heading, page: pages.length, y: y + g });
      }
      y += g + f.height;
    } else if (f.kind === 'figure') {
      const fixed = f.captionGap + f.caption.reduce((a, l) => a + l.height, 0);
      // The largest scale the levers allow: within the legibility limit.
      const largest = Math.max(f.minScale, Math.min(1, levers.figureScale ?? 1));
      let room = height - y - (empty() ? 0 : gap);
      let scale = Math.min(largest, (room - fixed) / f.imageHeight);
      if (scale < f.minScale && !empty()) {
        const next = flows[i + 1];
        const announced = (flows[i - 1] as { keepWithNext?: boolean } | undefined)?.keepWithNext;
        if (levers.floatFigures && !announced && next?.kind === 'lines' && !next.keepWithNext && !next.repeat) {
          flows[i] = next;
          flows[i + 1] = f;
          i--;
          continue;
        }
        newPage();
        room = height;
        scale = Math.min(largest, (room - fixed) / f.imageHeight);
      }
      // Taller than a whole page: scale to fit, never overflow.
      scale = Math.max(0.05, Math.min(largest, scale));
      const g = empty() ? 0 : gap;
      const w = f.imageWidth * scale;
      const h = f.imageHeight * scale;
      const x = f.columnX + (f.columnWidth - w) / 2;
      page.items.push({ type: 'image', x, y: y + g, w, h, image: f.image, ...(f.tag ? { tag: f.tag } : {}) });
      y += g + h + f.captionGap;
      const capX = Math.min(x, f.captionX);
      for (const l of f.caption) {
        page.items.push(...translate(l.items, capX, y));
        y += l.height;
      }
      figures.push({ image: f.image, page: pages.length, w, h, scale, column: f.columnWidth, share: f.share, source: f.source });
    } else {
      // Lines: split between lines, honouring orphans and widows.
      let lines = f.lines;
      let g = empty() ? 0 : gap;
      // The page holds nothing but the lines repeated at its top: it must take a line of its own.
      let onlyRepeated = false;
      while (lines.length) {
        const fit = countFit(lines, height - y - g);
        if (fit >= lines.length) {
          y += g;
          placeLines(lines);
          break;
        }
        let take = fit;
        if (lines.length - take < f.widows) take = lines.length - f.widows;
        if (take < f.orphans || (f.keepWithNext && !empty())) take = 0;
        if (take === 0 && (empty() || onlyRepeated)) take = Math.max(1, fit); // a page must take something
        if (take > 0) {
          y += g;
          placeLines(lines.slice(0, take));
          lines = lines.slice(take);
        }
        newPage();
        g = 0;
        onlyRepeated = false;
        // A table that goes on: its header row first (not when it moved whole to this page: it has it).
        if (f.repeat && lines !== f.lines) {
          placeLines(f.repeat, true);
          onlyRepeated = true;
        }
      }
    }
  }
  if (!empty() || pages.length === 0) pages.push(page);
  return { pages, headings, figures };
}

function countFit(lines: FlowLine[], room: number): number {
  let n = 0;
  let h = 0;
  for (const l of lines) {
    if (h + l.height > room + EPS) break;
    h += l.height;
    n++;
  }
  return n;
}
