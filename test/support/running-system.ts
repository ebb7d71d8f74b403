/**
 * Starts Rulebook (worker + API) the way `npm start` does, against the test run's Temporal dev
 * server and a test database, on a free port with a known token.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { startSystem, type RunningSystem } from '../../src/bootstrap/system';
import { loadAppConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/logging/logger';
import { loadTemporalConfig } from '../../temporal.config';
import type { TestDatabaseLocation } from './test-databases';

export const testToken = 'test-token-0123456789abcdef';

export interface TestSystem {
  system: RunningSystem;
  /** fetch() against the API, with the test token unless `headers` carry another Authorization. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** POSTs a file (CSV or XLSX) as it is, with the test token. */
  upload(path: string, file: string | Buffer, contentType: string, headers?: Record<string, string>): Promise<Response>;
  /** Waits until the import or export job at `path` has left "in-process"; returns it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  finishedJob(path: string): Promise<any>;
}

/** Starts worker and API on `location`; `env` overrides settings (e.g. the grace period) and may add API_TOKENS. */
export async function startTestSystem(location: TestDatabaseLocation, env: Record<string, string> = {}): Promise<TestSystem> {
  const settings = {
    TEMPORAL_TASK_QUEUE: `rulebook-test-${randomUUID()}`,
    ...env,
    PORT: '0',
    // Further tokens may be added; the test token always works.
    API_TOKENS: [testToken, ...(env.API_TOKENS ? [env.API_TOKENS] : [])].join(','),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    RULEBOOK_DATA_DIR: location.settings.dataDir,
    ...(location.settings.databaseUrl && { DATABASE_URL: location.settings.databaseUrl }),
  };
  const system = await startSystem({
    app: loadAppConfig(settings),
    temporal: loadTemporalConfig(settings),
    logger: createLogger({ level: 'silent', pretty: false }),
    parts: { devServer: false, worker: true, api: true },
    workflowBundle: { code: readFileSync(inject('workflowBundlePath'), 'utf8') },
  });
  const upload: TestSystem['upload'] = (path, file, contentType, headers = {}) =>
    fetch(`${system.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testToken}`, ...(contentType && { 'content-type': contentType }), ...headers },
      body: file,
    });
  return {
    system,
    upload,
    finishedJob: async (path) => {
      for (let attempt = 0; attempt < 300; attempt++) {
        const job = await body(await fetch(`${system.apiUrl}${path}`, { headers: { authorization: `Bearer ${testToken}` } }));
        if (job.status !== 'in-process') return job;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${path} never finished`);
    },
    api: (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${testToken}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${system.apiUrl}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
  };
}

/** The JSON body of a response, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function body(res: Response): Promise<any> {
  return res.json();
}
