/**
 * The theme: everything about a zine's look, as a plain value. It is built from `content/zine.yml`
 * (src/4-theme/) and handed to layout; layout reads it, render only draws what layout decided.
 * Sizes are in points (1/72 in).
 */
export const MM = 72 / 25.4;

/**
 * A face is one font file, named by its role: `body` (running text), `headings` (titles, captions,
 * callouts, the page furniture), `display` (cover and section titles), `mono` (code), `arabic` (the
 * Arabic letters of any style: a face of the fallback stacks, never chosen by a style).
 */
export const FACE_IDS = [
  'body',
  'body-bold',
  'body-italic',
  'body-bold-italic',
  'headings',
  'headings-italic',
  'headings-semibold',
  'headings-bold',
  'headings-extrabold',
  'headings-black',
  'display',
  'mono',
  'arabic',
  'arabic-bold',
] as const;
export type FaceId = (typeof FACE_IDS)[number];

/** Faces of a joined script: a style's tracking would cut the joins between letters, so they are never letter-spaced. */
export const JOINED_FACES: ReadonlySet<FaceId> = new Set<FaceId>(['arabic', 'arabic-bold']);

/**
 * Arabic's tall letters and its marks above and below need more room than Latin capitals: in a style
 * set solid for capitals (leading under SOLID times its size: the covers, section titles), a line
 * holding Arabic is JOINED_LEADING times its size high.
 */
export const SOLID = 1.1;
export const JOINED_LEADING = 1.3;

/** The letter-spacing of a style in one of its faces. */
export const trackingOf = (style: { tracking?: number }, face: FaceId) => (JOINED_FACES.has(face) ? 0 : (style.tracking ?? 0));

export interface TextStyle {
  face: FaceId;
  /** Faces for bold, italic and bold italic runs of this style. */
  bold?: FaceId;
  italic?: FaceId;
  boldItalic?: FaceId;
  size: number;
  leading: number;
  color: string;
  tracking?: number;
  uppercase?: boolean;
  align: 'justify' | 'left' | 'center' | 'right';
  hyphenate: boolean;
  /** Colour of link text in running text, so a reader on screen sees what is clickable. */
  linkColor?: string;
}

export type StyleName =
  | 'body'
  | 'calloutText'
  | 'calloutTitle'
  | 'sectionLabel'
  | 'h2'
  | 'h3'
  | 'caption'
  | 'code'
  | 'tableCell'
  | 'tableHead'
  | 'runningHead'
  | 'folio'
  | 'tocSection'
  | 'tocEntry'
  | 'linkLabel'
  | 'linkUrl'
  | 'coverTitle'
  | 'coverSubtitle'
  | 'coverSmall'
  | 'coverEdition'
  | 'backStatement'
  | 'backSlogan';

export interface Colors {
  ink: string;
  accent: string;
  muted: string;
  /** Background of warning callouts (a light shade of the accent), and of the others. */
  tint: string;
  calloutTint: string;
  /** Behind highlighted text (`<mark>`): a tint of the accent, darker than the warnings' so it shows on them. */
  highlight: string;
  rule: string;
  paper: string;
  /** Publisher's name on the back cover, a light gray on the dark ground. */
  backMuted: string;
}

export interface PageGeometry {
  width: number;
  height: number;
  /** Inner is the binding side; a page read on a screen only (phone) has equal inner and outer. */
  margin: { top: number; bottom: number; inner: number; outer: number };
  /** Running head and folio baselines, measured from the page edge. */
  headBaseline: number;
  folioBaseline: number;
  /** The print-shop edition adds this all round; backgrounds that touch the trim extend into it. */
  bleed: number;
}

/** Vertical spaces between blocks, and the indents of lists and quotes. */
export interface Spacing {
  paragraph: number;
  beforeH2: number;
  afterH2: number;
  beforeH3: number;
  afterH3: number;
  afterSectionLabel: number;
  /** The accent bar above a section title, and the gap between it and the title. */
  sectionBar: { width: number; height: number; gap: number };
  /** A section that opens lower on a page (to save a sheet): space above a full-width rule, and below it. */
  sectionOpening: { above: number; rule: number; below: number };
  figure: number;
  captionGap: number;
  listIndent: number;
  listItem: number;
  /** List markers: the square bullet's side, the number's share of the body size. */
  bullet: number;
  calloutPadding: number;
  calloutRule: number;
  calloutGap: number;
  quoteRule: number;
  codeIndent: number;
  /** Space between a table cell's text and its column's edges (padX) and its row's rules (padY). */
  tableCell: { padX: number; padY: number };
}

/** The cover's emblem: vector paths (an SVG of paths) or an image of images/ (through the image stage). */
export type Emblem =
  | { kind: 'paths'; width: number; height: number; paths: { d: string; fill: string | null; evenOdd: boolean; transform?: [number, number, number, number, number, number] }[] }
  | { kind: 'image'; key: string; width: number; height: number };

export interface Theme {
  page: PageGeometry;
  /** Font file of each face, relative to fonts/. */
  faces: Record<FaceId, string>;
  /** A character missing from a face is looked up in these, in order. */
  fallback: Partial<Record<FaceId, FaceId[]>>;
  colors: Colors;
  /**
   * Photocopier editions turn colours to gray by luminance, except these: a red's luminance is a dark
   * gray that would vanish on the black band and back cover, so it prints as a middle gray instead.
   */
  grayOverrides: Record<string, string>;
  styles: Record<StyleName, TextStyle>;
  space: Spacing;
  figures: {
    /**
     * Screenshots are printed so that their interface text (assumed `uiTextPx` CSS px) comes out at
     * `uiTextPt`; they may shrink to keep a page full, never below `minUiTextPt`.
     */
    uiTextPx: number;
    uiTextPt: number;
    minUiTextPt: number;
    /** A photo may shrink this much to stay on its page. */
    photoMinScale: number;
    /** Every figure as wide as the column (the phone edition: nothing to zoom into). */
    fullWidth: boolean;
    /** Narrow figures share a row only if each keeps this width (or its own, if less). */
    minRowWidth: number;
  };
  links: {
    /** QR codes on the links page: phones read one of 15 mm at arm's length. */
    qrSize: number;
    /** Cells narrower than this are not set side by side. */
    minCellWidth: number;
    gutter: number;
  };
  cover: {
    margin: number;
    /** Geometry of the covers, relative to A5 (1 on A5). */
    scale: number;
    emblem: Emblem | null;
  };
  /** Running heads and folios (a phone edition may go without). */
  furniture: boolean;
}
