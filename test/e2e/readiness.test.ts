/** /readyz tells a load balancer which dependency is missing, and the API survives Temporal going away. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../../src/bootstrap/system';
import { loadAppConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/logging/logger';
import { startDevServer, type RunningDevServer } from '../../src/temporal/dev-server';
import { temporalCliPath } from '../../src/temporal/temporal-executables';
import { loadTemporalConfig } from '../../temporal.config';
import { freePort } from '../../src/net/free-port';
import { body } from '../support/running-system';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

describe('readiness', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'rulebook-readiness-'));
  const logger = createLogger({ level: 'silent', pretty: false });
  let devServer: RunningDevServer | undefined;
  let system: RunningSystem | undefined;
  let location: TestDatabaseLocation | undefined;

  afterAll(async () => {
    await system?.stop();
    await devServer?.stop();
    await location?.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('answers 200 while database and Temporal answer, and 200 "degraded" naming Temporal once it is gone (writes are still accepted)', async () => {
    devServer = await startDevServer({
      cliPath: temporalCliPath(),
      ip: '127.0.0.1',
      port: await freePort(),
      dbFile: path.join(workDir, 'temporal.sqlite'),
      namespace: 'default',
      logger,
      forTests: true,
    });
    location = await createTestDatabaseLocation();
    const settings = {
      PORT: '0',
      API_TOKENS: 'readiness-token-0123456789',
      TEMPORAL_ADDRESS: devServer.address,
      RULEBOOK_DATA_DIR: location.settings.dataDir,
      ...(location.settings.databaseUrl && { DATABASE_URL: location.settings.databaseUrl }),
    };
    system = await startSystem({
      app: loadAppConfig(settings),
      temporal: loadTemporalConfig(settings),
      logger,
      parts: { devServer: false, worker: false, api: true },
    });

    const ready = await fetch(`${system.apiUrl}/readyz`);
    expect(ready.status).toBe(200);

    await devServer.stop();
    // Writes are still accepted while only Temporal is down: their workflows wait in the outbox.
    const degraded = await fetch(`${system.apiUrl}/readyz`);
    expect(degraded.status).toBe(200);
    const report = await body(degraded);
    expect(report).toMatchObject({ status: 'degraded', checks: { database: { ok: true }, temporal: { ok: false } } });
    expect(report.checks.temporal.error).toEqual(expect.any(String));
    expect((await fetch(`${system.apiUrl}/healthz`)).status).toBe(200);
  });
});
