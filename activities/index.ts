/** All activities of the Rulebook worker, bound to their dependencies. */
import { createErasureActivities, type ErasureActivityDeps } from './erasure-activities';

export type ActivityDeps = ErasureActivityDeps;

/** Builds every activity the worker registers. */
export function createActivities(deps: ActivityDeps) {
  return { ...createErasureActivities(deps) };
}
