/**
 * `npm start` as a user runs it: one command brings up the Temporal dev server, the worker and the
 * API on the embedded database; Ctrl-C leaves no process behind; the next start finds the data and
 * the running workflow again and completes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/project-root';
import { freePort } from '../support/free-port';
import { body } from '../support/running-system';

interface Started {
  child: ChildProcess;
  apiUrl: string;
  token: string;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-npm-start-'));
const children: ChildProcess[] = [];

/** Runs `npm start`'s entry point and waits for its "running" banner. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const { DATABASE_URL: _server, TEMPORAL_ADDRESS: _address, API_TOKENS: _tokens, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bootstrap/start.ts'], {
    cwd: projectRoot,
    env: { ...inherited, ...env, RULEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Stop with Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    apiUrl: /API\s+(http:\/\/\S+)/.exec(output)![1]!,
    token: /API token\s+([0-9a-f]{64})/.exec(output)![1]!,
  };
}

/** Sends Ctrl-C (SIGINT) and waits for a clean exit. */
async function pressCtrlC(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

/** Processes whose command line mentions the test's data dir (the dev server does). */
function processesUsing(dir: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        return '';
      }
    })
    .filter((cmdline) => cmdline.includes(dir));
}

describe('npm start', () => {
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, stops cleanly on Ctrl-C, and resumes running workflows on the next start', async () => {
    const env = {
      PORT: String(await freePort()),
      TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      RULEBOOK_ERASURE_GRACE_PERIOD: '6 seconds',
    };
    const first = await npmStart(env);
    const auth = { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' };
    expect((await fetch(`${first.apiUrl}/readyz`)).status).toBe(200);
    await fetch(`${first.apiUrl}/v1/customers`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'C-restart', email: 'kabir@example.com' }),
    });
    const accepted = await fetch(`${first.apiUrl}/v1/customers/C-restart/erasure`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ reason: 'asked', requestedBy: 'ops' }),
    });
    expect(accepted.status).toBe(202);

    expect(await pressCtrlC(first.child)).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);

    const second = await npmStart(env);
    try {
      expect(second.token).toBe(first.token);
      let status: { state?: string } = {};
      for (let attempt = 0; attempt < 150 && status.state !== 'erased'; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = await body(await fetch(`${second.apiUrl}/v1/customers/C-restart/erasure`, { headers: auth }));
      }
      expect(status.state).toBe('erased');
      const customer = await body(await fetch(`${second.apiUrl}/v1/customers/C-restart`, { headers: auth }));
      expect(customer).toMatchObject({ id: 'C-restart', email: null, erasureState: 'erased' });
    } finally {
      expect(await pressCtrlC(second.child)).toBe(0);
    }
    expect(processesUsing(dataDir)).toEqual([]);
  }, 240_000);
});
