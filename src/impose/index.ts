export { imposeBooklet, SHEET_SIZES, type ImposeOptions, type SheetSize } from './imposeBooklet.js';
export {
  padPages,
  planBooklet,
  saddleStitch,
  type Flip,
  type PageSlot,
  type SaddleStitchOptions,
  type Sheet,
  type Side,
} from './saddleStitchOrder.js';
