/** Invoices start reminder sequences chosen by the customer's profile (seed 001), over HTTP. */
import { beforeAll, describe, expect, it } from 'vitest';
import { recordSequence } from '../../src/store/dunning-store';
import { recordInvoice } from '../../src/store/event-store';
import { setProfile } from '../../src/store/profile-store';
import { followProfileChange } from '../../src/use-cases/dunning-process';
import { planQuery } from '../../workflows/dunning';
import { aCustomer, anInvoice, aPayment, testData } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();
const invoice = (id: string, customerId: string, amount: number) => rulebook.post('/v1/invoices', anInvoice({ id, customerId, amount }));
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
/** The invoice's plan as the API shows it, read anew at each call. */
const planOf = (invoiceId: string) => async () => body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
/** Sequences end asynchronously: the workflow records the end after the request that caused it. */
const untilEnded = { timeout: 5_000, interval: 100 };

beforeAll(async () => {
  await rulebook.post('/v1/customers', aCustomer({ id: 'C-std' }));
  await assignProfile('C-std', 'standard');
  await rulebook.post('/v1/customers', aCustomer({ id: 'C-new' }));
});

describe('dunning', () => {
  it("pins the scenario of the customer's profile with its steps and the rule-set version", async () => {
    const res = await invoice('INV-std', 'C-std', 2500);
    expect(res.status).toBe(201);
    expect((await body(res)).dunning).toEqual({ scenarioId: 'standard', workflowId: 'dunning-INV-std' });
    const plan = await body(await rulebook.api('/v1/invoices/INV-std/dunning'));
    expect(plan).toMatchObject({
      scenarioId: 'standard',
      profileId: 'standard',
      ruleSetVersion: rulebook.system.rules.current.version,
      state: 'running',
    });
    expect(plan.steps.map((step: { offsetDays: number; outcome: string }) => [step.offsetDays, step.outcome])).toEqual([
      [-3, 'pending'],
      [1, 'pending'],
      [7, 'pending'],
      [15, 'pending'],
      [30, 'pending'],
    ]);
    expect((await invoice('INV-std', 'C-std', 2500)).status).toBe(200);
  });

  it('leaves a customer whose profile has no scenario to manual handling', async () => {
    const res = await invoice('INV-new', 'C-new', 800);
    expect((await body(res)).dunning).toEqual({ scenarioId: null, manualHandling: true });
    expect((await rulebook.api('/v1/invoices/INV-new/dunning')).status).toBe(404);
    const tasks = await body(await rulebook.api('/v1/tasks?kind=manual-handling'));
    expect(tasks.tasks).toContainEqual(expect.objectContaining({ kind: 'manual-handling', customerId: 'C-new', invoiceId: 'INV-new' }));
    const ofCustomer = await body(await rulebook.api('/v1/tasks?customerId=C-new'));
    expect(ofCustomer.tasks.map((task: { customerId: string }) => task.customerId)).toEqual(['C-new']);
    expect((await body(await rulebook.api('/v1/tasks?customerId=C-std'))).tasks).toEqual([]);
  });

  it('shows outstanding amounts per profile and per scenario', async () => {
    const view = await body(await rulebook.api('/v1/receivables'));
    expect(view.byProfile).toEqual(
      expect.arrayContaining([
        { profileId: 'standard', invoices: 1, outstanding: 2500 },
        { profileId: 'to-assign', invoices: 1, outstanding: 800 },
      ]),
    );
    expect(view.byScenario).toEqual(
      expect.arrayContaining([
        { scenarioId: 'standard', invoices: 1, outstanding: 2500 },
        { scenarioId: null, invoices: 1, outstanding: 800 },
      ]),
    );
  });

  it('lists who owes what: the unpaid invoices behind the receivables, filtered alike', async () => {
    const all = await body(await rulebook.api('/v1/invoices'));
    expect(all.invoices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          invoiceId: 'INV-std',
          customerId: 'C-std',
          outstanding: 2500,
          profileId: 'standard',
          scenarioId: 'standard',
        }),
        expect.objectContaining({ invoiceId: 'INV-new', customerId: 'C-new', outstanding: 800, profileId: 'to-assign', scenarioId: null }),
      ]),
    );
    const manual = await body(await rulebook.api('/v1/invoices?scenario=none'));
    const totals = await body(await rulebook.api('/v1/receivables?scenario=none'));
    expect(manual.invoices.map((row: { invoiceId: string }) => row.invoiceId)).toContain('INV-new');
    expect(manual.invoices.reduce((sum: number, row: { outstanding: number }) => sum + row.outstanding, 0)).toBe(totals.total.outstanding);
    expect(
      (await body(await rulebook.api('/v1/invoices?customerId=C-std'))).invoices.map((row: { invoiceId: string }) => row.invoiceId),
    ).toEqual(['INV-std']);
    const firstPage = await body(await rulebook.api('/v1/invoices?limit=1'));
    expect(firstPage.invoices).toHaveLength(1);
    const secondPage = await body(await rulebook.api(`/v1/invoices?limit=1&after=${firstPage.next}`));
    expect(secondPage.invoices[0].invoiceId > firstPage.invoices[0].invoiceId).toBe(true);
    expect((await rulebook.api('/v1/invoices?customerId=%3Cx%3E')).status).toBe(422);
  });

  it('shows one invoice, left to manual handling or not', async () => {
    expect(await body(await rulebook.api('/v1/invoices/INV-new'))).toMatchObject({
      invoiceId: 'INV-new',
      amount: 800,
      outstanding: 800,
      scenarioId: null,
      sequenceState: null,
    });
    expect(await body(await rulebook.api('/v1/invoices/INV-std'))).toMatchObject({ scenarioId: 'standard', sequenceState: 'running' });
    const unknown = await rulebook.api('/v1/invoices/INV-nope');
    expect(unknown.status).toBe(404);
    expect((await body(unknown)).detail).toMatch(/No invoice has the id "INV-nope"/);
  });

  it('ends the sequence when the invoice is paid in full', async () => {
    await rulebook.post('/v1/invoices/INV-std/payments', aPayment({ id: 'PAY-std', amount: 2500 }));
    await expect.poll(planOf('INV-std'), untilEnded).toMatchObject({ state: 'ended', endReason: 'paid' });
    // Paid: out of who owes what, still shown on its own.
    expect((await body(await rulebook.api('/v1/invoices?customerId=C-std'))).invoices).toEqual([]);
    expect(await body(await rulebook.api('/v1/invoices/INV-std'))).toMatchObject({ outstanding: 0, sequenceState: 'ended' });
  });

  it('ends for a stop reason of the scenario, answering the ended plan, and refuses others', async () => {
    await invoice('INV-wo', 'C-std', 300);
    expect((await rulebook.post('/v1/invoices/INV-wo/dunning/stop', { reason: 'bored' })).status).toBe(422);
    const stopped = await rulebook.post('/v1/invoices/INV-wo/dunning/stop', { reason: 'written-off' });
    expect(stopped.status).toBe(200);
    expect(await body(stopped)).toMatchObject({
      invoiceId: 'INV-wo',
      scenarioId: 'standard',
      state: 'ended',
      endReason: 'written-off',
      steps: expect.any(Array),
    });
    await expect.poll(planOf('INV-wo'), untilEnded).toMatchObject({ state: 'ended', endReason: 'written-off' });
  });

  it('answers a repeated stop with the same ended plan, and refuses a pause or resume of an ended sequence with a 409 naming why', async () => {
    const repeated = await rulebook.post('/v1/invoices/INV-wo/dunning/stop', { reason: 'written-off' });
    expect(repeated.status).toBe(200);
    expect(await body(repeated)).toMatchObject({ state: 'ended', endReason: 'written-off' });
    for (const [command, json] of [
      ['pause', { reason: 'disputed' }],
      ['resume', {}],
    ] as const) {
      const refused = await rulebook.post(`/v1/invoices/INV-wo/dunning/${command}`, json);
      expect(refused.status, command).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await body(refused)).detail).toMatch(
        new RegExp(`^Invoice INV-wo: the reminder sequence has ended \\(written-off\\): it cannot be ${command}d`),
      );
    }
  });

  it('answers a stop repeated while the first is still ending the sequence with the same ended plan', async () => {
    await invoice('INV-twice', 'C-std', 300);
    // One stop per sequence: the repeat (a caller that got no answer, or a second operator) joins the first.
    const answers = await Promise.all(
      ['written-off', 'promise-to-pay'].map((reason) => rulebook.post('/v1/invoices/INV-twice/dunning/stop', { reason })),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const [first, second] = await Promise.all(answers.map((res) => body(res)));
    expect(first.state).toBe('ended');
    expect(second).toEqual(first);
    expect(['written-off', 'promise-to-pay']).toContain(first.endReason);
  });

  it('answers pause and resume with the plan, paused then running', async () => {
    await invoice('INV-hold', 'C-std', 300);
    const paused = await rulebook.post('/v1/invoices/INV-hold/dunning/pause', { reason: 'disputed' });
    expect(paused.status).toBe(200);
    expect(await body(paused)).toMatchObject({ invoiceId: 'INV-hold', state: 'paused', endReason: null });
    await expect.poll(planOf('INV-hold')).toMatchObject({ state: 'paused' });
    const resumed = await rulebook.post('/v1/invoices/INV-hold/dunning/resume', {});
    expect(resumed.status).toBe(200);
    expect(await body(resumed)).toMatchObject({ invoiceId: 'INV-hold', state: 'running', endReason: null });
    await expect.poll(planOf('INV-hold')).toMatchObject({ state: 'running' });
    // Both are on the customer's timeline, with the reason and who sent them.
    const timeline = await body(await rulebook.api('/v1/customers/C-std/timeline?limit=500'));
    const held = timeline.entries.filter((entry: { detail: { invoiceId?: string } }) => entry.detail.invoiceId === 'INV-hold');
    expect(held.map((entry: { kind: string }) => entry.kind)).toEqual(expect.arrayContaining(['reminders-paused', 'reminders-resumed']));
    expect(held.find((entry: { kind: string }) => entry.kind === 'reminders-paused').detail).toMatchObject({
      reason: 'disputed',
      pausedBy: 'token-1',
    });
  });

  it('answers 404 to a command for an invoice without a sequence', async () => {
    for (const command of ['pause', 'resume', 'stop']) {
      const res = await rulebook.post(`/v1/invoices/INV-new/dunning/${command}`, command === 'stop' ? { reason: 'written-off' } : {});
      expect(res.status, command).toBe(404);
      expect((await body(res)).detail).toMatch(/has no reminder sequence/);
    }
  });

  it("ends running sequences when the customer's profile changes, and starts the new profile's", async () => {
    await invoice('INV-pc', 'C-std', 400);
    await assignProfile('C-std', 'export');
    await expect.poll(planOf('INV-pc'), untilEnded).toMatchObject({
      sequenceNo: 2,
      scenarioId: 'export',
      state: 'running',
      previousSequences: [{ sequenceNo: 1, scenarioId: 'standard', state: 'ended', endReason: 'profile-changed' }],
    });
    const first = await rulebook.startedWorkflow('dunning-INV-pc');
    expect(await first.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
  });

  it('ends them and starts the new ones when the profile change was committed but its caller never got an answer (queued with it)', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-rep' }));
    await assignProfile('C-rep', 'standard');
    await invoice('INV-rep', 'C-rep', 400);
    // What a request that died right after its commit leaves behind: the profile, the queued stop and start, nothing sent.
    await rulebook.system.db.transaction(async (tx) => {
      await setProfile(tx, { customerId: 'C-rep', setId: 'account-type', profileId: 'export', assignedBy: 'ar' });
      await followProfileChange(tx, rulebook.system.rules.current, {
        customerId: 'C-rep',
        setId: 'account-type',
        profileId: 'export',
      });
    });
    const first = await rulebook.startedWorkflow('dunning-INV-rep');
    expect(await first.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
    const second = await rulebook.startedWorkflow('dunning-INV-rep~2');
    expect(await second.query(planQuery)).toMatchObject({ scenarioId: 'export', state: 'running' });
    await expect.poll(planOf('INV-rep'), untilEnded).toMatchObject({
      workflowId: 'dunning-INV-rep~2',
      previousSequences: [{ state: 'ended', endReason: 'profile-changed' }],
    });
  });

  it('leaves sequences running when the profile set by hand does not change', async () => {
    await assignProfile('C-rep', 'standard');
    await invoice('INV-same', 'C-rep', 300);
    expect((await assignProfile('C-rep', 'standard')).status).toBe(200);
    // No stop is queued, and none reached the workflow.
    const queued = await rulebook.system.db.query(
      `SELECT 1 FROM workflow_intents WHERE workflow_id = 'dunning-INV-same' AND signal_name = 'stop'`,
    );
    expect(queued).toEqual([]);
    const sequence = await rulebook.startedWorkflow('dunning-INV-same');
    const stops = (await sequence.fetchHistory()).events!.filter(
      (event) =>
        event.workflowExecutionSignaledEventAttributes?.signalName === 'stop' ||
        event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'stop',
    );
    expect(stops).toEqual([]);
    expect(await sequence.query(planQuery)).toMatchObject({
      state: 'running',
      steps: [{ state: 'pending' }, { state: 'pending' }, { state: 'pending' }, { state: 'pending' }, { state: 'pending' }],
    });
    expect((await planOf('INV-same')()).state).toBe('running');
  });

  it('starts a repeated invoice with the sequence its first attempt pinned, even after a profile change', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-pin' }));
    await assignProfile('C-pin', 'standard');
    const request = anInvoice({ id: 'INV-pin', customerId: 'C-pin', amount: 700 });
    // What a first attempt that died before starting the workflow leaves behind: the invoice and its pinned sequence.
    await rulebook.system.db.transaction(async (tx) => {
      await recordInvoice(tx, request);
      await recordSequence(tx, {
        invoiceId: 'INV-pin',
        customerId: 'C-pin',
        scenarioId: 'standard',
        profileSetId: 'account-type',
        profileId: 'standard',
        ruleSetVersion: 'v-first',
        steps: [{ id: 'only-step', offsetDays: 1, action: 'email', template: 'first-reminder' }],
      });
    });
    await rulebook.system.db.transaction((tx) =>
      setProfile(tx, { customerId: 'C-pin', setId: 'account-type', profileId: 'export', assignedBy: 'ar' }),
    );
    const repeated = await rulebook.post('/v1/invoices', request);
    expect(repeated.status).toBe(200);
    expect((await body(repeated)).dunning).toEqual({ scenarioId: 'standard', workflowId: 'dunning-INV-pin' });
    const plan = await body(await rulebook.api('/v1/invoices/INV-pin/dunning'));
    expect(plan).toMatchObject({ scenarioId: 'standard', ruleSetVersion: 'v-first', state: 'running' });
    expect(plan.steps.map((step: { id: string }) => step.id)).toEqual(['only-step']);
  });
});

describe('the notification outbox over HTTP', () => {
  it('lists waiting reminders with their attempts and next try, and refuses unknown filters', async () => {
    await testData(rulebook.system.db).queuedMessage({
      customerId: 'C-new',
      channel: 'sms',
      template: 'first-reminder',
      invoiceId: 'INV-list',
    });
    const pending = await body(await rulebook.api('/v1/notifications?channel=sms'));
    expect(pending.notifications).toContainEqual(
      expect.objectContaining({
        id: 'INV-list:first-reminder',
        status: 'pending',
        attempts: 0,
        customerId: 'C-new',
        nextAttemptAt: expect.any(String),
      }),
    );
    expect(await body(await rulebook.api('/v1/notifications?status=dead'))).toEqual({ notifications: [] });
    for (const query of ['status=lost', 'limit=0', 'limit=abc', 'limit=99999', 'status=pending&status=dead']) {
      expect((await rulebook.api(`/v1/notifications?${query}`)).status, query).toBe(422);
    }
  });
});
