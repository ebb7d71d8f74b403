/**
 * `npm start` as a user runs it: one command brings up the embedded PostgreSQL server, the Temporal
 * dev server and the API in one process and the worker in a second one, so that two cores work; a
 * second `npm start` on the same data directory is refused with a clear message; Ctrl-C leaves no
 * process behind; the next start finds the data and the running workflow again and completes it.
 * A worker process that dies is replaced while the API keeps serving; one that cannot start fails
 * the start; a `npm start` killed with SIGKILL takes its worker process with it.
 */
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/net/free-port';
import { processesWith, processRuns, startBootstrapProcess, startChildSystem, stopChild, type ChildSystem } from '../support/child-system';
import { body } from '../support/running-system';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-npm-start-'));
const children: ChildProcess[] = [];

/** Runs `npm start`'s entry point on the test's data dir and waits for its "running" banner. */
const npmStart = (env: Record<string, string>) => startChildSystem({ ...env, RULEBOOK_DATA_DIR: dataDir }, children);
/** Sends Ctrl-C (SIGINT) and waits for a clean exit. */
const pressCtrlC = (child: ChildProcess) => stopChild(child, 'SIGINT');
/** Free ports for the API, the dev server and its Web UI. */
const freePorts = async () => ({
  PORT: String(await freePort()),
  TEMPORAL_DEV_SERVER_PORT: String(await freePort()),
  TEMPORAL_UI_PORT: String(await freePort()),
});

/** Command lines of the processes that mention the test's data dir (the dev server and PostgreSQL do). */
const processesUsing = (dir: string) => processesWith(dir).map((found) => found.commandLine);
/** The worker processes that `npm start` process `pid` runs. */
const workerProcessesOf = (pid: number) =>
  processesWith(path.join('src', 'bootstrap', 'worker-main.ts'))
    .filter((found) => found.parent === pid)
    .map((found) => found.pid);

/**
 * Stops the PostgreSQL and Temporal dev servers of a `npm start` killed with SIGKILL: they outlive
 * their owner by design (the next start stops PostgreSQL), so the test stops them itself.
 */
async function stopLeftoverServers() {
  for (const { pid } of processesWith(dataDir)) process.kill(pid, 'SIGINT');
  for (const deadline = Date.now() + 30_000; processesUsing(dataDir).length > 0;) {
    if (Date.now() > deadline) throw new Error(`still running after 30 s:\n${processesUsing(dataDir).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The identities ("pid@host") of the workers that completed the workflow's tasks, read from its history on the dev server. */
async function workflowTaskCompleters(temporalPort: string, workflowId: string): Promise<string[]> {
  const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    return (history.events ?? []).flatMap((event) => event.workflowTaskCompletedEventAttributes?.identity ?? []);
  } finally {
    await connection.close();
  }
}

/** Calls the API of `system` with its token. */
const call = (system: ChildSystem, route: string, method = 'GET', payload?: unknown) =>
  fetch(`${system.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${system.token}`, 'content-type': typeof payload === 'string' ? 'text/csv' : 'application/json' },
    ...(payload !== undefined && { body: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });

describe('npm start', () => {
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stopLeftoverServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the API and the worker as two processes, stops both on Ctrl-C, and resumes running workflows on the next start', async () => {
    const env = { ...(await freePorts()), RULEBOOK_ERASURE_GRACE_PERIOD: '6 seconds' };
    const first = await npmStart({ ...env, LOG_LEVEL: 'info' });
    expect(first.workerPid).not.toBe(first.child.pid);
    expect(workerProcessesOf(first.child.pid!)).toEqual([first.workerPid]);
    // Both processes write to the one output, each line marked with the process that wrote it.
    await expect.poll(() => first.output()).toMatch(new RegExp(`"process":"worker","pid":${first.workerPid},.*"msg":"worker running"`));
    await expect.poll(() => first.output()).toContain(`"process":"main","pid":${first.child.pid},"msg":"ready"`);

    expect((await fetch(`${first.apiUrl}/readyz`)).status).toBe(200);
    // The console is printed and served by the API process, from the repository (no network).
    expect(first.output()).toContain(`Console        ${first.apiUrl}/console`);
    const consolePage = await fetch(`${first.apiUrl}/console`);
    expect(await consolePage.text()).toContain('/console/assets/console.js');
    expect((await fetch(`${first.apiUrl}/console/assets/console.js`)).status).toBe(200);
    await call(first, '/v1/customers', 'POST', { id: 'C-restart', email: 'kabir@example.com' });
    const accepted = await call(first, '/v1/customers/C-restart/erasure', 'POST', { reason: 'asked', requestedBy: 'ops' });
    expect(accepted.status).toBe(202);
    expect(first.output()).toMatch(new RegExp(`Database +embedded PostgreSQL in ${dataDir}/postgres`));
    expect(processesUsing(path.join(dataDir, 'postgres')).some((cmdline) => cmdline.includes('/native/bin/postgres'))).toBe(true);

    const second = startBootstrapProcess(
      'start',
      { LOG_LEVEL: 'warn', ...env, PORT: String(await freePort()), RULEBOOK_DATA_DIR: dataDir },
      'Stop with Ctrl-C',
      children,
    );
    await expect(second).rejects.toThrow(/start exited with 1/);
    await expect(second).rejects.toThrow(
      `cannot start: the data directory ${dataDir} is in use by another Rulebook (process ${first.child.pid})`,
    );

    expect(await pressCtrlC(first.child)).toBe(0);
    expect(processRuns(first.workerPid)).toBe(false);
    expect(processesUsing(dataDir)).toEqual([]);

    const restarted = await npmStart(env);
    try {
      expect(restarted.token).toBe(first.token);
      const erasure = async () => body(await call(restarted, '/v1/customers/C-restart/erasure'));
      await expect.poll(erasure, { timeout: 30_000, interval: 200 }).toMatchObject({ state: 'erased' });
      const customer = await body(await call(restarted, '/v1/customers/C-restart'));
      expect(customer).toMatchObject({ id: 'C-restart', email: null, erasureState: 'erased' });
      // The worker processes ran the workflow, before and after the restart; the API processes did not.
      const completers = new Set(
        (await workflowTaskCompleters(env.TEMPORAL_DEV_SERVER_PORT, 'erasure-C-restart')).map((id) => id.split('@')[0]),
      );
      expect(completers).toEqual(new Set([String(first.workerPid), String(restarted.workerPid)]));
    } finally {
      expect(await pressCtrlC(restarted.child)).toBe(0);
    }
    expect(processRuns(restarted.workerPid)).toBe(false);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 300_000);

  it('starts a new worker process when the worker process dies, while the API keeps serving', async () => {
    const env = await freePorts();
    const system = await npmStart(env);
    try {
      process.kill(system.workerPid, 'SIGKILL');
      await expect
        .poll(() => system.output(), { timeout: 10_000 })
        .toContain(
          `the worker process ${system.workerPid} was ended by SIGKILL; starting a new worker process in 1 s (the API keeps serving)`,
        );
      expect((await fetch(`${system.apiUrl}/readyz`)).status).toBe(200);
      expect((await call(system, '/v1/customers', 'POST', { id: 'C-after-kill', email: 'meera@example.com' })).status).toBe(201);

      await expect.poll(() => workerProcessesOf(system.child.pid!), { timeout: 30_000, interval: 200 }).toHaveLength(1);
      const [replacement] = workerProcessesOf(system.child.pid!);
      expect(replacement).not.toBe(system.workerPid);
      // The replacement runs workflows: an import job completes, its tasks done by the new process.
      const upload = await call(system, '/v1/customers/imports', 'POST', 'id,email\nC-imported,anil@example.com\n');
      expect(upload.status).toBe(202);
      const job = await body(upload);
      await expect
        .poll(async () => (await body(await call(system, `/v1/imports/${job.id}`))).status, { timeout: 60_000, interval: 200 })
        .toBe('complete');
      const completers = new Set(
        (await workflowTaskCompleters(env.TEMPORAL_DEV_SERVER_PORT, `import-${job.id}`)).map((id) => id.split('@')[0]),
      );
      expect(completers).toEqual(new Set([String(replacement)]));

      expect(await pressCtrlC(system.child)).toBe(0);
      expect(processRuns(replacement!)).toBe(false);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      if (system.child.exitCode === null) await pressCtrlC(system.child);
    }
  }, 180_000);

  it('fails to start, with the reason of the worker, when the worker process cannot start', async () => {
    // Nothing listens there: the API starts (it connects to Temporal lazily), the worker cannot.
    const unreachable = `127.0.0.1:${await freePort()}`;
    const start = startBootstrapProcess(
      'start',
      { LOG_LEVEL: 'warn', PORT: String(await freePort()), TEMPORAL_ADDRESS: unreachable, RULEBOOK_DATA_DIR: dataDir },
      'Stop with Ctrl-C',
      children,
    );
    await expect(start).rejects.toThrow(/start exited with 1/);
    await expect(start).rejects.toThrow(/"msg":"cannot start: the worker process could not start: .*ConnectionRefused/);
    expect(processesWith('worker-main.ts').filter((found) => found.parent === children.at(-1)!.pid)).toEqual([]);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 120_000);

  it('takes the worker process with it when npm start is killed with SIGKILL', async () => {
    const system = await npmStart(await freePorts());
    try {
      expect(await stopChild(system.child, 'SIGKILL')).toBeNull();
      await expect.poll(() => processRuns(system.workerPid), { timeout: 10_000, interval: 100 }).toBe(false);
    } finally {
      await stopLeftoverServers();
    }
  }, 120_000);
});
