export { imposeBooklet, type ImposeOptions, type SheetSize } from './imposeBooklet.js';
export { imposeByCopy, type Swap } from './imposeByCopy.js';
export { SHEET_SIZES, type SheetName } from './sheets.js';
export type { Binding, Cell, Mark, Plan, PlanFunction, PlanOptions, PlanSheet, Rect, Size } from './plan.js';
export { PLANS, type PlanName } from './plans/index.js';
export { saddleStitchPlan, twiceThePage } from './plans/saddleStitch.js';
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
