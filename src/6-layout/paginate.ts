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
 * Place the flow on pages of height `height`: headings stay with what follows, paragraphs split only
 * between lines with at least `orphans` lines before and `widows` after the break, figures never
 * split from their captions and shrink (to `minScale`) rather than leave a page half empty.
 * One pass, linear in the number of lines.
 */
export function paginate(flows: Flow[], height: number, startSection: string | null = null): Pagination {
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
      if (!empty()) newPage();
      continue;
    }
    // The chain of keep-with-next items starting here must fit with the start of what follows it.
    let chain = 0;
    let j = i;
    while (j < flows.length && flows[j].kind !== 'break' && (flows[j] as { keepWithNext?: boolean }).keepWithNext) {
      const g = flows[j];
      chain += (j === i || g.kind === 'break' ? 0 : g.spaceBefore) + flowHeight(g);
      j++;
    }
    const after = flows[j]?.kind === 'break' ? undefined : flows[j];
    if (j > i) chain += (after && after.kind !== 'break' ? after.spaceBefore : 0) + minimalStart(after);
    const space = empty() ? 0 : f.spaceBefore;
    if (j > i && !empty() && chain <= height && y + space + chain > height + EPS) newPage();
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
      let room = height - y - (empty() ? 0 : gap);
      let scale = Math.min(1, (room - fixed) / f.imageHeight);
      if (scale < f.minScale && !empty()) {
        newPage();
        room = height;
        scale = Math.min(1, (room - fixed) / f.imageHeight);
      }
      // Taller than a whole page: scale to fit, never overflow.
      scale = Math.max(0.05, Math.min(1, scale));
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
