/**
 * Reminder steps fall due at the start of their day in the account's time zone (rules/settings.yaml
 * timeZone: Asia/Kolkata), not at midnight UTC: a reminder three days before a due date of 1 March
 * goes out from 26 February, 00:00 in Mumbai (25 February, 18:30 UTC).
 */
import { describe, expect, it } from 'vitest';
import { planQuery } from '../../workflows/dunning';
import { aCustomer, anInvoice } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

describe('reminder steps', () => {
  it("fall due at the start of their day in the account's time zone", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-tz' }));
    await rulebook.put('/v1/customers/C-tz/profiles/account-type', { profileId: 'standard', assignedBy: 'ar' });
    const created = await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-tz', customerId: 'C-tz', dueDate: '2027-03-01' }));
    expect((await body(created)).dunning).toMatchObject({ scenarioId: 'standard' });

    const plan = await body(await rulebook.api('/v1/invoices/INV-tz/dunning'));
    const moments = plan.steps.map((step: { offsetDays: number; at: string }) => [step.offsetDays, step.at]);
    expect(moments[0]).toEqual([-3, '2027-02-25T18:30:00.000Z']);
    expect(moments[1]).toEqual([1, '2027-03-01T18:30:00.000Z']);
    // The workflow waits for the same moments.
    const sequence = await rulebook.startedWorkflow('dunning-INV-tz');
    const waited = (await sequence.query(planQuery)).steps.map((step) => step.at);
    expect(waited).toEqual(plan.steps.map((step: { at: string }) => step.at));
  });
});
