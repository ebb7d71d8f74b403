/** All activities of the Rulebook worker, bound to their dependencies. */
import { createCodActivities, type CodActivityDeps } from './cod-activities';
import { createDunningActivities, type DunningActivityDeps } from './dunning-activities';
import { createErasureActivities, type ErasureActivityDeps } from './erasure-activities';
import { createFileJobActivities, type FileJobActivityDeps } from './file-job-activities';
import { createProfileActivities, type ProfileActivityDeps } from './profile-activities';

export type ActivityDeps = ErasureActivityDeps & ProfileActivityDeps & FileJobActivityDeps & CodActivityDeps & DunningActivityDeps;

/** Builds every activity the worker registers. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createErasureActivities(deps),
    ...createProfileActivities(deps),
    ...createFileJobActivities(deps),
    ...createCodActivities(deps),
    ...createDunningActivities(deps),
  };
}
