/**
 * Starts Rulebook (worker + API) the way `npm start` does, against the test run's Temporal dev
 * server and a test database, on a free port with a known token. Test files call `useTestSystem`.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, inject, vi } from 'vitest';
import { startSystem, type RunningSystem } from '../../src/bootstrap/system';
import { loadAppConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/logging/logger';
import { loadTemporalConfig } from '../../temporal.config';
import { ruleDirWith } from './rule-dirs';
import { createTestDatabaseLocation, type TestDatabaseLocation } from './test-databases';
import { useForAll } from './use-for-all';

export const testToken = 'test-token-0123456789abcdef';

export interface TestSystem {
  system: RunningSystem;
  /** fetch() against the API, with the test token unless `headers` carry another Authorization. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** POST, PUT and PATCH of `json` against the API, with the test token. */
  post(path: string, json: unknown): Promise<Response>;
  put(path: string, json: unknown): Promise<Response>;
  patch(path: string, json: unknown): Promise<Response>;
  /** POSTs a file (CSV or XLSX) as it is, with the test token. */
  upload(path: string, file: string | Buffer, contentType: string, headers?: Record<string, string>): Promise<Response>;
  /**
   * Waits until the import or export job at `path` has left "in-process" (30 s unless `timeoutMs`
   * says otherwise; a failed request is asked again); returns it.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  finishedJob(path: string, timeoutMs?: number): Promise<any>;
  /** The handle of a workflow once the relay has started it (writes hand workflows over through the outbox); 10 s at most. */
  startedWorkflow(workflowId: string): Promise<WorkflowHandle>;
}

/** Starts worker and API on `location`; `env` overrides settings (e.g. the grace period) and may add API_TOKENS. */
export async function startTestSystem(location: TestDatabaseLocation, env: Record<string, string> = {}): Promise<TestSystem> {
  const settings = {
    TEMPORAL_TASK_QUEUE: `rulebook-test-${randomUUID()}`,
    ...env,
    PORT: '0',
    // Further tokens may be added; the test token always works, and reads personal data in clear unless a test says otherwise.
    API_TOKENS: [testToken, ...(env.API_TOKENS ? [env.API_TOKENS] : [])].join(','),
    API_PERSONAL_DATA_TOKENS: env.API_PERSONAL_DATA_TOKENS ?? 'token-1',
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
  const api: TestSystem['api'] = (path, init = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${testToken}`);
    if (json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${system.apiUrl}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
  };
  return {
    system,
    api,
    post: (path, json) => api(path, { method: 'POST', json }),
    put: (path, json) => api(path, { method: 'PUT', json }),
    patch: (path, json) => api(path, { method: 'PATCH', json }),
    upload: (path, file, contentType, headers = {}) =>
      fetch(`${system.apiUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testToken}`, ...(contentType && { 'content-type': contentType }), ...headers },
        body: file,
      }),
    finishedJob: (path, timeoutMs = 30_000) =>
      vi.waitFor(
        async () => {
          const job = await body(await api(path));
          if (job.status === 'in-process') throw new Error(`${path} is still in process: ${JSON.stringify(job)}`);
          return job;
        },
        { timeout: timeoutMs, interval: 100 },
      ),
    startedWorkflow: async (workflowId) => {
      const handle = system.client.workflow.getHandle(workflowId);
      await vi.waitFor(() => handle.describe(), { timeout: 10_000, interval: 50 });
      return handle;
    },
  };
}

export interface TestSystemOptions {
  /**
   * Rule files put over a copy of the shipped rules (relative path → content, null deletes); the
   * system reads that copy, and tests may change its files (`rulesDir`). Without it: the shipped rules.
   */
  rules?: Record<string, string | Buffer | null>;
  /** Settings on top of the test defaults (e.g. the grace period, RULEBOOK_WATCH_RULES, API_TOKENS). */
  env?: Record<string, string>;
}

/** The running system of a test file, with what it runs on. */
export interface UsedTestSystem extends TestSystem {
  /** The rules folder the system reads: a copy made when the test file is collected (only with `rules`). */
  readonly rulesDir: string;
  /** Stops the system and starts it again on the same database, with `env` over the options' settings. */
  restart(env?: Record<string, string>): Promise<void>;
}

/**
 * Rulebook running for the tests of this file or `describe` block: before them, a fresh database
 * on the test run's server and worker + API on it (`startTestSystem`); after them, the system
 * stopped, the database dropped and the rules copy removed. The returned object reaches the system
 * that is running at the moment it is used.
 */
export function useTestSystem(options: TestSystemOptions = {}): UsedTestSystem {
  const rules = options.rules && ruleDirWith(options.rules);
  // Registered first, so it runs last: after the system that reads the folder has stopped.
  if (rules) afterAll(() => rules.remove());
  const settings = (env: Record<string, string> = {}) => ({ ...(rules && { RULEBOOK_RULES_DIR: rules.dir }), ...options.env, ...env });
  const current = useForAll(
    'The test system',
    async () => {
      const location = await createTestDatabaseLocation();
      try {
        return { location, rulebook: await startTestSystem(location, settings()) };
      } catch (error) {
        await location.drop();
        throw error;
      }
    },
    async ({ location, rulebook }) => {
      try {
        await rulebook.system.stop();
      } finally {
        await location.drop();
      }
    },
  );
  const rulebook = () => current().rulebook;
  return {
    get system() {
      return rulebook().system;
    },
    get rulesDir() {
      if (!rules)
        throw new Error('useTestSystem was called without `rules`: the system reads the shipped rules, which tests must not change');
      return rules.dir;
    },
    api: (...args) => rulebook().api(...args),
    post: (...args) => rulebook().post(...args),
    put: (...args) => rulebook().put(...args),
    patch: (...args) => rulebook().patch(...args),
    upload: (...args) => rulebook().upload(...args),
    finishedJob: (...args) => rulebook().finishedJob(...args),
    startedWorkflow: (workflowId) => rulebook().startedWorkflow(workflowId),
    async restart(env) {
      const running = current();
      await running.rulebook.system.stop();
      running.rulebook = await startTestSystem(running.location, settings(env));
    },
  };
}

/** The JSON body of a response, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function body(res: Response): Promise<any> {
  return res.json();
}
