/**
 * The embedded PostgreSQL server after things went wrong: a container restarted with the pid its
 * killed predecessor had, a pid file naming another program, a first start killed during initdb,
 * the server itself killed while Rulebook runs; and what of the server's log reaches Rulebook's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logging/logger';
import { startEmbeddedPostgres } from '../../src/store/embedded-postgres/embedded-postgres';
import { isAlive } from '../../src/store/embedded-postgres/server-lock';

const logger = createLogger({ level: 'silent', pretty: false });
const dirs: string[] = [];

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulebook-embedded-pg-recovery-'));
  dirs.push(dir);
  return dir;
}

async function selectOne(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT 1 AS one')).rows[0];
  } finally {
    await client.end();
  }
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL server, recovering', () => {
  it('takes over a lock that names its own pid or a pid reused by another program (a restarted container)', async () => {
    const dataDir = newDataDir();
    for (const stale of [{ pid: process.pid }, { pid: 1, identity: 'another-boot:42' }, { pid: 0 }]) {
      writeFileSync(path.join(dataDir, 'postgres.lock'), JSON.stringify(stale));
      const server = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
      try {
        expect(server.owner).toBe(true);
        expect(await selectOne(server.url)).toEqual({ one: 1 });
      } finally {
        await server.stop();
      }
    }
  });

  it('starts over a pid file that names another program, and leaves that program alone', async () => {
    const dataDir = newDataDir();
    const first = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    await first.stop();
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
      writeFileSync(pidFile, `${bystander.pid}\n${path.join(dataDir, 'postgres')}\n`);
      const second = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
      try {
        expect(await selectOne(second.url)).toEqual({ one: 1 });
        expect(isAlive(bystander.pid!)).toBe(true);
      } finally {
        await second.stop();
      }
    } finally {
      bystander.kill('SIGKILL');
    }
  });

  it('cleans up after a first start killed during initdb, and creates the cluster afresh', async () => {
    const dataDir = newDataDir();
    // What a SIGKILL during initdb leaves: the half-built cluster and its password file, under the killed pid.
    mkdirSync(path.join(dataDir, 'postgres.initdb-4242', 'base'), { recursive: true });
    writeFileSync(path.join(dataDir, 'postgres.initdb-4242', 'PG_VERSION'), '18\n');
    writeFileSync(path.join(dataDir, 'postgres.initdb-4242.password'), 'half-way\n');
    const server = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false });
    try {
      expect(await selectOne(server.url)).toEqual({ one: 1 });
      expect(readFileSync(path.join(dataDir, 'postgres-password'), 'utf8')).not.toContain('half-way');
      expect(readdirSync(dataDir).filter((entry) => entry.includes('initdb'))).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('reports a server that stops by itself while Rulebook runs', async () => {
    const dataDir = newDataDir();
    const lost = vi.fn();
    const server = await startEmbeddedPostgres({ dataDir, logger, joinRunning: false, onUnexpectedExit: lost });
    try {
      const pid = Number(readFileSync(path.join(server.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await vi.waitFor(() => expect(lost).toHaveBeenCalledWith(expect.stringMatching(/stopped by itself \(signal SIGKILL\)/)), {
        timeout: 10_000,
      });
    } finally {
      await server.stop();
    }
  });

  it("forwards the server's own log lines, but no statement error and no value it quotes", async () => {
    const dataDir = newDataDir();
    const lines: string[] = [];
    const capture = pino(
      { level: 'debug' },
      new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }),
    );
    const server = await startEmbeddedPostgres({ dataDir, logger: capture, joinRunning: false });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await expect(client.query("SELECT 'Zqleakcity'::int")).rejects.toThrow(/invalid input syntax/);
      await client.end();
      const stranger = new URL(server.url);
      stranger.password = 'Zqwrongpassword';
      await expect(selectOne(stranger.toString())).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
    const log = lines.join('');
    expect(log).toMatch(/database system is ready to accept connections/);
    expect(log).toMatch(/FATAL: {2}password authentication failed for user \\"…\\"/);
    expect(log).not.toContain('Zqleakcity');
    expect(log).not.toContain('invalid input syntax');
    expect(log).not.toContain(readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim());
  });
});
