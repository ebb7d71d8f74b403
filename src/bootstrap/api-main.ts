/** `npm run api`: the HTTP API alone, against the configured Temporal and database. */
import { runUntilSignal } from './run-until-signal';

await runUntilSignal({ devServer: false, worker: false, api: true }, (system, logger) => {
  logger.info({ url: system.apiUrl, temporal: system.temporalAddress, database: system.db.location }, 'API ready');
});
