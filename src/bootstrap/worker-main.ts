/** `npm run worker`: the Temporal worker alone, against the configured Temporal and database. */
import { runUntilSignal } from './run-until-signal';

await runUntilSignal({ devServer: false, worker: true, api: false }, (system, logger) => {
  logger.info({ temporal: system.temporalAddress, database: system.db.location }, 'worker ready');
});
