/**
 * A profile change ends the former profile's reminder sequences (profile-changed) and starts the new
 * profile's scenario for what is still owed (issue 12 point 9), in the change's transaction through
 * the outbox: each unpaid invoice whose sequence it ended, or that was left to manual handling, gets
 * a new sequence (`dunning-{invoiceId}~{n}` after the first), whose steps due before the change are
 * recorded as skipped. Over HTTP on the running system, with the workflows on the test run's Temporal server.
 */
import { describe, expect, it } from 'vitest';
import { planQuery } from '../../workflows/dunning';
import { aCustomer, anInvoice, aPayment } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

// Ids of this file only: workflow ids are shared by every test file on the run's Temporal server.
const rulebook = useTestSystem();
const day = 86_400_000;
/** The calendar day `days` from today. */
const dayFromNow = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
const planOf = (invoiceId: string) => async () => body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
/** The invoice's sequences as recorded, oldest first. */
const sequencesOf = async (invoiceId: string) =>
  rulebook.system.db.query<{ sequence_no: number; workflow_id: string; scenario_id: string; state: string; end_reason: string | null }>(
    'SELECT sequence_no, workflow_id, scenario_id, state, end_reason FROM dunning_sequences WHERE invoice_id = $1 ORDER BY sequence_no',
    [invoiceId],
  );
/** The status of a workflow in Temporal (RUNNING, COMPLETED …) once the relay has started it. */
const statusOf = async (workflowId: string) => (await (await rulebook.startedWorkflow(workflowId)).describe()).status.name;
const untilSettled = { timeout: 20_000, interval: 100 };

async function customerWithInvoice(
  customerId: string,
  profileId: string | null,
  invoice: { id: string; dueDate: string; amount?: number },
) {
  expect((await rulebook.post('/v1/customers', aCustomer({ id: customerId }))).status).toBe(201);
  if (profileId) expect((await assignProfile(customerId, profileId)).status).toBe(200);
  const request = anInvoice({ customerId, amount: 2500, issuedAt: new Date(Date.now() - 40 * day).toISOString(), ...invoice });
  const res = await rulebook.post('/v1/invoices', request);
  expect(res.status).toBe(201);
  return { request, created: await body(res) };
}

describe('a profile changed by hand', () => {
  it("ends the old scenario's sequence and starts the new one's as the invoice's second, skipping the steps already due", async () => {
    // Due five days ago: of the export scenario (−10, +3, +10, +20, +30, +45), the first two are past.
    await customerWithInvoice('C-pc-1', 'standard', { id: 'INV-pc-1', dueDate: dayFromNow(-5) });
    await expect.poll(planOf('INV-pc-1'), untilSettled).toMatchObject({ sequenceNo: 1, scenarioId: 'standard', state: 'running' });

    expect((await assignProfile('C-pc-1', 'export')).status).toBe(200);
    const plan = await planOf('INV-pc-1')();
    expect(plan).toMatchObject({
      invoiceId: 'INV-pc-1',
      sequenceNo: 2,
      workflowId: 'dunning-INV-pc-1~2',
      scenarioId: 'export',
      profileSetId: 'account-type',
      profileId: 'export',
      startedOn: 'profile-changed',
      state: 'running',
      previousSequences: [
        { sequenceNo: 1, workflowId: 'dunning-INV-pc-1', scenarioId: 'standard', state: 'ended', endReason: 'profile-changed' },
      ],
    });
    expect(plan.steps.map((step: { id: string; outcome: string }) => [step.id, step.outcome])).toEqual([
      ['reminder-before-due', 'skipped'],
      ['first-reminder', 'skipped'],
      ['statement', 'pending'],
      ['call', 'pending'],
      ['reminder-letter', 'pending'],
      ['formal-notice', 'pending'],
    ]);
    expect(plan.steps[0].detail).toMatch(/^due before the profile change that started this sequence/);

    // The new workflow runs, and records the past steps as skipped, sending nothing for them.
    const second = await rulebook.startedWorkflow('dunning-INV-pc-1~2');
    await expect
      .poll(async () => (await second.query(planQuery)).steps.map((step) => step.state), untilSettled)
      .toEqual(['skipped', 'skipped', 'pending', 'pending', 'pending', 'pending']);
    expect(await second.query(planQuery)).toMatchObject({ scenarioId: 'export', state: 'running' });
    // The first one ended with profile-changed.
    const first = await rulebook.startedWorkflow('dunning-INV-pc-1');
    expect(await first.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
    const sentForSecond = await rulebook.system.db.query(`SELECT id FROM notification_outbox WHERE id LIKE 'INV-pc-1~2:%'`);
    expect(sentForSecond).toEqual([]);
  });

  it('addresses pause, resume and stop to the current sequence; one stopped for another reason is not started again', async () => {
    await customerWithInvoice('C-pc-cmd', 'standard', { id: 'INV-pc-cmd', dueDate: dayFromNow(20) });
    expect((await assignProfile('C-pc-cmd', 'key-account')).status).toBe(200);
    const paused = await rulebook.post('/v1/invoices/INV-pc-cmd/dunning/pause', { reason: 'disputed' });
    expect(paused.status).toBe(200);
    expect(await body(paused)).toMatchObject({ workflowId: 'dunning-INV-pc-cmd~2', scenarioId: 'key-account', state: 'paused' });
    expect((await rulebook.post('/v1/invoices/INV-pc-cmd/dunning/resume', {})).status).toBe(200);
    const stopped = await rulebook.post('/v1/invoices/INV-pc-cmd/dunning/stop', { reason: 'written-off' });
    expect(stopped.status).toBe(200);
    expect(await body(stopped)).toMatchObject({ sequenceNo: 2, state: 'ended', endReason: 'written-off' });
    await expect.poll(planOf('INV-pc-cmd'), untilSettled).toMatchObject({ state: 'ended', endReason: 'written-off' });

    // Written off: a later change starts nothing for it.
    expect((await assignProfile('C-pc-cmd', 'standard')).status).toBe(200);
    expect((await sequencesOf('INV-pc-cmd')).map((sequence) => sequence.sequence_no)).toEqual([1, 2]);
  });

  it("starts the new profile's scenario for an invoice left to manual handling (to-assign), as its first sequence", async () => {
    const { request, created } = await customerWithInvoice('C-pc-case', null, { id: 'INV-pc-case', dueDate: dayFromNow(20) });
    expect(created.dunning).toEqual({ scenarioId: null, manualHandling: true });
    expect((await rulebook.api('/v1/invoices/INV-pc-case/dunning')).status).toBe(404);

    expect((await assignProfile('C-pc-case', 'standard')).status).toBe(200);
    const plan = await planOf('INV-pc-case')();
    expect(plan).toMatchObject({
      sequenceNo: 1,
      workflowId: 'dunning-INV-pc-case',
      scenarioId: 'standard',
      startedOn: 'profile-changed',
      state: 'running',
      previousSequences: [],
    });
    // Due in 20 days: every step is still to come.
    expect(plan.steps.every((step: { outcome: string }) => step.outcome === 'pending')).toBe(true);
    expect(await statusOf('dunning-INV-pc-case')).toBe('RUNNING');
    // The task made when it was left to manual handling no longer applies: cancelled, under the profile it was made with.
    const tasks = await body(await rulebook.api('/v1/tasks?kind=manual-handling&profile=to-assign&status=cancelled'));
    expect(tasks.tasks.find((task: { invoiceId: string }) => task.invoiceId === 'INV-pc-case')).toMatchObject({
      closeReason: 'reminders-started',
    });
    // A repeated invoice request answers the sequence it has now.
    const repeated = await rulebook.post('/v1/invoices', request);
    expect(repeated.status).toBe(200);
    expect((await body(repeated)).dunning).toEqual({ scenarioId: 'standard', workflowId: 'dunning-INV-pc-case' });
  });

  it('starts nothing for a paid invoice, and leaves the open one to manual handling when the new profile has no scenario', async () => {
    await customerWithInvoice('C-pc-paid', 'standard', { id: 'INV-pc-paid', dueDate: dayFromNow(20) });
    const open = await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-pc-open', customerId: 'C-pc-paid', dueDate: dayFromNow(20) }));
    expect(open.status).toBe(201);
    expect((await rulebook.post('/v1/invoices/INV-pc-paid/payments', aPayment({ amount: 2500 }))).status).toBe(201);
    await expect.poll(planOf('INV-pc-paid'), untilSettled).toMatchObject({ state: 'ended', endReason: 'paid' });

    // To a profile without a scenario: the open invoice's sequence ends, none starts, and the
    // invoice becomes a manual-handling task of to-assign (the paid one does not), counted under
    // scenario none in the receivables as on the tasks.
    const unassigned = async () => (await body(await rulebook.api('/v1/receivables?scenario=none'))).total.invoices as number;
    const before = await unassigned();
    expect((await assignProfile('C-pc-paid', 'to-assign')).status).toBe(200);
    expect(await unassigned()).toBe(before + 1);
    expect(await sequencesOf('INV-pc-open')).toEqual([
      expect.objectContaining({ sequence_no: 1, state: 'ended', end_reason: 'profile-changed' }),
    ]);
    const manual = (await body(await rulebook.api('/v1/tasks?profile=to-assign&kind=manual-handling'))).tasks as Array<{
      customerId: string;
      invoiceId: string;
    }>;
    expect(manual.filter((task) => task.customerId === 'C-pc-paid').map((task) => task.invoiceId)).toEqual(['INV-pc-open']);
    await expect.poll(() => statusOf('dunning-INV-pc-open'), untilSettled).toBe('COMPLETED');

    // Then to export: the open invoice gets export's sequence, the paid one nothing.
    expect((await assignProfile('C-pc-paid', 'export')).status).toBe(200);
    expect((await sequencesOf('INV-pc-open')).map((sequence) => [sequence.sequence_no, sequence.scenario_id, sequence.state])).toEqual([
      [1, 'standard', 'ended'],
      [2, 'export', 'running'],
    ]);
    expect(await sequencesOf('INV-pc-paid')).toEqual([expect.objectContaining({ sequence_no: 1, state: 'ended', end_reason: 'paid' })]);
    const queued = await rulebook.system.db.query(`SELECT 1 FROM workflow_intents WHERE workflow_id LIKE 'dunning-INV-pc-paid~%'`);
    expect(queued).toEqual([]);
    expect(await statusOf('dunning-INV-pc-open~2')).toBe('RUNNING');
  });
});

describe('profile changes in quick succession', () => {
  it("A → B → C leaves exactly one running sequence, the last profile's", async () => {
    await customerWithInvoice('C-pc-abc', 'standard', { id: 'INV-pc-abc', dueDate: dayFromNow(20) });
    // Without waiting for any workflow in between.
    expect((await assignProfile('C-pc-abc', 'export')).status).toBe(200);
    expect((await assignProfile('C-pc-abc', 'key-account')).status).toBe(200);

    expect((await sequencesOf('INV-pc-abc')).map((sequence) => [sequence.scenario_id, sequence.state, sequence.end_reason])).toEqual([
      ['standard', 'ended', 'profile-changed'],
      ['export', 'ended', 'profile-changed'],
      ['key-account', 'running', null],
    ]);
    for (const workflowId of ['dunning-INV-pc-abc', 'dunning-INV-pc-abc~2']) {
      await expect.poll(() => statusOf(workflowId), untilSettled).toBe('COMPLETED');
    }
    expect(await statusOf('dunning-INV-pc-abc~3')).toBe('RUNNING');
    await expect.poll(planOf('INV-pc-abc'), untilSettled).toMatchObject({ sequenceNo: 3, scenarioId: 'key-account', state: 'running' });
  });

  it('concurrent changes leave exactly one running sequence, that of the profile the customer ends with', async () => {
    await customerWithInvoice('C-pc-race', 'standard', { id: 'INV-pc-race', dueDate: dayFromNow(20) });
    const answers = await Promise.all(
      ['export', 'key-account', 'standard', 'export'].map((profile) => assignProfile('C-pc-race', profile)),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    const held = (await body(await rulebook.api('/v1/customers/C-pc-race'))).profiles['account-type'].profileId;

    const sequences = await sequencesOf('INV-pc-race');
    const open = sequences.filter((sequence) => sequence.state !== 'ended');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ scenario_id: held, sequence_no: sequences.length });
    for (const sequence of sequences.slice(0, -1)) {
      await expect.poll(() => statusOf(sequence.workflow_id), untilSettled).toBe('COMPLETED');
    }
    expect(await statusOf(open[0]!.workflow_id)).toBe('RUNNING');
  });

  it('a payment in full arriving with a profile change leaves no sequence running', async () => {
    await customerWithInvoice('C-pc-pay', 'standard', { id: 'INV-pc-pay', dueDate: dayFromNow(20) });
    const [paid, changed] = await Promise.all([
      rulebook.post('/v1/invoices/INV-pc-pay/payments', aPayment({ amount: 2500 })),
      assignProfile('C-pc-pay', 'export'),
    ]);
    expect([paid.status, changed.status]).toEqual([201, 200]);
    // Whichever committed first, every sequence of the invoice ends (paid, or profile-changed) and its workflow closes.
    await expect
      .poll(async () => (await sequencesOf('INV-pc-pay')).filter((sequence) => sequence.state !== 'ended'), untilSettled)
      .toEqual([]);
    // The payment first: the first sequence ends on it or on the change (whichever its workflow hears first), and
    // none starts; the change first: the payment reaches the export sequence it started, which ends paid.
    const sequences = await sequencesOf('INV-pc-pay');
    if (sequences.length === 1) expect(['paid', 'profile-changed']).toContain(sequences[0]!.end_reason);
    else
      expect(sequences.map((sequence) => [sequence.scenario_id, sequence.end_reason])).toEqual([
        ['standard', 'profile-changed'],
        ['export', 'paid'],
      ]);
    for (const sequence of sequences) await expect.poll(() => statusOf(sequence.workflow_id), untilSettled).toBe('COMPLETED');
  });
});

describe('a profile reassigned in bulk (POST /v1/profile-sets/{set}/profiles/{id}/reassign)', () => {
  it("moves each holder like a change by hand: the old scenario's sequences end and the new one's start", async () => {
    // Due five days ago: of the standard scenario (−3, +1, +7, +15, +30), the first two are past.
    await customerWithInvoice('C-pc-ra-1', 'export', { id: 'INV-pc-ra-1', dueDate: dayFromNow(-5) });
    await customerWithInvoice('C-pc-ra-2', 'export', { id: 'INV-pc-ra-2', dueDate: dayFromNow(20) });
    await expect.poll(planOf('INV-pc-ra-1'), untilSettled).toMatchObject({ sequenceNo: 1, scenarioId: 'export', state: 'running' });
    const reassign = (dryRun: boolean) =>
      rulebook.post('/v1/profile-sets/account-type/profiles/export/reassign', { to: 'standard', reassignedBy: 'ar.bulk', dryRun });
    // Earlier tests of this file leave customers holding export too: all of them move.
    const holders = await body(await reassign(true));
    expect(holders.count).toBeGreaterThanOrEqual(2);

    const res = await reassign(false);

    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ dryRun: false, from: 'export', to: 'standard', moved: holders.count });
    for (const invoiceId of ['INV-pc-ra-1', 'INV-pc-ra-2']) {
      expect((await sequencesOf(invoiceId)).map((sequence) => [sequence.scenario_id, sequence.state, sequence.end_reason])).toEqual([
        ['export', 'ended', 'profile-changed'],
        ['standard', 'running', null],
      ]);
      const first = await rulebook.startedWorkflow(`dunning-${invoiceId}`);
      expect(await first.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
      expect(await statusOf(`dunning-${invoiceId}~2`)).toBe('RUNNING');
    }
    const plan = await planOf('INV-pc-ra-1')();
    expect(plan).toMatchObject({
      sequenceNo: 2,
      workflowId: 'dunning-INV-pc-ra-1~2',
      scenarioId: 'standard',
      profileId: 'standard',
      startedOn: 'profile-changed',
      state: 'running',
    });
    expect(plan.steps.map((step: { id: string; outcome: string }) => [step.id, step.outcome])).toEqual([
      ['reminder-before-due', 'skipped'],
      ['first-reminder', 'skipped'],
      ['sms-reminder', 'pending'],
      ['call', 'pending'],
      ['formal-notice', 'pending'],
    ]);
    // On the timeline as a change by hand, with who moved them and why.
    const timeline = await body(await rulebook.api('/v1/customers/C-pc-ra-2/timeline?limit=100'));
    expect(timeline.entries.find((entry: { kind: string }) => entry.kind === 'profile-changed').detail).toMatchObject({
      setId: 'account-type',
      from: 'export',
      to: 'standard',
      by: 'ar.bulk via token-1',
      reason: 'profile reassigned before removal',
    });
    expect((await body(await rulebook.api('/v1/customers/C-pc-ra-2'))).profiles['account-type']).toMatchObject({
      profileId: 'standard',
      assignedBy: 'ar.bulk via token-1',
    });
    expect((await body(await reassign(true))).count).toBe(0);
  });
});
