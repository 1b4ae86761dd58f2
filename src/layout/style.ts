/**
 * The zine's design in one place: page geometry, faces, the type scale and colours. Layout reads it;
 * render only draws what layout decided.
 */
export const MM = 72 / 25.4;

/** A face is one font file; a stack is the faces tried in order for each character (fallbacks). */
export const FACES = {
  serif: 'noto-serif/NotoSerif-Regular.ttf',
  'serif-italic': 'noto-serif/NotoSerif-Italic.ttf',
  'serif-bold': 'noto-serif/NotoSerif-Bold.ttf',
  'serif-bold-italic': 'noto-serif/NotoSerif-BoldItalic.ttf',
  sans: 'inter/Inter-Regular.otf',
  'sans-italic': 'inter/Inter-Italic.otf',
  'sans-semibold': 'inter/Inter-SemiBold.otf',
  'sans-bold': 'inter/Inter-Bold.otf',
  'sans-extrabold': 'inter/Inter-ExtraBold.otf',
  'sans-black': 'inter/Inter-Black.otf',
  display: 'bebas-neue/BebasNeue-Bold.otf',
  mono: 'dejavu-mono/DejaVuSansMono.ttf',
} as const;
export type FaceId = keyof typeof FACES;

/** Fallbacks: a character missing from the first face is looked up in the next ones. */
export const FALLBACK: Partial<Record<FaceId, FaceId[]>> = {
  serif: ['sans'],
  'serif-italic': ['sans-italic', 'sans'],
  'serif-bold': ['sans-bold'],
  'serif-bold-italic': ['sans-bold'],
  display: ['sans-black'],
  mono: ['sans'],
};

export const COLORS = {
  ink: '#161616',
  accent: '#d4211b', // one accent colour: a red for the Secours Rouge
  muted: '#5b5b5b',
  tint: '#fbebe8',
  rule: '#d9d9d9',
  paper: '#ffffff',
} as const;

/**
 * Photocopier editions turn colours to gray by luminance, except these: the red's luminance is a dark
 * gray that would vanish on the black band and back cover, so it prints as a middle gray instead.
 */
export const GRAY_OVERRIDES: Record<string, string> = {
  [COLORS.accent]: '#8c8c8c',
};

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
  align: 'justify' | 'left' | 'center';
  hyphenate: boolean;
  /** Colour of link text in running text, so a reader on screen sees what is clickable. */
  linkColor?: string;
}

const body: TextStyle = {
  face: 'serif',
  bold: 'serif-bold',
  italic: 'serif-italic',
  boldItalic: 'serif-bold-italic',
  size: 9.6,
  leading: 13.6,
  color: COLORS.ink,
  align: 'justify',
  hyphenate: true,
  linkColor: COLORS.accent,
};

export const STYLES = {
  body,
  listItem: body,
  calloutText: { ...body, face: 'sans', bold: 'sans-bold', italic: 'sans-italic', boldItalic: 'sans-bold', size: 8.6, leading: 12.4, align: 'left' },
  sectionLabel: { face: 'display', size: 30, leading: 30, color: COLORS.accent, align: 'left', hyphenate: false, uppercase: true, tracking: 0.4 },
  h2: { face: 'sans-black', size: 13.5, leading: 16, color: COLORS.ink, align: 'left', hyphenate: false, uppercase: true, tracking: 0.1 },
  h3: { face: 'sans-extrabold', size: 10.5, leading: 13.5, color: COLORS.ink, align: 'left', hyphenate: false },
  caption: { face: 'sans', bold: 'sans-bold', italic: 'sans-italic', boldItalic: 'sans-bold', size: 7.4, leading: 9.8, color: COLORS.muted, align: 'left', hyphenate: true },
  code: { face: 'mono', size: 8, leading: 11, color: COLORS.ink, align: 'left', hyphenate: false },
  runningHead: { face: 'sans-bold', size: 6.6, leading: 8, color: COLORS.muted, align: 'left', hyphenate: false, uppercase: true, tracking: 0.8 },
  folio: { face: 'sans-bold', size: 8, leading: 10, color: COLORS.ink, align: 'left', hyphenate: false },
  tocSection: { face: 'sans-black', size: 10.5, leading: 14, color: COLORS.ink, align: 'left', hyphenate: false, uppercase: true, tracking: 0.2 },
  tocEntry: { face: 'serif', bold: 'serif-bold', italic: 'serif-italic', boldItalic: 'serif-bold-italic', size: 9.2, leading: 12.5, color: COLORS.ink, align: 'left', hyphenate: false },
  linkLabel: { face: 'sans-bold', size: 8.6, leading: 11, color: COLORS.ink, align: 'left', hyphenate: false },
  linkUrl: { face: 'sans', size: 7.6, leading: 10, color: COLORS.accent, align: 'left', hyphenate: false },
  coverTitle: { face: 'display', size: 54, leading: 50, color: COLORS.paper, align: 'left', hyphenate: false, uppercase: true },
  coverSubtitle: { face: 'sans-black', size: 13, leading: 16, color: COLORS.ink, align: 'left', hyphenate: false, uppercase: true, tracking: 0.3 },
  coverSmall: { face: 'sans-bold', size: 9, leading: 12, color: COLORS.paper, align: 'left', hyphenate: false, uppercase: true, tracking: 1 },
  backStatement: { face: 'display', size: 30, leading: 31, color: COLORS.paper, align: 'left', hyphenate: false, uppercase: true },
  backSlogan: { face: 'display', size: 40, leading: 40, color: COLORS.accent, align: 'left', hyphenate: false, uppercase: true },
} satisfies Record<string, TextStyle>;

/** A5 portrait, with margins kept well past the 8 mm home printers clip. */
export const PAGE = {
  width: 148 * MM,
  height: 210 * MM,
  margin: { top: 17 * MM, bottom: 17 * MM, inner: 15 * MM, outer: 14 * MM },
  /** Running head and folio baselines, measured from the page edge. */
  headBaseline: 10.5 * MM,
  folioBaseline: 9.5 * MM,
  /** The print-shop edition adds this all round; backgrounds that touch the trim extend into it. */
  bleed: 3 * MM,
};

export const SPACE = {
  paragraph: 5.5,
  beforeH2: 16,
  afterH2: 7,
  afterSectionLabel: 6,
  figure: 10,
  captionGap: 5,
  listIndent: 13,
  listItem: 3,
};

/**
 * Screenshots are printed so that their interface text (assumed 13 CSS px) comes out at 7.5 pt: all
 * screenshots then read alike, none is blown up. They may shrink to keep a page full, never below 6 pt.
 */
export const UI_TEXT_PX = 13;
export const UI_TEXT_PT = 7.5;
export const MIN_UI_TEXT_PT = 6;
