/**
 * A profile changed by the rules ends the reminder sequences of the former profile, as a change by
 * hand does (seed 001: a scenario stops when the customer's profile changes), here for a scenario
 * that follows an automatic set: returners are reminded by a scenario of their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../support/rule-dirs';
import { aCustomer, anInvoice, aReturn } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';
import { planQuery } from '../../workflows/dunning';

const returnBehaviour = readFileSync(path.join(shippedRules, 'profiles', 'return-behaviour.yaml'), 'utf8');
const returnerReminders = `
scenario:
  id: first-time-returner-reminders
  name: First-time returners
  description: A reminder for customers who returned once.
  profile: return-behaviour/first-time-returner
  steps:
    - id: reminder
      offsetDays: 30
      action: email
      template: first-reminder
  stopWhen: [paid, profile-changed]
`;
// Regular returners (10 returns) are reminded by a scenario of their own; normal returners by none.
const regularReturnerReminders = `
scenario:
  id: regular-returner-reminders
  name: Regular returners
  description: A reminder before the due date and a call for customers who return often.
  profile: return-behaviour/regular-returner
  steps:
    - id: reminder
      offsetDays: -30
      action: email
      template: reminder-before-due
    - id: call
      offsetDays: 40
      action: call-task
      template: overdue-call
  stopWhen: [paid, profile-changed]
`;
const rulebook = useTestSystem({
  rules: {
    // First-time (1 return), normal (5 returns) and regular returners (10 returns) are assigned by the rules.
    'profiles/return-behaviour.yaml': returnBehaviour.replace(/active: false/g, 'active: true'),
    'dunning/first-time-returner-reminders.yaml': returnerReminders,
    'dunning/regular-returner-reminders.yaml': regularReturnerReminders,
  },
});
const planOf = (invoiceId: string) => async () => body(await rulebook.api(`/v1/invoices/${invoiceId}/dunning`));

describe('a profile changed by the rules', () => {
  it("ends the sequences of the customer's former profile, with reason profile-changed", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-apc' }));
    expect((await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc' }))).status).toBe(201);
    const invoice = await body(await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-apc', customerId: 'C-apc', amount: 700 })));
    expect(invoice.dunning).toMatchObject({ scenarioId: 'first-time-returner-reminders' });
    await expect.poll(planOf('INV-apc'), { timeout: 10_000, interval: 100 }).toMatchObject({ state: 'running' });

    // Four more returns: five in the window make a normal returner, whom no scenario follows.
    for (let n = 0; n < 4; n++) expect((await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc' }))).status).toBe(201);
    expect((await body(await rulebook.api('/v1/customers/C-apc'))).profiles['return-behaviour'].profileId).toBe('normal-returner');
    await expect
      .poll(planOf('INV-apc'), { timeout: 10_000, interval: 100 })
      .toMatchObject({ state: 'ended', endReason: 'profile-changed' });
  });

  it("starts the new profile's scenario for what is still owed, once the rules give a profile that has one", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-apc-next' }));
    await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc-next' }));
    // Due in 20 days: the regular returners' reminder 30 days before is past when their scenario starts, the call still to come.
    const dueDate = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-apc-next', customerId: 'C-apc-next', amount: 700, dueDate }));
    await expect.poll(planOf('INV-apc-next'), { timeout: 10_000, interval: 100 }).toMatchObject({ state: 'running', sequenceNo: 1 });

    // Five returns: a normal returner, whom no scenario follows — the sequence ends and none starts.
    for (let n = 0; n < 4; n++) expect((await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc-next' }))).status).toBe(201);
    expect(await planOf('INV-apc-next')()).toMatchObject({ sequenceNo: 1, state: 'ended', endReason: 'profile-changed' });

    // Ten returns: a regular returner — their scenario starts for the unpaid invoice, as its second sequence.
    for (let n = 0; n < 5; n++) expect((await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc-next' }))).status).toBe(201);
    expect((await body(await rulebook.api('/v1/customers/C-apc-next'))).profiles['return-behaviour'].profileId).toBe('regular-returner');
    const plan = await planOf('INV-apc-next')();
    expect(plan).toMatchObject({
      sequenceNo: 2,
      workflowId: 'dunning-INV-apc-next~2',
      scenarioId: 'regular-returner-reminders',
      profileSetId: 'return-behaviour',
      profileId: 'regular-returner',
      startedOn: 'profile-changed',
      state: 'running',
      previousSequences: [{ sequenceNo: 1, scenarioId: 'first-time-returner-reminders', state: 'ended', endReason: 'profile-changed' }],
    });
    expect(plan.steps.map((step: { outcome: string }) => step.outcome)).toEqual(['skipped', 'pending']);
    const second = await rulebook.startedWorkflow('dunning-INV-apc-next~2');
    await expect
      .poll(async () => (await second.query(planQuery)).steps.map((step) => step.state), { timeout: 10_000, interval: 100 })
      .toEqual(['skipped', 'pending']);
  });

  it('leaves the sequence running while the rules keep the profile', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-apc-same' }));
    await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc-same' }));
    await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-apc-same', customerId: 'C-apc-same', amount: 700 }));
    // A second return: still a first-time returner (fewer than five).
    await rulebook.post('/v1/returns', aReturn({ customerId: 'C-apc-same' }));
    const stops = await rulebook.system.db.query(
      `SELECT 1 FROM workflow_intents WHERE workflow_id = 'dunning-INV-apc-same' AND signal_name = 'stop'`,
    );
    expect(stops).toEqual([]);
    await expect.poll(planOf('INV-apc-same'), { timeout: 10_000, interval: 100 }).toMatchObject({ state: 'running' });
  });
});
