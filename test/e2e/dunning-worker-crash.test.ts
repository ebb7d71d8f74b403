/**
 * A worker killed (SIGKILL) in the middle of a reminder sequence and started again loses no step
 * and repeats none: on the shared dev server, over HTTP, with the whole system in a child process.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { startChildSystem, stopChild, type ChildSystem } from '../support/child-system';
import { freePort } from '../../src/net/free-port';
import { body } from '../support/running-system';

const dataDir = mkdtempSync(path.join(tmpdir(), 'rulebook-crash-'));
const children: ChildProcess[] = [];
const token = 'crash-test-token-0123456789';

describe('dunning across a worker crash', () => {
  afterAll(async () => {
    for (const child of children) await stopChild(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every overdue step exactly once although the process is killed mid-sequence', async () => {
    const env = {
      RULEBOOK_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      API_TOKENS: token,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `crash-${randomUUID()}`,
      RULEBOOK_WATCH_RULES: 'false',
    };
    const call = (system: ChildSystem, route: string, method = 'GET', json?: unknown) =>
      fetch(`${system.apiUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json !== undefined && { 'content-type': 'application/json' }) },
        ...(json !== undefined && { body: JSON.stringify(json) }),
      });

    const first = await startChildSystem(env, children);
    await call(first, '/v1/customers', 'POST', { id: 'C-crash', email: 'crash@example.com' });
    await call(first, '/v1/customers/C-crash/profiles/account-type', 'PUT', { profileId: 'standard', assignedBy: 'ar' });
    // Due 20 days ago: the −3, +1, +7 and +15 day steps are all overdue and run back to back; +30 is ahead.
    const dueDate = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await call(first, '/v1/invoices', 'POST', {
      id: 'INV-crash',
      customerId: 'C-crash',
      amount: 5000,
      currency: 'INR',
      dueDate,
      issuedAt: new Date().toISOString(),
    });
    expect(created.status).toBe(201);
    await stopChild(first.child, 'SIGKILL');

    const second = await startChildSystem(env, children);
    try {
      const planNow = async () => body(await call(second, '/v1/invoices/INV-crash/dunning'));
      const plan = await vi.waitFor(
        async () => {
          const current = await planNow();
          expect(current.steps.map((step: { id: string; outcome: string }) => `${step.id}:${step.outcome}`)).toEqual([
            'reminder-before-due:done',
            'first-reminder:done',
            'sms-reminder:done',
            'call:done',
            'formal-notice:pending',
          ]);
          return current;
        },
        { timeout: 20_000, interval: 200 },
      );
      const tasks = await body(await call(second, '/v1/tasks?kind=call'));
      expect(tasks.tasks.filter((task: { invoiceId: string }) => task.invoiceId === 'INV-crash')).toHaveLength(1);
      // Steps are claimed in the database by (invoice, step): a replayed activity cannot run one twice.
      // Once the workflow waits on the timer of the +30 step (its steps run one after another, so
      // every earlier activity has ended), no step can run again: the plan must not have changed.
      await sequenceWaitsForItsNextStep('dunning-INV-crash');
      const again = await body(await call(second, '/v1/invoices/INV-crash/dunning'));
      expect(again.steps.map((step: { ranAt?: string }) => step.ranAt)).toEqual(plan.steps.map((step: { ranAt?: string }) => step.ranAt));
    } finally {
      await stopChild(second.child, 'SIGINT');
    }
  }, 240_000);
});

/** Waits until the workflow's history ends with a timer started: it waits for its next step, nothing runs. */
async function sequenceWaitsForItsNextStep(workflowId: string): Promise<void> {
  // No codec needed: only the event types are read, never a payload.
  const client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  try {
    await vi.waitFor(
      async () => {
        const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events!;
        expect(events.at(-1)?.eventType).toBe(temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED);
      },
      { timeout: 20_000, interval: 200 },
    );
  } finally {
    await client.connection.close();
  }
}
