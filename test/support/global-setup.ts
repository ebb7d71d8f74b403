/**
 * Once per test run: install the Temporal executables if needed, start one Temporal dev server and
 * one PostgreSQL server for all tests, and bundle the workflow code once (not once per test).
 * The PostgreSQL server is the embedded one (as `npm start` runs it), unless DATABASE_URL names a
 * server of your own (then RULEBOOK_TEST_PG_DATA_DIR says where its files are, for the erasure test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logging/logger';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres/embedded-postgres';
import { startDevServer } from '../../src/temporal/dev-server';
import { temporalCliPath, temporalTestServerPath } from '../../src/temporal/temporal-executables';
import { bundleWorkflows } from '../../src/temporal/workflow-bundle';
import { freePort } from '../../src/net/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    /** The dev server's SQLite database (its -wal and -shm files beside it). */
    temporalDbFile: string;
    testServerPath: string;
    workflowBundlePath: string;
    /** The test server's maintenance database: tests create and drop their databases through it. */
    databaseServerUrl: string;
    /** The test server's data directory ('' when DATABASE_URL is given without RULEBOOK_TEST_PG_DATA_DIR). */
    databaseServerDir: string;
    /** Whether the test server is the embedded one. */
    databaseServerEmbedded: boolean;
  }
}

export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'rulebook-test-'));
  const temporalDbFile = path.join(workDir, 'temporal.sqlite');
  const logger = createLogger({ level: 'warn', pretty: false });
  const databaseDir = mkdtempSync(path.join(tmpdir(), 'rulebook-test-postgres-'));
  const started = await Promise.allSettled([
    process.env.DATABASE_URL ? undefined : startEmbeddedPostgres({ dataDir: databaseDir, logger, joinRunning: false, maxConnections: 400 }),
    startDevServer({
      cliPath: temporalCliPath(),
      ip: '127.0.0.1',
      port: await freePort(),
      dbFile: temporalDbFile,
      namespace: 'default',
      logger,
      forTests: true,
    }),
    bundleWorkflows(),
  ]);
  // One failed to start: stop the others, or they would keep the test run from ending.
  const failure = started.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    for (const outcome of started)
      if (outcome.status === 'fulfilled' && outcome.value && 'stop' in outcome.value) await outcome.value.stop();
    throw failure.reason;
  }
  const [databaseServer, devServer, bundle] = started.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined,
    Awaited<ReturnType<typeof startDevServer>>,
    Awaited<ReturnType<typeof bundleWorkflows>>,
  ];
  const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', devServer.address);
  project.provide('temporalDbFile', temporalDbFile);
  project.provide('testServerPath', temporalTestServerPath());
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('databaseServerUrl', databaseServer?.adminUrl ?? process.env.DATABASE_URL!);
  project.provide('databaseServerDir', databaseServer?.clusterDir ?? process.env.RULEBOOK_TEST_PG_DATA_DIR ?? '');
  project.provide('databaseServerEmbedded', databaseServer !== undefined);
  return async () => {
    await Promise.all([devServer.stop(), databaseServer?.stop()]);
    rmSync(workDir, { recursive: true, force: true });
    rmSync(databaseDir, { recursive: true, force: true });
  };
}
