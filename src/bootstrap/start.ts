/**
 * `npm start`: the whole system with one command, in two processes so that two cores work. This
 * process runs the embedded PostgreSQL server (unless DATABASE_URL is set), the Temporal dev server
 * (unless TEMPORAL_ADDRESS is set) and the API; the worker runs in a child process that joins both
 * (worker-process.ts). Ctrl-C, SIGTERM or SIGHUP stop the worker first (it drains), then the API,
 * then the servers.
 *
 * Why the API here rather than a thin supervisor with the API and the worker as its children: the
 * servers need an owner that stops them after both have drained, and this process is that owner
 * already. A supervisor would be a third Node process doing no work on a small machine, and the pid
 * that a second `npm start` names ("in use by process N") would no longer be the one serving requests.
 */
import type { RunningSystem } from './system';
import { tokenFile } from './api-token';
import { runUntilSignal } from './run-until-signal';
import { startWorkerProcess, type WorkerProcess } from './worker-process';
import { loadAppConfig } from '../config/app-config';
import { codecSignInPath, temporalCodecPath } from '../api/temporal-ui-access';
import { consolePath } from '../api/console-assets';

await runUntilSignal<WorkerProcess>(
  { devServer: true, worker: false, api: true },
  (system, logger, worker) => {
    const app = loadAppConfig();
    const lines = [
      '',
      'Rulebook is running.',
      `  API            ${system.apiUrl}  (docs: ${system.apiUrl}/docs, OpenAPI: ${system.apiUrl}/openapi.json)`,
      `  Console        ${system.apiUrl}${consolePath}  (sign in with the API token below)`,
      `  Temporal       ${system.temporalAddress}${system.temporalUiUrl ? `  (Web UI: ${system.temporalUiUrl})` : ''}`,
      ...(system.temporalUiUrl && system.apiUrl
        ? [
            `  Web UI codec   ${system.apiUrl}${temporalCodecPath}: sign this browser in once at ${system.apiUrl}${codecSignInPath},`,
            '                 then tick "Include cross-origin credentials" in the Web UI\'s codec server settings (README)',
          ]
        : []),
      `  Database       ${system.db.location}`,
      `  Processes      API ${process.pid}, worker ${worker!.pid()}`,
      system.generatedToken
        ? `  API token      ${system.generatedToken}  (kept in ${tokenFile(app.dataDir)})`
        : '  API token      from API_TOKENS',
      '  Stop with Ctrl-C.',
      '',
    ];
    logger.info('ready');
    console.log(lines.join('\n'));
  },
  {
    processName: 'main',
    startCompanion: (system, logger, abort) => startWorkerProcess({ env: workerEnvironment(system), logger, abort }),
  },
);

/** This process's environment, plus what makes the worker join what this process runs. */
function workerEnvironment(system: RunningSystem): NodeJS.ProcessEnv {
  const app = loadAppConfig();
  return {
    ...process.env,
    // The dev server started here: without TEMPORAL_ADDRESS the worker would look for one of its own.
    TEMPORAL_ADDRESS: system.temporalAddress,
    // Absolute, so that the worker finds the same embedded server, the payload key generated under the
    // data dir by now (or RULEBOOK_PAYLOAD_KEY, inherited) and the same rules.
    RULEBOOK_DATA_DIR: app.dataDir,
    RULEBOOK_RULES_DIR: app.rulesDir,
  };
}
