import type { Size } from './plan.js';

export type SheetName = 'a4' | 'letter';

/** Landscape sheet sizes in pt (A4 exact from 297 × 210 mm). */
export const SHEET_SIZES: Record<SheetName, Size> = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
};
