/**
 * A merge brings the duplicate's orders, returns and invoices to the survivor (issue 12 point 7),
 * so what depends on them follows the survivor: its automatic profiles are decided again on
 * everything it now has, and the duplicate's reminder sequences end (profile-changed) for the
 * scenario of the survivor's own profile, which starts for what is owed — the duplicate's invoices
 * left to manual handling included. Over HTTP on the running system, with the returner profiles
 * active so that returns decide a profile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/project-root';
import { aCustomer, anInvoice, aReturn } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const activeReturners = readFileSync(path.join(projectRoot, 'rules/profiles/return-behaviour.yaml'), 'utf8').replaceAll(
  'active: false',
  'active: true',
);
// Ids of this file only: workflow ids are shared by every test file on the run's Temporal server.
const rulebook = useTestSystem({ rules: { 'profiles/return-behaviour.yaml': activeReturners, tests: null } });
const day = 86_400_000;
const dayFromNow = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
const customer = async (customerId: string) => body(await rulebook.api(`/v1/customers/${customerId}`));
/** The invoice's sequences as recorded, oldest first. */
const sequencesOf = async (invoiceId: string) =>
  (
    await rulebook.system.db.query<{ customer_id: string; scenario_id: string; state: string; end_reason: string | null }>(
      'SELECT customer_id, scenario_id, state, end_reason FROM dunning_sequences WHERE invoice_id = $1 ORDER BY sequence_no',
      [invoiceId],
    )
  ).map((row) => [row.customer_id, row.scenario_id, row.state, row.end_reason]);

describe('a merge', () => {
  it("decides the survivor's automatic profiles again on the returns it took over, with a decision record", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-mf-kept' }));
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-mf-dup' }));
    for (let n = 0; n < 5; n++) expect((await rulebook.post('/v1/returns', aReturn({ customerId: 'C-mf-dup' }))).status).toBe(201);
    expect((await customer('C-mf-dup')).profiles['return-behaviour']).toMatchObject({ profileId: 'normal-returner' });
    expect((await customer('C-mf-kept')).profiles['return-behaviour']).toBeUndefined();

    const res = await rulebook.post('/v1/customers/C-mf-kept/merge', { duplicateId: 'C-mf-dup', mergedBy: 'ops' });

    expect(res.status).toBe(200);
    const survivor = (await body(res)).customer;
    expect(survivor.profiles['return-behaviour']).toMatchObject({ profileId: 'normal-returner', assignedBy: 'rules:customers-merged' });
    const decision = await body(await rulebook.api(`/v1/decisions/${survivor.profiles['return-behaviour'].decisionId}`));
    expect(decision).toMatchObject({ customerId: 'C-mf-kept', trigger: 'customers-merged' });
  });

  it("ends the duplicate's reminders and starts the survivor's scenario for its invoices, the one left to manual handling included", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-mf-export' }));
    expect((await assignProfile('C-mf-export', 'export')).status).toBe(200);
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-mf-std' }));
    expect((await assignProfile('C-mf-std', 'standard')).status).toBe(200);
    const dueLater = { issuedAt: new Date().toISOString(), dueDate: dayFromNow(20) };
    expect((await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-mf-std', customerId: 'C-mf-std', ...dueLater }))).status).toBe(201);
    // A customer still to assign: the invoice is left to manual handling.
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-mf-case' }));
    const manual = await body(await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-mf-case', customerId: 'C-mf-case', ...dueLater })));
    expect(manual.dunning).toEqual({ scenarioId: null, manualHandling: true });

    for (const duplicateId of ['C-mf-std', 'C-mf-case']) {
      expect((await rulebook.post('/v1/customers/C-mf-export/merge', { duplicateId, mergedBy: 'ops' })).status).toBe(200);
    }

    expect(await sequencesOf('INV-mf-std')).toEqual([
      ['C-mf-export', 'standard', 'ended', 'profile-changed'],
      ['C-mf-export', 'export', 'running', null],
    ]);
    expect(await sequencesOf('INV-mf-case')).toEqual([['C-mf-export', 'export', 'running', null]]);
    const task = await body(await rulebook.api('/v1/tasks/manual:INV-mf-case'));
    expect(task).toMatchObject({ customerId: 'C-mf-export', status: 'cancelled', closeReason: 'reminders-started' });
    const first = await rulebook.startedWorkflow('dunning-INV-mf-std');
    expect(await first.result()).toMatchObject({ state: 'ended', endReason: 'profile-changed' });
    const receivables = await body(await rulebook.api('/v1/receivables?profile=export'));
    expect(receivables.byScenario).toEqual([{ scenarioId: 'export', invoices: 2, outstanding: 5000 }]);
  });
});
