import type { Medium } from '../4-theme/index.js';

/**
 * An edition: one PDF per language, made from a layout of the guide for a medium (the printed page or
 * a phone's screen), with images at a resolution, drawn with or without bleed, imposed or not.
 */
export interface Edition {
  name: string;
  /** Output file: build/<slug>-<lang><suffix>.pdf */
  suffix: string;
  medium: Medium;
  /** Screen images are small for email and chat; print images have up to 300 ppi. */
  images: 'screen' | 'print';
  /** Print-shop edition: the theme's bleed all round, with crop marks. */
  bleed: boolean;
  /** Pages imposed two-up on sheets in saddle-stitch order (a PDF-to-PDF stage after render). */
  impose: boolean;
  /** A tagged PDF (PDF/UA-1): its structure read aloud or reflowed; editions for printers need none. */
  tagged: boolean;
}
