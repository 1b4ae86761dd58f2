/**
 * The zine's design, made for A5 and scaled to any page: the type scale, spaces, margins and colours
 * as a function of the page size and the few choices a guide makes in zine.yml (colours, fonts,
 * emblem). On A5 every factor is exactly 1, so our zine keeps its measurements to the last digit.
 */
import { MM, type Colors, type Emblem, type FaceId, type StyleName, type TextStyle, type Theme } from '../model/theme.js';

/** The page the design was drawn for. */
export const A5 = { width: 148 * MM, height: 210 * MM };

/** Text sizes never go under this on a printed page (an A6 pocket zine still reads well). */
export const MIN_BODY_PT = 8.5;
/** On a phone, text is read without zooming: at least this size. */
export const PHONE_BODY_PT = 10.2;
const BODY_PT = 9.6;

export interface DesignChoices {
  page: { width: number; height: number };
  accent: string;
  ink: string;
  faces: Record<FaceId, string>;
  emblem: Emblem | null;
  /** `page` for the printed editions, `phone` for the one read on a phone. */
  medium: 'page' | 'phone';
}

/** The look of our first zine: the defaults of zine.yml. */
export const DEFAULT_COLORS = { accent: '#d4211b', ink: '#161616' };

export const DEFAULT_FONT_FOLDERS = { body: 'noto-serif', headings: 'inter', display: 'bebas-neue', mono: 'dejavu-mono', arabic: 'noto-sans-arabic' } as const;

/** The faces of our fonts/ folders: what a theme gets when zine.yml names no fonts. */
export const DEFAULT_FACES: Record<FaceId, string> = {
  body: 'noto-serif/NotoSerif-Regular.ttf',
  'body-italic': 'noto-serif/NotoSerif-Italic.ttf',
  'body-bold': 'noto-serif/NotoSerif-Bold.ttf',
  'body-bold-italic': 'noto-serif/NotoSerif-BoldItalic.ttf',
  headings: 'inter/Inter-Regular.otf',
  'headings-italic': 'inter/Inter-Italic.otf',
  'headings-semibold': 'inter/Inter-SemiBold.otf',
  'headings-bold': 'inter/Inter-Bold.otf',
  'headings-extrabold': 'inter/Inter-ExtraBold.otf',
  'headings-black': 'inter/Inter-Black.otf',
  display: 'bebas-neue/BebasNeue-Bold.otf',
  mono: 'dejavu-mono/DejaVuSansMono.ttf',
  arabic: 'noto-sans-arabic/NotoSansArabic-Regular.ttf',
  'arabic-bold': 'noto-sans-arabic/NotoSansArabic-Bold.ttf',
};

/** Fallbacks: a character missing from the first face is looked up in the next ones. */
const FALLBACK: Theme['fallback'] = {
  body: ['headings', 'arabic'],
  'body-italic': ['headings-italic', 'headings', 'arabic'],
  'body-bold': ['headings-bold', 'arabic-bold'],
  'body-bold-italic': ['headings-bold', 'arabic-bold'],
  headings: ['arabic'],
  'headings-italic': ['arabic'],
  'headings-semibold': ['arabic-bold'],
  'headings-bold': ['arabic-bold'],
  'headings-extrabold': ['arabic-bold'],
  'headings-black': ['arabic-bold'],
  display: ['headings-black', 'arabic-bold'],
  mono: ['headings', 'arabic'],
};

/** A light shade of a colour, for tinted backgrounds (`amount` of the colour over white). */
export function tintOf(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(255 - (255 - c) * amount).toString(16).padStart(2, '0');
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

/**
 * How the design follows the page. Geometry (margins, covers) scales with the page; type scales
 * with the cube root of that (a page half as wide needs type only a little smaller), and never under
 * MIN_BODY_PT for running text. A phone page gets type for reading without zooming.
 */
export function scales(page: { width: number; height: number }, medium: 'page' | 'phone') {
  const geometry = Math.min(page.width / A5.width, page.height / A5.height);
  if (medium === 'phone') return { geometry, type: PHONE_BODY_PT / BODY_PT };
  const type = geometry === 1 ? 1 : Math.max(MIN_BODY_PT / BODY_PT, Math.cbrt(geometry));
  return { geometry, type };
}

export function designTheme(choices: DesignChoices): Theme {
  const { page, medium } = choices;
  const { geometry: g, type: t } = scales(page, medium);
  const phone = medium === 'phone';
  const accent = choices.accent.toLowerCase();
  const colors: Colors = {
    ink: choices.ink.toLowerCase(),
    accent,
    muted: '#5b5b5b',
    // Our red's tint was picked by eye; another accent gets the same share of its colour.
    tint: accent === DEFAULT_COLORS.accent ? '#fbebe8' : tintOf(accent, 0.1),
    calloutTint: '#f1f1f1',
    highlight: tintOf(accent, 0.28),
    rule: '#d9d9d9',
    paper: '#ffffff',
    backMuted: '#9a9a9a',
  };
  const c = colors;
  // Type sizes scale with t: on A5, t is 1 and every size is the one drawn.
  const s = (style: TextStyle): TextStyle => (t === 1 ? style : { ...style, size: style.size * t, leading: style.leading * t, ...(style.tracking ? { tracking: style.tracking * t } : {}) });
  // Cover type is a poster's: it follows the page itself.
  const poster = (style: TextStyle): TextStyle => (g === 1 ? style : { ...style, size: style.size * g, leading: style.leading * g, ...(style.tracking ? { tracking: style.tracking * g } : {}) });
  const body: TextStyle = {
    face: 'body',
    bold: 'body-bold',
    italic: 'body-italic',
    boldItalic: 'body-bold-italic',
    size: BODY_PT,
    leading: 13.6,
    color: c.ink,
    align: 'justify',
    hyphenate: true,
    linkColor: c.accent,
  };
  const sans = { face: 'headings', bold: 'headings-bold', italic: 'headings-italic', boldItalic: 'headings-bold' } as const;
  const styles: Record<StyleName, TextStyle> = {
    body: s(body),
    calloutText: s({ ...body, ...sans, size: 8.6, leading: 12.4, align: 'left' }),
    calloutTitle: s({ ...sans, face: 'headings-bold', bold: 'headings-extrabold', size: 9.2, leading: 12.5, color: c.ink, align: 'left', hyphenate: false }),
    sectionLabel: s({ face: 'display', size: 30, leading: 30, color: c.accent, align: 'left', hyphenate: false, uppercase: true, tracking: 0.4 }),
    h2: s({ face: 'headings-black', size: 13.5, leading: 16, color: c.ink, align: 'left', hyphenate: false, uppercase: true, tracking: 0.1 }),
    h3: s({ face: 'headings-extrabold', size: 10.5, leading: 13.5, color: c.ink, align: 'left', hyphenate: false }),
    caption: s({ ...sans, size: 7.4, leading: 9.8, color: c.muted, align: 'left', hyphenate: true }),
    code: s({ face: 'mono', size: 8, leading: 11, color: c.ink, align: 'left', hyphenate: false }),
    // Tables: the body face a little smaller, ragged (a narrow cell justified would gape); the header row in the headings' bold.
    tableCell: s({ ...body, size: 8.6, leading: 11.6, align: 'left' }),
    tableHead: s({ ...sans, face: 'headings-bold', size: 7.8, leading: 11.6, color: c.ink, align: 'left', hyphenate: true }),
    runningHead: s({ face: 'headings-bold', size: 6.6, leading: 8, color: c.muted, align: 'left', hyphenate: false, uppercase: true, tracking: 0.8 }),
    folio: s({ face: 'headings-bold', size: 8, leading: 10, color: c.ink, align: 'left', hyphenate: false }),
    tocSection: s({ face: 'headings-black', size: 10.5, leading: 14, color: c.ink, align: 'left', hyphenate: false, uppercase: true, tracking: 0.2 }),
    tocEntry: s({ face: 'body', bold: 'body-bold', italic: 'body-italic', boldItalic: 'body-bold-italic', size: 9.2, leading: 12.5, color: c.ink, align: 'left', hyphenate: false }),
    // A link's label: its sentence's words, the link's own in bold.
    linkLabel: s({ face: 'headings', bold: 'headings-bold', size: 8.6, leading: 11, color: c.ink, align: 'left', hyphenate: false }),
    linkUrl: s({ face: 'headings', size: 7.6, leading: 10, color: c.accent, align: 'left', hyphenate: false }),
    coverTitle: poster({ face: 'display', size: 54, leading: 50, color: c.paper, align: 'left', hyphenate: false, uppercase: true }),
    coverSubtitle: poster({ face: 'headings-black', size: 13, leading: 16, color: c.paper, align: 'left', hyphenate: false, uppercase: true, tracking: 0.3 }),
    coverSmall: s({ face: 'headings-bold', size: 9, leading: 12, color: c.paper, align: 'left', hyphenate: false, uppercase: true, tracking: 1 }),
    coverEdition: poster({ face: 'display', size: 46, leading: 44, color: c.accent, align: 'left', hyphenate: false, uppercase: true }),
    backStatement: poster({ face: 'display', size: 30, leading: 31, color: c.paper, align: 'left', hyphenate: false, uppercase: true }),
    backSlogan: poster({ face: 'display', size: 40, leading: 40, color: c.accent, align: 'left', hyphenate: false, uppercase: true }),
  };
  // Margins are kept well past the 8 mm home printers clip; a phone page has nothing to clip or bind.
  const m = (mm: number) => mm * MM * g;
  const margin = phone
    ? { top: 11 * MM, bottom: 10 * MM, inner: 5 * MM, outer: 5 * MM }
    : { top: m(17), bottom: m(17), inner: m(15), outer: m(14) };
  return {
    page: {
      width: page.width,
      height: page.height,
      margin,
      headBaseline: phone ? 6.5 * MM : m(10.5),
      folioBaseline: phone ? 5 * MM : m(9.5),
      bleed: 3 * MM,
    },
    faces: choices.faces,
    fallback: FALLBACK,
    colors,
    grayOverrides: { [c.accent]: '#8c8c8c' },
    styles,
    space: {
      paragraph: 5.5 * t,
      beforeH2: 16 * t,
      afterH2: 7 * t,
      beforeH3: 10 * t,
      afterH3: 3 * t,
      afterSectionLabel: 6 * t,
      sectionBar: { width: 22 * t, height: 4 * t, gap: 12 * t },
      sectionOpening: { above: 18 * t, rule: 0.6 * t, below: 14 * t },
      figure: 10 * t,
      captionGap: 5 * t,
      listIndent: 13 * t,
      listItem: 3 * t,
      bullet: 4 * t,
      calloutPadding: 8 * t,
      calloutRule: 3 * t,
      calloutGap: 4 * t,
      quoteRule: 2 * t,
      codeIndent: 6 * t,
      tableCell: { padX: 4 * t, padY: 3 * t },
    },
    figures: { uiTextPx: 13, uiTextPt: 7.5 * t, minUiTextPt: 6, photoMinScale: 0.8, fullWidth: phone, minRowWidth: 38 * MM * g },
    links: { qrSize: 17 * MM, minCellWidth: 52 * MM, gutter: 12 },
    cover: { margin: 14 * MM * g, scale: g, emblem: choices.emblem },
    furniture: true,
  };
}

/** Our zine's theme (A5, red, our fonts, the padlock drawn by the caller): for tests and the warm-up. */
export function defaultTheme(overrides: Partial<DesignChoices> = {}): Theme {
  return designTheme({ page: A5, ...DEFAULT_COLORS, faces: DEFAULT_FACES, emblem: null, medium: 'page', ...overrides });
}
