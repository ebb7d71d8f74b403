/** Cash on delivery over HTTP (seed 002): the two worked scenarios, refusals, and no overspending under contention. */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codHoldsDueWorkflowId, codHoldWorkflowId } from '../../src/temporal/workflow-client';
import { settleCodHold } from '../../src/use-cases/cod-process';
import { deliverIntent, startIntent } from '../../src/temporal/workflow-intents';
import { codHold } from '../../workflows/cod-hold';
import { releasedQuery } from '../../workflows/cod-holds-due';
import { aCustomer, anOrder } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const taskQueue = `rulebook-cod-${randomUUID()}`;
const rulebook = useTestSystem({ rules: {}, env: { RULEBOOK_WATCH_RULES: 'false', TEMPORAL_TASK_QUEUE: taskQueue } });
const settingsFile = path.join(rulebook.rulesDir, 'settings.yaml');
const settings = readFileSync(settingsFile, 'utf8');

function codOrder(id: string, customerId: string, value: number, channel: 'pos' | 'storefront' = 'storefront') {
  return rulebook.post('/v1/orders', anOrder({ id, customerId, value, channel, paymentMethod: 'cod' }));
}
const cod = async (customerId: string) => body(await rulebook.api(`/v1/customers/${customerId}/cod`));

beforeAll(async () => {
  for (const id of ['S1', 'S2', 'S3', 'S4']) await rulebook.post('/v1/customers', aCustomer({ id }));
});

describe('COD limit', () => {
  it('depletes by the order value at once and replenishes on delivery (scenario 1)', async () => {
    expect(await cod('S1')).toMatchObject({
      enabled: { pos: true, storefront: true },
      totalLimit: 50_000,
      available: 50_000,
      openHolds: [],
    });
    expect((await codOrder('O-S1', 'S1', 2_000)).status).toBe(201);
    expect(await cod('S1')).toMatchObject({ available: 48_000, openHolds: [{ orderId: 'O-S1', amount: 2_000 }] });
    await rulebook.post('/v1/orders/O-S1/events', { id: 'O-S1-d', kind: 'delivered', at: new Date().toISOString() });
    expect((await cod('S1')).available).toBe(50_000);
    await rulebook.post('/v1/orders/O-S1/events', { id: 'O-S1-r', kind: 'returned', at: new Date().toISOString() });
    expect((await cod('S1')).available).toBe(50_000);
  });

  it('applies a new Total COD Limit Per User to everyone at once (scenario 2: 70,000 − 2,000 = 68,000)', async () => {
    await codOrder('O-S2', 'S2', 2_000);
    writeFileSync(settingsFile, settings.replace('totalLimitPerUser: 50000', 'totalLimitPerUser: 70000'));
    expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
    expect(await cod('S2')).toMatchObject({ totalLimit: 70_000, available: 68_000 });
    await rulebook.post('/v1/orders/O-S2/events', { id: 'O-S2-d', kind: 'delivered', at: new Date().toISOString() });
    expect((await cod('S2')).available).toBe(70_000);
    writeFileSync(settingsFile, settings);
    expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
  });

  it('refuses an order above the available amount with 422 naming it, and records nothing', async () => {
    await codOrder('O-S3-a', 'S3', 45_000);
    const refused = await codOrder('O-S3-b', 'S3', 6_000);
    expect(refused.status).toBe(422);
    expect(await body(refused)).toMatchObject({
      available: 5_000,
      detail: expect.stringMatching(/exceeds the customer's available COD limit of 5000/),
    });
    expect((await rulebook.api('/v1/customers?q=O-S3-b')).status).toBe(200);
    expect((await body(await rulebook.api('/v1/customers?q=O-S3-b'))).customers).toEqual([]);
    expect((await cod('S3')).available).toBe(5_000);
  });

  it('refuses COD on a channel where it is switched off', async () => {
    await rulebook.patch('/v1/customers/S4', { changedBy: 'credit', codEnabled: { pos: false } });
    const refused = await codOrder('O-S4-pos', 'S4', 100, 'pos');
    expect(refused.status).toBe(422);
    expect((await body(refused)).detail).toMatch(/switched off .* pos channel/);
    expect((await codOrder('O-S4-web', 'S4', 100, 'storefront')).status).toBe(201);
  });

  it('never overspends under concurrent orders, and holds an order id once', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S5' }));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => codOrder(`O-S5-${n}`, 'S5', 10_000)));
    const statuses = answers.map((answer) => answer.status).sort((a, b) => a - b);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 422)).toHaveLength(5);
    const position = await cod('S5');
    expect(position.available).toBe(0);
    expect(position.openHolds).toHaveLength(5);
    const accepted = answers.findIndex((answer) => answer.status === 201);
    expect((await codOrder(`O-S5-${accepted}`, 'S5', 10_000)).status).toBe(200);
    expect((await cod('S5')).openHolds).toHaveLength(5);
  });

  it('answers repeats sent while the first is still in flight as repeats: one 201, the others 200, one hold', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S5b' }));
    const answers = await Promise.all(Array.from({ length: 8 }, () => codOrder('O-S5b', 'S5b', 1_000)));
    const statuses = answers.map((answer) => answer.status).sort((a, b) => a - b);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const position = await cod('S5b');
    expect(position.available).toBe(49_000);
    expect(position.openHolds).toHaveLength(1);
  });

  it('counts in whole paise: holds adding up to 42,123.11 leave exactly 7,876.89, and an order of exactly that is accepted', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S6' }));
    for (const [n, value] of [13_536.39, 6_737.74, 2_765.1, 6_475.33, 12_608.55].entries())
      expect((await codOrder(`O-S6-${n}`, 'S6', value)).status).toBe(201);
    expect((await cod('S6')).available).toBe(7_876.89);
    expect((await codOrder('O-S6-rest', 'S6', 7_876.89)).status).toBe(201);
    expect((await cod('S6')).available).toBe(0);
  });

  it('answers a repeated delivery with 200 and releases the hold once', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S7' }));
    await codOrder('O-S7', 'S7', 1_000);
    const delivery = { id: 'O-S7-d', kind: 'delivered', at: '2026-11-21T10:00:00+05:30' };
    expect((await rulebook.post('/v1/orders/O-S7/events', delivery)).status).toBe(201);
    const repeated = await rulebook.post('/v1/orders/O-S7/events', delivery);
    expect(repeated.status).toBe(200);
    expect(await body(repeated)).toMatchObject({ created: false, codReleased: false });
    expect((await rulebook.post('/v1/orders/O-S7/events', { ...delivery, kind: 'cancelled' })).status).toBe(409);
    expect((await cod('S7')).available).toBe(50_000);
  });

  it('ends an own hold workflow (a hold placed before holds had a due moment) when the release reaches it before the start', async () => {
    const deps = { client: rulebook.system.client, taskQueue };
    const ruleSet = rulebook.system.rules.current;
    const start = startIntent(codHold, {
      workflowId: codHoldWorkflowId('O-early'),
      args: [{ orderId: 'O-early', longestTransitMs: 30 * 86_400_000 }],
      policy: 'once',
    });
    await deliverIntent(deps, settleCodHold(ruleSet, 'O-early', 'delivered'));
    await deliverIntent(deps, start);
    const handle = rulebook.system.client.workflow.getHandle(codHoldWorkflowId('O-early'));
    expect(await handle.result()).toBe('delivered');
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });

  it('watches a hold with the workflow of its due moment, started through the outbox, which a delivery needs not tell', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S8' }));
    const placed = Date.now();
    const answer = await body(await codOrder('O-S8', 'S8', 1_000));
    // Due at the end of the minute it was held in, plus the longest transit time (30 days).
    const dueAt = Date.parse(answer.codHoldDueAt);
    expect(dueAt % 60_000).toBe(0);
    expect(dueAt - placed).toBeGreaterThan(30 * 86_400_000);
    expect(dueAt - placed).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
    expect(answer.codHoldWorkflowId).toBe(codHoldsDueWorkflowId(new Date(dueAt), taskQueue));
    const watcher = await rulebook.startedWorkflow(answer.codHoldWorkflowId);
    expect(await watcher.query(releasedQuery)).toBeNull();

    const delivery = { id: 'O-S8-d', kind: 'delivered' as const, at: '2026-11-21T10:00:00Z' };
    expect((await rulebook.post('/v1/orders/O-S8/events', delivery)).status).toBe(201);
    const intents = await rulebook.system.db.query<{ workflow_id: string }>(
      `SELECT workflow_id FROM workflow_intents WHERE workflow_id IN ($1, $2)`,
      [codHoldWorkflowId('O-S8'), answer.codHoldWorkflowId],
    );
    expect(intents.map((intent) => intent.workflow_id)).not.toContain(codHoldWorkflowId('O-S8'));
    // A repeat of the order names the same workflow and moment.
    expect(await body(await codOrder('O-S8', 'S8', 1_000))).toMatchObject({
      created: false,
      codHoldWorkflowId: answer.codHoldWorkflowId,
      codHoldDueAt: answer.codHoldDueAt,
    });
  });

  it('queues one start for all the holds due at one moment', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'S9' }));
    const startsOf = async (workflowId: string) =>
      (
        await rulebook.system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workflow_intents WHERE workflow_id = $1`, [
          workflowId,
        ])
      )[0]!.n;
    const first = await body(await codOrder('O-S9-1', 'S9', 100));
    const queued = await startsOf(first.codHoldWorkflowId);
    expect(queued).toBeGreaterThanOrEqual(1);
    const later = [await body(await codOrder('O-S9-2', 'S9', 100)), await body(await codOrder('O-S9-3', 'S9', 100))];
    // Orders placed while a hold of the same moment is open queue nothing (unless a minute ended in between).
    const sameMoment = later.filter((answer) => answer.codHoldWorkflowId === first.codHoldWorkflowId);
    if (sameMoment.length === later.length) expect(await startsOf(first.codHoldWorkflowId)).toBe(queued);
    else expect(sameMoment.length).toBeLessThan(later.length);
  });
});
