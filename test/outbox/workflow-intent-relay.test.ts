/**
 * The outbox to Temporal on a real PostgreSQL and a real Temporal dev server (no worker: the
 * workflows' histories show what was delivered): intents are delivered in order per workflow,
 * reschedules coalesce, two relays never deliver one intent twice, an outage leaves a backlog that
 * drains once Temporal answers, and an intent undeliverable past the horizon is dead and listed.
 * Intents queued with a coalescing delay wait for it, unless an intent due at once follows them.
 */
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/net/free-port';
import { defaultRelayPolicy, relayIntents, startIntentRelay } from '../../src/outbox/workflow-intent-relay';
import { expireIntents, intentBacklog, listIntents, queueIntents } from '../../src/store/workflow-intent-store';
import { codHoldWorkflowId, returnsWindowWorkflowId } from '../../src/temporal/workflow-client';
import { signalIntent, signalWithStartIntent, startIntent } from '../../src/temporal/workflow-intents';
import { codHold, settledSignal } from '../../workflows/cod-hold';
import { rescheduleSignal, returnsWindow } from '../../workflows/returns-window';
import { emptyAllTables, useTestDatabase } from '../support/test-databases';

const test = useTestDatabase();
const taskQueue = `rulebook-relay-${randomUUID()}`;
let client: Client;
const deps = () => ({ client, taskQueue });
/** Fast retries, so that a test sees a failed intent tried again. */
const quickRetries = { ...defaultRelayPolicy, firstRetryMs: 10, maxRetryMs: 50 };

beforeAll(async () => {
  // Plain JSON payloads (no codec), so that the test reads the signals' arguments from the histories.
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
});
afterAll(async () => client.connection.close());
beforeEach(async () => emptyAllTables(test.db));

const hold = (orderId: string) =>
  startIntent(codHold, { workflowId: codHoldWorkflowId(orderId), args: [{ orderId, longestTransitMs: 60_000 }], policy: 'once' });
const settle = (orderId: string, reason: string) =>
  signalWithStartIntent(
    codHold,
    { workflowId: codHoldWorkflowId(orderId), args: [{ orderId, longestTransitMs: 60_000 }], policy: 'once' },
    settledSignal,
    [{ reason }],
  );
const reschedule = (customerId: string, at: string, deferMs?: number) =>
  signalWithStartIntent(
    returnsWindow,
    { workflowId: returnsWindowWorkflowId(customerId), args: [{ customerId }], policy: 'again-after-close' },
    rescheduleSignal,
    [{ at }],
    { coalesceKey: 'reschedule', ...(deferMs && { deferMs }) },
  );
/** A reschedule without a coalescing key and without delay (signalled only if the workflow runs). */
const plainReschedule = (customerId: string, at: string) => signalIntent(returnsWindowWorkflowId(customerId), rescheduleSignal, { at });

/** The signals a workflow received, in order, with their decoded arguments. */
async function signalsOf(workflowId: string): Promise<Array<{ name: string; args: unknown[] }>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return history
    .events!.map((event) => event.workflowExecutionSignaledEventAttributes)
    .filter((attributes) => !!attributes)
    .map((attributes) => ({
      name: attributes.signalName!,
      args: (attributes.input?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload)),
    }));
}

async function drain(policy = defaultRelayPolicy) {
  for (let round = 0; round < 50 && (await intentBacklog(test.db)).pending > 0; round++) await relayIntents(test.db, deps(), policy);
}

describe('the outbox to Temporal', () => {
  it('delivers the intents of one workflow in the order they were committed', async () => {
    const orderId = `O-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [hold(orderId), settle(orderId, 'delivered')]));
    await drain();
    expect(await signalsOf(codHoldWorkflowId(orderId))).toEqual([{ name: 'settled', args: [{ reason: 'delivered' }] }]);
    // Started by the first intent (its start input), signalled by the second: not started by the signal.
    const started = (await client.workflow.getHandle(codHoldWorkflowId(orderId)).fetchHistory()).events![0]!;
    expect(started.workflowExecutionStartedEventAttributes).toBeTruthy();
    expect(await listIntents(test.db, { status: 'pending' })).toEqual([]);
    expect(await listIntents(test.db, { status: 'delivered' })).toHaveLength(2);
  });

  it('delivers reschedules not yet delivered once, with the newest moment', async () => {
    const customerId = `C-${randomUUID()}`;
    for (const at of ['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z'])
      await test.db.transaction((tx) => queueIntents(tx, [reschedule(customerId, at)]));
    await drain();
    expect(await signalsOf(returnsWindowWorkflowId(customerId))).toEqual([
      { name: 'reschedule', args: [{ at: '2027-03-01T00:00:00.000Z' }] },
    ]);
    expect(await listIntents(test.db, { status: 'pending' })).toEqual([]);
  });

  it('never delivers one intent twice when two relays run at once', async () => {
    const orders = Array.from({ length: 40 }, (_, index) => `O-two-${index}-${randomUUID()}`);
    await test.db.transaction((tx) =>
      queueIntents(
        tx,
        orders.flatMap((orderId) => [hold(orderId), settle(orderId, 'delivered')]),
      ),
    );
    const relays = [startIntentRelay(test.db, deps(), { intervalMs: 5 }), startIntentRelay(test.db, deps(), { intervalMs: 5 })];
    try {
      await expect.poll(async () => (await intentBacklog(test.db)).pending, { timeout: 20_000 }).toBe(0);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    for (const orderId of orders) expect(await signalsOf(codHoldWorkflowId(orderId)), orderId).toHaveLength(1);
    const [counts] = await test.db.query<{ delivered: number; attempts: number }>(
      'SELECT count(*)::int AS delivered, sum(attempts)::int AS attempts FROM workflow_intents WHERE delivered_at IS NOT NULL',
    );
    expect(counts).toEqual({ delivered: 80, attempts: 80 });
  });

  it('keeps intents while Temporal is unreachable, saying why, and delivers them once it answers', async () => {
    const orderId = `O-outage-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [hold(orderId)]));
    const unreachable = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1 second' }),
    });
    try {
      expect(await relayIntents(test.db, { client: unreachable, taskQueue }, { ...quickRetries, leaseMs: 4_000 })).toMatchObject({
        delivered: 0,
      });
    } finally {
      await unreachable.connection.close();
    }
    const [waiting] = await listIntents(test.db, { status: 'pending' });
    expect(waiting).toMatchObject({ workflowId: codHoldWorkflowId(orderId), attempts: 1, lastError: expect.any(String) });
    expect((await intentBacklog(test.db)).pending).toBe(1);
    await expect.poll(async () => (await relayIntents(test.db, deps(), quickRetries)).delivered, { timeout: 5_000 }).toBe(1);
    expect((await client.workflow.getHandle(codHoldWorkflowId(orderId)).describe()).status.name).toBe('RUNNING');
  });

  it('gives an intent up as dead after the horizon, lists it, and lets the next intents of its workflow through', async () => {
    const orderId = `O-dead-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [hold(orderId)]));
    await test.db.query(`UPDATE workflow_intents SET queued_at = now() - interval '8 days'`);
    await expireIntents(test.db, defaultRelayPolicy.horizonMs);
    expect(await listIntents(test.db, { status: 'dead' })).toEqual([
      expect.objectContaining({ workflowId: codHoldWorkflowId(orderId), status: 'dead', lastError: expect.stringMatching(/horizon/) }),
    ]);
    expect(await intentBacklog(test.db)).toMatchObject({ pending: 0, dead: 1 });
    await test.db.transaction((tx) => queueIntents(tx, [settle(orderId, 'cancelled')]));
    await drain();
    expect(await signalsOf(codHoldWorkflowId(orderId))).toEqual([{ name: 'settled', args: [{ reason: 'cancelled' }] }]);
  });
});

describe('workflow intents with a coalescing delay', () => {
  const moments = ['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z'];
  /** Long enough that a relay round right after queuing surely comes before its end. */
  const delay = 1_000;

  it('are not claimed before their delay, and are claimed after it', async () => {
    const customerId = `C-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [reschedule(customerId, moments[0]!, delay)]));
    // Waiting, but not late: the age of the backlog counts from the end of the delay.
    expect(await intentBacklog(test.db)).toMatchObject({ pending: 1, oldestPendingSeconds: 0 });
    expect(await relayIntents(test.db, deps())).toMatchObject({ delivered: 0 });
    await expect.poll(async () => (await relayIntents(test.db, deps())).delivered, { timeout: 5_000, interval: 50 }).toBe(1);
    const [delivered] = await listIntents(test.db, { status: 'delivered' });
    expect(Date.parse(delivered!.deliveredAt!) - Date.parse(delivered!.queuedAt!)).toBeGreaterThanOrEqual(delay);
    expect(await signalsOf(returnsWindowWorkflowId(customerId))).toEqual([{ name: 'reschedule', args: [{ at: moments[0] }] }]);
  });

  it('delivers a far reschedule once, with the newest moment', async () => {
    const customerId = `C-${randomUUID()}`;
    for (const at of moments) await test.db.transaction((tx) => queueIntents(tx, [reschedule(customerId, at, delay)]));
    expect(await relayIntents(test.db, deps())).toMatchObject({ delivered: 0 });
    const relayed = async () => {
      await relayIntents(test.db, deps());
      return (await intentBacklog(test.db)).pending;
    };
    await expect.poll(relayed, { timeout: 5_000, interval: 50 }).toBe(0);
    expect(await signalsOf(returnsWindowWorkflowId(customerId))).toEqual([{ name: 'reschedule', args: [{ at: moments[1] }] }]);
    expect(await listIntents(test.db, { status: 'delivered' })).toHaveLength(2);
  });

  it('are due at once when an intent of their workflow without delay follows them, and arrive in order', async () => {
    // The intent without delay in a later transaction, or later in the same list.
    const apart = `C-apart-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [reschedule(apart, moments[1]!, 60_000)]));
    await test.db.transaction((tx) => queueIntents(tx, [plainReschedule(apart, moments[0]!)]));
    const together = `C-together-${randomUUID()}`;
    await test.db.transaction((tx) =>
      queueIntents(tx, [reschedule(together, moments[1]!, 60_000), plainReschedule(together, moments[0]!)]),
    );
    await drain();
    for (const customerId of [apart, together]) {
      expect(await signalsOf(returnsWindowWorkflowId(customerId)), customerId).toEqual([
        { name: 'reschedule', args: [{ at: moments[1] }] },
        { name: 'reschedule', args: [{ at: moments[0] }] },
      ]);
    }
    expect(await listIntents(test.db, { status: 'pending' })).toEqual([]);
  });

  it('do not hold up an intent of their workflow already due, which delivers them with it when they share its key', async () => {
    const customerId = `C-${randomUUID()}`;
    await test.db.transaction((tx) => queueIntents(tx, [reschedule(customerId, moments[0]!)]));
    await test.db.transaction((tx) => queueIntents(tx, [reschedule(customerId, moments[1]!, 60_000)]));
    expect(await relayIntents(test.db, deps())).toMatchObject({ delivered: 1 });
    expect(await signalsOf(returnsWindowWorkflowId(customerId))).toEqual([{ name: 'reschedule', args: [{ at: moments[1] }] }]);
    expect(await listIntents(test.db, { status: 'pending' })).toEqual([]);
  });
});
