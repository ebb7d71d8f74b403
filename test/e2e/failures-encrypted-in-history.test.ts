/**
 * Issue 10, defect 5: activity failures reached Temporal's history in clear (message and stack
 * trace), because Worker.create silently dropped the failure converter of a loaded data converter.
 *
 * The real erasure workflow runs on the real worker (startSystem) against the dev server, for a
 * customer id that an operator mistyped as an email — as from `temporal workflow start --input …`,
 * which no API schema checks. Its first activity fails with `No customer has the id "<email>"`.
 * The raw history — through a client without the codec, and through the `temporal` CLI — must hold
 * neither the message, nor its stack trace, nor the email; the client with the codec reads both.
 */
import { ActivityFailure, Client, WorkflowFailedError, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { temporalCliPath } from '../../src/temporal/temporal-executables';
import { useTestSystem } from '../support/running-system';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const email = 'meera.iyer.1987@example.com';
const workflowId = `erasure-failure-check-${randomUUID()}`;
const taskQueue = `rulebook-test-${randomUUID()}`;

/** Byte arrays as latin1 text, so that any clear text inside a payload would show. */
const rawJson = (value: unknown) =>
  JSON.stringify(value, (_key, item) => (item instanceof Uint8Array ? Buffer.from(item).toString('latin1') : item));

describe('failure messages in Temporal history (issue 10, defect 5)', () => {
  const rulebook = useTestSystem({ env: { TEMPORAL_TASK_QUEUE: taskQueue } });
  let raw: Client;
  let failedEvent: HistoryEvent;
  let description: WorkflowExecutionDescription | undefined;

  beforeAll(async () => {
    raw = new Client({ connection: rulebook.system.client.connection, namespace: rulebook.system.client.options.namespace });

    const now = Date.now();
    await rulebook.system.client.workflow.start('erasure', {
      taskQueue,
      workflowId,
      args: [
        {
          customerId: email,
          requestId: randomUUID(),
          requestedBy: 'ops.failure-check',
          reason: 'an email typed where the customer id goes',
          requestedAt: new Date(now).toISOString(),
          eraseAt: new Date(now + 3_600_000).toISOString(),
        },
      ],
    });
    failedEvent = await vi.waitFor(
      async () => {
        const history = await raw.workflow.getHandle(workflowId).fetchHistory();
        const failed = history.events!.find((event) => event.activityTaskFailedEventAttributes);
        if (!failed) throw new Error('the erasure of an unknown customer recorded no failed activity yet');
        return failed;
      },
      { timeout: 30_000, interval: 200 },
    );
    // Let the workflow react (today: it fails too), so that the history also holds its own failure.
    // Not an assertion: one still running after 10 s is left to the second test, which then checks nothing.
    await vi
      .waitFor(
        async () => {
          description = await raw.workflow.getHandle(workflowId).describe();
          if (description.status.name === 'RUNNING') throw new Error('the workflow is still running');
        },
        { timeout: 10_000, interval: 200 },
      )
      .catch(() => {});
  });

  afterAll(async () => {
    if (description?.status.name === 'RUNNING')
      await raw.workflow
        .getHandle(workflowId)
        .terminate('test over')
        .catch(() => {});
  });

  it('keeps the activity failure message, its stack trace and the email out of the raw history (client without codec)', async () => {
    // With the codec, the failure reads as the activity threw it — so we know what to look for.
    const decoded = await decodeOptionalFailureToOptionalError(
      rulebook.system.client.options.loadedDataConverter,
      failedEvent.activityTaskFailedEventAttributes!.failure,
    );
    // The activity's own failure (the workflow sees it wrapped in an ActivityFailure).
    const application = decoded as ApplicationFailure;
    expect(application).toBeInstanceOf(ApplicationFailure);
    expect(application.message).toBe(`No customer has the id "${email}". Check the id, or create the customer with POST /v1/customers.`);
    const frames = (application.stack ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at '));
    expect(frames.length).toBeGreaterThan(0);

    const failure = failedEvent.activityTaskFailedEventAttributes!.failure!;
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(Buffer.from(failure.encodedAttributes!.metadata!.encoding!).toString()).toBe('binary/encrypted');

    const everything = rawJson(await raw.workflow.getHandle(workflowId).fetchHistory());
    for (const secret of [email, 'No customer has the id', 'create the customer with POST', ...frames]) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(everything).not.toMatch(/customer-store\.|\.ts:\d+:\d+/);
  });

  it('lets the client with the codec read the workflow failure and its cause', async () => {
    // The erasure fails with its first activity today; should it one day record the failure and
    // end otherwise, the decoded activity failure above still proves the codec side.
    if (description?.status.name !== 'FAILED') return;
    const failed = await rulebook.system.client.workflow
      .getHandle(workflowId)
      .result()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(WorkflowFailedError);
    const activity = (failed as WorkflowFailedError).cause as ActivityFailure;
    expect(activity).toBeInstanceOf(ActivityFailure);
    expect(activity.cause?.message).toMatch(`No customer has the id "${email}"`);
  });

  it('shows the same nothing through `temporal workflow show --output json`', async () => {
    const { stdout } = await promisify(execFile)(
      temporalCliPath(),
      [
        'workflow',
        'show',
        '--output',
        'json',
        '--address',
        inject('temporalAddress'),
        '--namespace',
        raw.options.namespace,
        '--workflow-id',
        workflowId,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toMatch(/ACTIVITY_TASK_FAILED|ActivityTaskFailed/);
    expect(stdout).toContain('Encoded failure');
    for (const secret of [email, 'No customer has the id', 'customer-store']) expect(stdout, secret).not.toContain(secret);
    expect(stdout).not.toMatch(/\.ts:\d+:\d+/);
  });
});
