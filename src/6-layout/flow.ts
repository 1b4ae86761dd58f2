import type { SourcePos } from '../errors.js';
import type { PageItem, StructNode } from '../model/page.js';

/** Where a heading landed; the table of contents, outline and running heads read these. */
export interface HeadingMark {
  id: string;
  title: string;
  level: number;
}

/** One line of text ready to place: items relative to the line's top-left corner. */
export interface FlowLine {
  height: number;
  items: PageItem[];
}

/**
 * Measured items in, placed items out (as react-pdf's paginator): the flow is a list of blocks the
 * paginator may split between lines (`lines`, a table's rows too: its header row is set again at the
 * top of each page it continues on), may not split (`block`), may shrink a little (`figure`), or that
 * force a new page (`break`).
 */
export type Flow =
  | {
      kind: 'lines';
      lines: FlowLine[];
      spaceBefore: number;
      keepWithNext: boolean;
      /** Fewest lines left at a page foot / carried to the next page top. */
      orphans: number;
      widows: number;
      /** Lines set again at the top of each further page the flow runs on (a table's header row). */
      repeat?: FlowLine[];
    }
  | {
      kind: 'block';
      height: number;
      items: PageItem[];
      spaceBefore: number;
      keepWithNext: boolean;
      heading?: HeadingMark;
      /** What the block belongs to (the links page), so the pages holding it can be told apart. */
      part?: 'links';
      /** A separator: printed between two blocks of a page, left out at a page top (the page break separates). */
      betweenOnly?: boolean;
      /** The images of a row of figures, for the legibility check (as a figure's `label`). */
      figures?: { image: string; w: number; h: number; column: number; share: number; source: SourcePos }[];
    }
  | {
      kind: 'figure';
      /** Natural image box in points, and the caption below it (fixed, never scaled). */
      imageWidth: number;
      imageHeight: number;
      image: string;
      /** The column the figure is centred in, and where its caption starts. */
      columnX: number;
      columnWidth: number;
      captionX: number;
      caption: FlowLine[];
      captionGap: number;
      /** Smallest scale accepted to keep the figure on the current page. */
      minScale: number;
      spaceBefore: number;
      keepWithNext: false;
      /** Where the figure is written, and the share of the column it may take (`width=`): to warn about illegible interface text. */
      source: SourcePos;
      share: number;
      /** The image's structure element (a Figure with its alt text); none for a decorative image. */
      tag?: StructNode;
    }
  | {
      kind: 'break';
      reason: 'section' | 'explicit';
      /** What opens the section instead when the paginator lets it start lower on a page (a rule). */
      opening?: { height: number; items: PageItem[] };
    };

export function flowHeight(f: Flow): number {
  switch (f.kind) {
    case 'lines':
      return f.lines.reduce((a, l) => a + l.height, 0);
    case 'block':
      return f.height;
    case 'figure':
      return f.imageHeight + f.captionGap + f.caption.reduce((a, l) => a + l.height, 0);
    case 'break':
      return 0;
  }
}

export function translate(items: PageItem[], dx: number, dy: number): PageItem[] {
  return items.map((it) => ({ ...it, x: it.x + dx, y: it.y + dy }));
}
