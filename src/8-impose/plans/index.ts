/**
 * The imposition plans by name, one file each. A new plan is a PlanFunction (see ../plan.ts) in its
 * own file, added here.
 */
import type { PlanFunction } from '../plan.js';
import { saddleStitchPlan } from './saddleStitch.js';

export const PLANS = {
  'saddle-stitch': saddleStitchPlan,
} satisfies Record<string, PlanFunction>;

export type PlanName = keyof typeof PLANS;
