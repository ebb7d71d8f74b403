/**
 * The embedded PostgreSQL server that `npm start` runs without DATABASE_URL: a real server from the
 * npm packages, on loopback, with a random password, durable, whose data survives a restart and a
 * killed Rulebook, and which one data directory never gets twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config/project-root';
import { createLogger } from '../../src/logging/logger';
import { DataDirInUseError, startEmbeddedPostgres } from '../../src/store/embedded-postgres/embedded-postgres';
import { isAlive } from '../../src/store/embedded-postgres/server-lock';
import { childOutput } from '../support/child-system';

const logger = createLogger({ level: 'silent', pretty: false });
const dirs: string[] = [];
const children: ChildProcess[] = [];

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-embedded-pg-'));
  dirs.push(dir);
  return dir;
}

async function query<Row = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** The pid the server wrote into its cluster (first line of postmaster.pid). */
function postmasterPid(clusterDir: string): number {
  return Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Starts the server in a child process (as `uid` when given) and waits for its `ready` line. */
async function startInChild(
  dataDir: string,
  account: { uid?: number; gid?: number } = {},
): Promise<{ child: ChildProcess; adminUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-postgres-child.ts', dataDir], {
    cwd: projectRoot,
    ...account,
    env: { PATH: process.env.PATH, HOME: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const [, adminUrl] = await childOutput(child).shows(/ready (\S+)\r?\n/, 'the child starting the server', 60_000);
  return { child, adminUrl: adminUrl! };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL server', () => {
  it('creates a cluster reachable only through its own socket, with a random password, durable and vacuumed, and finds its data on the next start', async () => {
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      expect(first.owner).toBe(true);
      const url = new URL(first.url);
      // Through a socket in a folder of the server's own: no TCP port, nothing another user could stand in for.
      expect(url.searchParams.get('host')).toBe(path.join(dataDir, 'postgres-run'));
      expect(statSync(path.join(dataDir, 'postgres-run')).mode & 0o777).toBe(0o700);
      expect(url.password.length).toBeGreaterThanOrEqual(32);
      expect(url.password).not.toBe('password');
      expect(statSync(path.join(dataDir, 'postgres-password')).mode & 0o777).toBe(0o600);
      const [settings] = await query(
        first.url,
        `SELECT current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync,
        current_setting('autovacuum') AS autovacuum, current_setting('wal_recycle') AS wal_recycle, current_setting('server_version') AS version,
        current_setting('unix_socket_directories') AS sockets, lower('ÉLODIE') AS folded`,
      );
      expect(settings).toEqual({
        listen: '',
        fsync: 'on',
        autovacuum: 'on',
        wal_recycle: 'off',
        version: expect.stringMatching(/^18\./),
        sockets: path.join(dataDir, 'postgres-run'),
        folded: 'élodie',
      });
      await query(first.url, 'CREATE TABLE kept (value text)');
      await query(first.url, "INSERT INTO kept VALUES ('still here')");
      // Without the password nobody gets in, even on loopback.
      const stranger = new URL(first.url);
      stranger.password = 'password';
      await expect(query(stranger.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await first.stop();
    }
    expect(existsSync(path.join(dataDir, 'postgres.lock'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a second owner of one data directory with a clear message, and lets the API and the worker join it', async () => {
    const dataDir = newDataDir();
    const owner = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      const refusal = startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
      await expect(refusal).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(refusal).rejects.toThrow(`the data directory ${dataDir} is in use by another Rulebook (process ${process.pid})`);
      // Joining waits until the owner says its database is ready (migrated).
      owner.publish();
      const joined = await startEmbeddedPostgres({ dataDir, logger, joinRunning: true });
      expect(joined.owner).toBe(false);
      expect(joined.url).toBe(owner.url);
      await joined.stop();
      // Leaving does not stop the owner's server.
      expect(await query(owner.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await owner.stop();
    }
  });

  it('takes over from a Rulebook killed with SIGKILL: the orphaned server is stopped and the data kept', async () => {
    const dataDir = newDataDir();
    const { child, adminUrl } = await startInChild(dataDir);
    await query(adminUrl, 'CREATE TABLE survived (value int)');
    await query(adminUrl, 'INSERT INTO survived VALUES (42)');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const orphan = postmasterPid(path.join(dataDir, 'postgres'));
    expect(isAlive(orphan)).toBe(true);

    const next = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(await query(next.adminUrl, 'SELECT value FROM survived')).toEqual([{ value: 42 }]);
    } finally {
      await next.stop();
    }
  });

  it('runs the server as the "postgres" user under root, and as the user itself otherwise', async () => {
    const dataDir = newDataDir();
    const server = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      const owner = statSync(path.join(server.clusterDir, 'postmaster.pid')).uid;
      if (userInfo().uid === 0) expect(owner).toBe(Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
      else expect(owner).toBe(userInfo().uid);
    } finally {
      await server.stop();
    }
  });

  it.runIf(userInfo().uid === 0)('runs for a normal user too (a laptop), with the server as that user', async () => {
    const nobody = {
      uid: Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim()),
      gid: Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim()),
    };
    const dataDir = newDataDir();
    chownSync(dataDir, nobody.uid, nobody.gid);
    const { child, adminUrl } = await startInChild(path.join(dataDir, 'data'), nobody);
    try {
      expect(await query(adminUrl, 'SELECT current_user AS who')).toEqual([{ who: 'postgres' }]);
      expect(statSync(path.join(dataDir, 'data', 'postgres', 'postmaster.pid')).uid).toBe(nobody.uid);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(existsSync(path.join(dataDir, 'data', 'postgres.lock'))).toBe(false);
  });
});

describe('the test run itself', () => {
  it.runIf(Boolean(process.env.CI))('uses the embedded server when CI runs, with no PostgreSQL of the system on PATH', () => {
    expect(inject('databaseServerEmbedded')).toBe(true);
    for (const executable of ['postgres', 'initdb', 'pg_ctl', 'psql']) {
      expect(spawnSync('sh', ['-c', `command -v ${executable}`]).status, `${executable} is on PATH`).not.toBe(0);
    }
  });
});
