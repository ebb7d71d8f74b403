/** `npm start`: the whole system in one process — Temporal dev server (unless TEMPORAL_ADDRESS is set), worker and API. */
import { tokenFile } from './api-token';
import { runUntilSignal } from './run-until-signal';
import { loadAppConfig } from '../config/app-config';

await runUntilSignal({ devServer: true, worker: true, api: true }, (system, logger) => {
  const lines = [
    '',
    'Rulebook is running.',
    `  API            ${system.apiUrl}  (docs: ${system.apiUrl}/docs, OpenAPI: ${system.apiUrl}/openapi.json)`,
    `  Temporal       ${system.temporalAddress}${system.temporalUiUrl ? `  (Web UI: ${system.temporalUiUrl})` : ''}`,
    `  Database       ${system.db.location}`,
    system.generatedToken
      ? `  API token      ${system.generatedToken}  (kept in ${tokenFile(loadAppConfig().dataDir)})`
      : '  API token      from API_TOKENS',
    '  Stop with Ctrl-C.',
    '',
  ];
  logger.info('ready');
  console.log(lines.join('\n'));
});
