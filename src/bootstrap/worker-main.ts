/**
 * `npm run worker`: the Temporal worker alone, against the configured Temporal and database. Also
 * the worker process that `npm start` runs (src/bootstrap/worker-process.ts), which is told where to
 * find its Temporal server and data dir, and stops with its parent.
 */
import { runUntilSignal } from './run-until-signal';

await runUntilSignal(
  { devServer: false, worker: true, api: false },
  (system, logger) => {
    logger.info({ temporal: system.temporalAddress, database: system.db.location }, 'worker ready');
  },
  { processName: 'worker' },
);
