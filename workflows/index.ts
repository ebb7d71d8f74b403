/** Every workflow the Rulebook worker runs; the worker bundles this file. */
export { codHold } from './cod-hold';
export { codHoldsDue } from './cod-holds-due';
export { dunning } from './dunning';
export { erasure } from './erasure';
export { exportJob, importJob } from './file-jobs';
export { profileRecalculation } from './profile-recalculation';
export { returnsWindow } from './returns-window';
