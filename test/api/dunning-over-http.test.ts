/** Invoices start reminder sequences chosen by the customer's profile (seed 001), over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordSequence } from '../../src/store/dunning-store';
import { recordInvoice } from '../../src/store/event-store';
import { setProfile } from '../../src/store/profile-store';
import { body, startTestSystem, type TestSystem } from '../support/running-system';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../support/test-databases';

let location: TestDatabaseLocation;
let rulebook: TestSystem;
const post = (route: string, json: unknown) => rulebook.api(route, { method: 'POST', json });
const invoice = (id: string, customerId: string, amount: number) =>
  post('/v1/invoices', { id, customerId, amount, currency: 'INR', dueDate: '2027-03-01', issuedAt: '2027-02-01T10:00:00Z' });

beforeAll(async () => {
  location = await createTestDatabaseLocation();
  rulebook = await startTestSystem(location);
  await post('/v1/customers', { id: 'C-std', email: 'std@example.com' });
  await rulebook.api('/v1/customers/C-std/profiles/account-type', { method: 'PUT', json: { profileId: 'standard', assignedBy: 'ar' } });
  await post('/v1/customers', { id: 'C-new', email: 'new@example.com' });
});

afterAll(async () => {
  await rulebook?.system.stop();
  await location?.drop();
});

describe('dunning', () => {
  it("pins the scenario of the customer's profile with its steps and the rule-set version", async () => {
    const res = await invoice('INV-std', 'C-std', 2500);
    expect(res.status).toBe(201);
    expect((await body(res)).dunning).toEqual({ scenarioId: 'standard', workflowId: 'dunning-INV-std' });
    const plan = await body(await rulebook.api('/v1/invoices/INV-std/dunning'));
    expect(plan).toMatchObject({ scenarioId: 'standard', profileId: 'standard', ruleSetVersion: rulebook.system.rules.current.version, state: 'running' });
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
  });

  it('shows outstanding amounts per profile and per scenario', async () => {
    const view = await body(await rulebook.api('/v1/receivables'));
    expect(view.byProfile).toEqual(expect.arrayContaining([{ profileId: 'standard', invoices: 1, outstanding: 2500 }, { profileId: 'to-assign', invoices: 1, outstanding: 800 }]));
    expect(view.byScenario).toEqual(expect.arrayContaining([{ scenarioId: 'standard', invoices: 1, outstanding: 2500 }, { scenarioId: null, invoices: 1, outstanding: 800 }]));
  });

  it('ends the sequence when the invoice is paid in full', async () => {
    await post('/v1/invoices/INV-std/payments', { id: 'PAY-std', amount: 2500, paidAt: '2027-02-10T10:00:00Z' });
    let plan = await body(await rulebook.api('/v1/invoices/INV-std/dunning'));
    for (let attempt = 0; attempt < 50 && plan.state !== 'ended'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      plan = await body(await rulebook.api('/v1/invoices/INV-std/dunning'));
    }
    expect(plan).toMatchObject({ state: 'ended', endReason: 'paid' });
  });

  /** Polls the plan until the sequence has ended. */
  async function endedPlan(invoiceId: string) {
    let plan = await body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
    for (let attempt = 0; attempt < 50 && plan.state !== 'ended'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      plan = await body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));
    }
    return plan;
  }

  it('ends for a stop reason of the scenario, and refuses others', async () => {
    await invoice('INV-wo', 'C-std', 300);
    expect((await post('/v1/invoices/INV-wo/dunning/stop', { reason: 'bored' })).status).toBe(422);
    expect((await post('/v1/invoices/INV-wo/dunning/stop', { reason: 'written-off' })).status).toBe(202);
    expect(await endedPlan('INV-wo')).toMatchObject({ state: 'ended', endReason: 'written-off' });
  });

  it("ends running sequences when the customer's profile changes", async () => {
    await invoice('INV-pc', 'C-std', 400);
    await rulebook.api('/v1/customers/C-std/profiles/account-type', { method: 'PUT', json: { profileId: 'export', assignedBy: 'ar' } });
    expect(await endedPlan('INV-pc')).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
  });

  it('ends them on a repeated profile change whose first attempt stored the profile but never reached Temporal', async () => {
    await post('/v1/customers', { id: 'C-rep', email: 'rep@example.com' });
    await rulebook.api('/v1/customers/C-rep/profiles/account-type', { method: 'PUT', json: { profileId: 'standard', assignedBy: 'ar' } });
    await invoice('INV-rep', 'C-rep', 400);
    // What the first attempt left behind: the new profile stored, no stop signal sent.
    await rulebook.system.db.transaction((tx) => setProfile(tx, { customerId: 'C-rep', setId: 'account-type', profileId: 'export', assignedBy: 'ar' }));
    expect((await rulebook.api('/v1/customers/C-rep/profiles/account-type', { method: 'PUT', json: { profileId: 'export', assignedBy: 'ar' } })).status).toBe(200);
    expect(await endedPlan('INV-rep')).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
  });

  it('leaves sequences running when the profile set by hand does not change', async () => {
    await rulebook.api('/v1/customers/C-rep/profiles/account-type', { method: 'PUT', json: { profileId: 'standard', assignedBy: 'ar' } });
    await invoice('INV-same', 'C-rep', 300);
    expect((await rulebook.api('/v1/customers/C-rep/profiles/account-type', { method: 'PUT', json: { profileId: 'standard', assignedBy: 'ar' } })).status).toBe(200);
    // A stop signal, had one been sent, would have ended the sequence by now (the others end within ~100 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await body(await rulebook.api('/v1/invoices/INV-same/dunning'))).state).toBe('running');
  });

  it('starts a repeated invoice with the sequence its first attempt pinned, even after a profile change', async () => {
    await post('/v1/customers', { id: 'C-pin', email: 'pin@example.com' });
    await rulebook.api('/v1/customers/C-pin/profiles/account-type', { method: 'PUT', json: { profileId: 'standard', assignedBy: 'ar' } });
    const request = { id: 'INV-pin', customerId: 'C-pin', amount: 700, currency: 'INR', dueDate: '2027-03-01', issuedAt: '2027-02-01T10:00:00Z' };
    // What a first attempt that died before starting the workflow leaves behind: the invoice and its pinned sequence.
    await rulebook.system.db.transaction(async (tx) => {
      await recordInvoice(tx, request);
      await recordSequence(tx, { invoiceId: 'INV-pin', customerId: 'C-pin', scenarioId: 'standard', profileId: 'standard', ruleSetVersion: 'v-first', steps: [{ id: 'only-step', offsetDays: 1, action: 'email', template: 'first-reminder' }] });
    });
    await rulebook.system.db.transaction((tx) => setProfile(tx, { customerId: 'C-pin', setId: 'account-type', profileId: 'export', assignedBy: 'ar' }));
    const repeated = await post('/v1/invoices', request);
    expect(repeated.status).toBe(200);
    expect((await body(repeated)).dunning).toEqual({ scenarioId: 'standard', workflowId: 'dunning-INV-pin' });
    const plan = await body(await rulebook.api('/v1/invoices/INV-pin/dunning'));
    expect(plan).toMatchObject({ scenarioId: 'standard', ruleSetVersion: 'v-first', state: 'running' });
    expect(plan.steps.map((step: { id: string }) => step.id)).toEqual(['only-step']);
  });
});


describe('the notification outbox over HTTP', () => {
  it('lists waiting reminders with their attempts and next try, and refuses unknown filters', async () => {
    await rulebook.system.db.query(`INSERT INTO notification_outbox (id, customer_id, channel, template, invoice_id) VALUES ('INV-list:first-reminder', 'C-new', 'sms', 'first-reminder', 'INV-list')`);
    const pending = await body(await rulebook.api('/v1/notifications?channel=sms'));
    expect(pending.notifications).toContainEqual(expect.objectContaining({ id: 'INV-list:first-reminder', status: 'pending', attempts: 0, customerId: 'C-new', nextAttemptAt: expect.any(String) }));
    expect(await body(await rulebook.api('/v1/notifications?status=dead'))).toEqual({ notifications: [] });
    for (const query of ['status=lost', 'limit=0', 'limit=abc', 'limit=99999', 'status=pending&status=dead']) {
      expect((await rulebook.api(`/v1/notifications?${query}`)).status, query).toBe(422);
    }
  });
});
