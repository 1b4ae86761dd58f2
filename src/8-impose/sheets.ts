import type { Size } from './plan.js';

export type SheetName = 'a4' | 'letter' | 'a5' | 'a3';

/** Named sheets in landscape, in pt (the A sizes exact from their mm, rounded to 0.01 pt). */
export const SHEET_SIZES: Record<SheetName, Size> = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
  a5: { width: 595.28, height: 419.53 },
  a3: { width: 1190.55, height: 841.89 },
};
