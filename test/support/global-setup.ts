/**
 * Once per test run: install the Temporal executables if needed, start one Temporal dev server for
 * all end-to-end tests, and bundle the workflow code once (not once per test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../src/logging/logger';
import { startDevServer } from '../../src/temporal/dev-server';
import { temporalCliPath, temporalTestServerPath } from '../../src/temporal/temporal-executables';
import { bundleWorkflows } from '../../src/temporal/workflow-bundle';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    /** The dev server's SQLite database (its -wal and -shm files beside it). */
    temporalDbFile: string;
    testServerPath: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'rulebook-test-'));
  const temporalDbFile = path.join(workDir, 'temporal.sqlite');
  const [devServer, bundle] = await Promise.all([
    startDevServer({
      cliPath: temporalCliPath(),
      ip: '127.0.0.1',
      port: await freePort(),
      dbFile: temporalDbFile,
      namespace: 'default',
      logger: createLogger({ level: 'warn', pretty: false }),
      forTests: true,
    }),
    bundleWorkflows(),
  ]);
  const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', devServer.address);
  project.provide('temporalDbFile', temporalDbFile);
  project.provide('testServerPath', temporalTestServerPath());
  project.provide('workflowBundlePath', workflowBundlePath);
  return async () => {
    await devServer.stop();
    rmSync(workDir, { recursive: true, force: true });
  };
}
