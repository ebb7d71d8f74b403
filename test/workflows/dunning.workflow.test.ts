/**
 * Reminder sequences on the time-skipping server with their real activities on a real database:
 * steps in order at due date + offset write their messages and tasks, and a payment stops them.
 * The workflow's own rules, without a database, are in dunning-state-machine.workflow.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules';
import { mergeCustomers } from '../../src/store/customer-lifecycle-store';
import type { PinnedStep } from '../../src/store/dunning-store';
import { dunning, paymentSignal, planQuery } from '../../workflows/dunning';
import { testData } from '../support/factories';
import { shippedRules } from '../support/rule-dirs';
import { sleepUntil, useTimeSkippingWorld } from '../support/time-skipping';

const day = 86_400_000;
const steps: PinnedStep[] = [
  { id: 'before-due', offsetDays: -5, action: 'email', template: 'reminder-before-due' },
  { id: 'week-late', offsetDays: 7, action: 'sms', template: 'overdue-sms' },
  { id: 'call', offsetDays: 15, action: 'call-task', template: 'overdue-call' },
  {
    id: 'notice',
    offsetDays: 30,
    action: 'formal-notice',
    template: 'formal-notice',
    when: { fact: 'outstanding_amount', operator: 'greaterThan', value: 1000 },
  },
];

describe('dunning sequence (time-skipping)', () => {
  const world = useTimeSkippingWorld(() => loadRuleSet(shippedRules));

  beforeAll(async () => {
    await testData(world.test.db).customer({ id: 'C-dun' });
  });

  async function startSequence(invoiceId: string, amount: number, customerId = 'C-dun') {
    const now = await world.env.currentTimeMs();
    const dueDate = new Date(now + 10 * day).toISOString().slice(0, 10);
    await testData(world.test.db).invoice({ id: invoiceId, customerId, amount, dueDate, issuedAt: new Date(now).toISOString() });
    const handle = await world.env.client.workflow.start(dunning, {
      workflowId: `dunning-${invoiceId}`,
      taskQueue: world.taskQueue,
      args: [{ invoiceId, customerId, scenarioId: 'test', profileId: 'standard', ruleSetVersion: 'v-test', dueDate, steps }],
    });
    return { handle, due: Date.parse(`${dueDate}T00:00:00Z`) };
  }

  const sleepUntilTime = (at: number) => sleepUntil(world.env, at);
  const states = async (handle: Awaited<ReturnType<typeof startSequence>>['handle']) =>
    (await handle.query(planQuery)).steps.map((step) => step.state);

  it('runs −5 / +7 / +15 in order and stops at payment before +30', async () => {
    const { handle, due } = await startSequence('INV-1', 1500);
    await sleepUntilTime(due - 5 * day + 3_600_000);
    expect(await states(handle)).toEqual(['done', 'pending', 'pending', 'pending']);
    await sleepUntilTime(due + 7 * day + 3_600_000);
    expect(await states(handle)).toEqual(['done', 'done', 'pending', 'pending']);
    await sleepUntilTime(due + 15 * day + 3_600_000);
    expect(await states(handle)).toEqual(['done', 'done', 'done', 'pending']);

    await testData(world.test.db).payment({ id: 'PAY-1', invoiceId: 'INV-1' });
    await handle.signal(paymentSignal);
    const plan = await handle.result();
    expect(plan).toMatchObject({ state: 'ended', endReason: 'paid' });
    expect(plan.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'pending']);

    const outbox = await world.test.db.query<{ id: string; channel: string }>(
      `SELECT id, channel FROM notification_outbox WHERE invoice_id = 'INV-1' ORDER BY queued_at`,
    );
    expect(outbox).toEqual([
      { id: 'INV-1:before-due', channel: 'email' },
      { id: 'INV-1:week-late', channel: 'sms' },
    ]);
    const tasks = await world.test.db.query<{ kind: string }>(`SELECT kind FROM tasks WHERE invoice_id = 'INV-1'`);
    expect(tasks).toEqual([{ kind: 'call' }]);
  });

  it("waits for the moments pinned with its steps (the start of their day in the account's time zone)", async () => {
    const now = await world.env.currentTimeMs();
    const dueDate = new Date(now + 10 * day).toISOString().slice(0, 10);
    await testData(world.test.db).invoice({
      id: 'INV-tz',
      customerId: 'C-dun',
      amount: 1500,
      dueDate,
      issuedAt: new Date(now).toISOString(),
    });
    // Asia/Kolkata: each day starts 5 h 30 min before it does in UTC.
    const kolkata = (offsetDays: number) => new Date(Date.parse(`${dueDate}T00:00:00Z`) + offsetDays * day - 5.5 * 3_600_000).toISOString();
    const pinned = steps.map((step) => ({ ...step, at: kolkata(step.offsetDays) }));
    const handle = await world.env.client.workflow.start(dunning, {
      workflowId: 'dunning-INV-tz',
      taskQueue: world.taskQueue,
      args: [
        {
          invoiceId: 'INV-tz',
          customerId: 'C-dun',
          scenarioId: 'test',
          profileId: 'standard',
          ruleSetVersion: 'v-test',
          dueDate,
          steps: pinned,
        },
      ],
    });
    expect((await handle.query(planQuery)).steps.map((step) => step.at)).toEqual(pinned.map((step) => step.at));
    // An hour after the first step's moment in Kolkata, and still before midnight UTC: it ran.
    await sleepUntilTime(Date.parse(kolkata(-5)) + 3_600_000);
    expect(await states(handle)).toEqual(['done', 'pending', 'pending', 'pending']);
    await testData(world.test.db).payment({ id: 'PAY-tz', invoiceId: 'INV-tz' });
    await handle.signal(paymentSignal);
    expect(await handle.result()).toMatchObject({ state: 'ended', endReason: 'paid' });
  });

  it('lets a step see a partial payment: the formal notice is skipped once 1,000 or less is owed', async () => {
    const { handle, due } = await startSequence('INV-2', 1500);
    await sleepUntilTime(due + 20 * day);
    await testData(world.test.db).payment({ id: 'PAY-2', invoiceId: 'INV-2', amount: 600 });
    await handle.signal(paymentSignal);
    const plan = await handle.result();
    expect(plan).toMatchObject({ endReason: 'all-steps-done' });
    expect(plan.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'skipped']);
    const [run] = await world.test.db.query<{ detail: string }>(
      `SELECT detail FROM dunning_step_runs WHERE invoice_id = 'INV-2' AND step_id = 'notice'`,
    );
    expect(run!.detail).toBe('its condition does not hold');
  });

  it("goes on for the survivor when its customer is merged away midway: the later steps' messages, tasks and conditions are the survivor's", async () => {
    await testData(world.test.db).customer({ id: 'C-dun-dup' });
    await testData(world.test.db).customer({ id: 'C-dun-kept' });
    // The workflow keeps the duplicate's id in its history: the invoice, moved by the merge, says whose the steps are.
    const { handle, due } = await startSequence('INV-dun-merged', 1500, 'C-dun-dup');
    await sleepUntilTime(due - 5 * day + 3_600_000);
    expect(await states(handle)).toEqual(['done', 'pending', 'pending', 'pending']);
    await mergeCustomers(world.test.db, 'C-dun-kept', 'C-dun-dup', 'ops');
    const plan = await handle.result();
    // The formal notice's condition (more than 1,000 owed) holds on the survivor, who owes the 1,500 now.
    expect(plan).toMatchObject({ state: 'ended', endReason: 'all-steps-done' });
    expect(plan.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done']);
    const owners = await world.test.db.query<{ customer_id: string }>(
      `SELECT customer_id FROM notification_outbox WHERE invoice_id = 'INV-dun-merged'
       UNION ALL SELECT customer_id FROM tasks WHERE invoice_id = 'INV-dun-merged'`,
    );
    expect(owners.map((row) => row.customer_id)).toEqual(['C-dun-kept', 'C-dun-kept', 'C-dun-kept', 'C-dun-kept']);
  });
});
