import type { SourcePos } from '../errors.js';
import type { FaceId } from './theme.js';

/**
 * The page model: every mark on every page, with its position decided. Coordinates are points from
 * the top-left corner of the trimmed page; text `y` is the baseline. Render draws exactly this.
 */

/** Structure roles of a tagged PDF (ISO 32000-1, 14.8.4), those our blocks map to. */
export type StructRole =
  | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'BlockQuote' | 'Code' | 'Table' | 'TR' | 'TH' | 'TD'
  | 'Note' | 'Figure' | 'Caption' | 'Link' | 'TOC' | 'TOCI' | 'Div' | 'Span';

/**
 * The structure element a mark belongs to, for readers that speak or reflow the page (tagged PDF).
 * Items share the node of their element, so a paragraph split over two pages stays one element; the
 * parent chain says where it sits (a list item's body in its list). Elements come in the order their
 * first mark is drawn; a node without parent sits in the document. An item without a node is an
 * artifact (running heads, folios, rules, QR codes, decoration): out of the reading order.
 */
export interface StructNode {
  role: StructRole;
  parent?: StructNode;
  /** What a figure shows, said in its place (Markdown's alt text). */
  alt?: string;
  /** The text a drawn mark stands for (a bullet, a task's box). */
  actual?: string;
  /** A header cell heads its column. */
  scope?: 'Column';
  /** Written in another language than the document's. */
  lang?: string;
}

/** What every item may carry: its structure element (none: an artifact). */
interface Tagged {
  tag?: StructNode;
}

export interface TextItem extends Tagged {
  type: 'text';
  x: number;
  y: number;
  text: string;
  face: FaceId;
  size: number;
  color: string;
  /** Measured width, so checks and link boxes need no font. */
  width: number;
  tracking?: number;
  /** Extra space added to each inter-word space (justification). */
  wordSpacing?: number;
  /**
   * A word space follows this text (the next fragment, or the next line): drawn as an invisible glyph
   * after it, so that text read without positions (the structure tree, a screen reader) has its spaces.
   */
  spaceAfter?: true;
  /** The hyphen added where a word is broken: an artifact, not part of the text read (ses-sions reads "sessions"). */
  hyphen?: true;
  /** Text drawn other than it reads (brackets mirrored in right-to-left text): the text to copy and search (render writes it in the face's mirrored variant). */
  actual?: string;
}

export interface RectItem extends Tagged {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
  /** Backgrounds that touch the trim are extended into the bleed by the press edition. */
  bleeds?: boolean;
}

export interface ImageItem extends Tagged {
  type: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Key into the rendered images table (the processed image for this figure). */
  image: string;
}

export interface LinkItem extends Tagged {
  type: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  url: string;
}

/** A QR code as its module matrix; drawn as vector squares so it stays sharp at any size. */
export interface QrItem extends Tagged {
  type: 'qr';
  x: number;
  y: number;
  size: number;
  modules: boolean[][];
  color: string;
}

/**
 * A vector shape in SVG path syntax, drawn at (x, y) and scaled: the cover's emblem, check boxes, the
 * shapes of an SVG figure (which add their own transform, strokes and opacity, clipped to the figure).
 */
export interface PathItem extends Tagged {
  type: 'path';
  x: number;
  y: number;
  scale: number;
  d: string;
  /** Width of the shape on the page, where it has no clip: a right-to-left page places it mirrored. */
  span?: number;
  /** Null: not filled (a stroke only). */
  fill: string | null;
  /** Even-odd filling, so inner shapes (a keyhole) cut holes. */
  evenOdd?: boolean;
  /** Applied after (x, y) and scale: [a, b, c, d, e, f] as in SVG. */
  transform?: [number, number, number, number, number, number];
  stroke?: { color: string; width: number; cap: 'butt' | 'round' | 'square'; join: 'miter' | 'round' | 'bevel'; opacity: number };
  fillOpacity?: number;
  /** The figure's box: nothing of the shape is drawn outside it. */
  clip?: { x: number; y: number; w: number; h: number };
}

export type PageItem = TextItem | RectItem | ImageItem | LinkItem | QrItem | PathItem;

export type PageKind = 'cover' | 'contents' | 'body' | 'links' | 'back';

export interface Page {
  /** 0-based physical index; the folio printed is index + 1. */
  index: number;
  kind: PageKind;
  folio: number | null;
  items: PageItem[];
}

export interface OutlineEntry {
  title: string;
  page: number; // physical index
  y: number;
  level: number;
  /** Named destination, the target of the contents' links (`#id`). */
  id: string;
}

/**
 * The print shop's sheet around each page: the trimmed page sits `offset` in from the sheet's edges,
 * with `bleed` of background beyond the trim, and crop marks (segments x1, y1, x2, y2 in sheet points).
 */
export interface PressSheet {
  offset: number;
  bleed: number;
  marks: [number, number, number, number][];
  markWeight: number;
}

/** Something layout found worth a word (an illegible screenshot, a cover without its closing statement). */
export interface Warning {
  message: string;
  where: SourcePos;
  hint?: string;
}

export interface PageModel {
  width: number;
  height: number;
  lang: string;
  title: string;
  subject?: string;
  pages: Page[];
  outline: OutlineEntry[];
  /** Set for the press edition (see layout/press.ts). */
  press?: PressSheet;
  /** What the reader should hear about the layout (a screenshot printed too small), at its place in the content. */
  warnings: Warning[];
}
