/** Customers, attributes, returns and profiles over HTTP (seed 000 and 001). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/rules/derive-facts';
import type { ReturnsWindow } from '../../src/rules/rule-types';
import { nearMomentMs, rescheduleCoalescingMs } from '../../src/use-cases/returns-window-process';
import { anOrder, aReturn } from '../support/factories';
import { shippedRules } from '../support/rule-dirs';
import { body, useTestSystem } from '../support/running-system';

const day = 86_400_000;
const returnerProfiles = readFileSync(path.join(shippedRules, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
  'active: false',
  'active: true',
);
const rulebook = useTestSystem({ rules: { 'profiles/return-behaviour.yaml': returnerProfiles }, env: { RULEBOOK_WATCH_RULES: 'false' } });
const settingsFile = path.join(rulebook.rulesDir, 'settings.yaml');

describe('customers', () => {
  it('are unique by phone: a clash names the field and the customer holding it', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-phone-1', phone: '+919800000001' })).status).toBe(201);
    const clash = await rulebook.post('/v1/customers', { id: 'C-phone-2', phone: '+919800000001' });
    expect(clash.status).toBe(409);
    expect(await body(clash)).toMatchObject({ field: 'phone', existingCustomerId: 'C-phone-1' });
  });

  it('get the default profile of the manual account-type set, and can be assigned another', async () => {
    const created = await body(await rulebook.post('/v1/customers', { id: 'C-acct', email: 'acct@example.com' }));
    expect(created.profiles['account-type']).toMatchObject({ profileId: 'to-assign', assignedBy: 'default' });
    const assigned = await rulebook.put('/v1/customers/C-acct/profiles/account-type', { profileId: 'export', assignedBy: 'ar.clerk' });
    expect(assigned.status).toBe(200);
    expect((await body(assigned)).profiles['account-type']).toMatchObject({ profileId: 'export', assignedBy: 'ar.clerk via token-1' });
    const timeline = await body(await rulebook.api('/v1/customers/C-acct/timeline'));
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({
        kind: 'profile-changed',
        detail: expect.objectContaining({ setId: 'account-type', from: 'to-assign', to: 'export' }),
      }),
    );
  });

  it('refuse a manual assignment in a set that rules assign', async () => {
    const res = await rulebook.put('/v1/customers/C-acct/profiles/return-behaviour', { profileId: 'serial-returner', assignedBy: 'x' });
    expect(res.status).toBe(409);
  });

  it('take typed attributes, refusing wrong types, unknown and derived ones with every problem listed', async () => {
    const res = await rulebook.patch('/v1/customers/C-acct', {
      changedBy: 'crm',
      attributes: { birthdate: '31/12/1990', shoe_size: 42, total_spent: 1, loyalty_tier: 'diamond' },
    });
    expect(res.status).toBe(422);
    const problem = await body(res);
    expect(problem.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/attributes/birthdate',
      '/attributes/loyalty_tier',
      '/attributes/shoe_size',
      '/attributes/total_spent',
    ]);
    expect((await body(await rulebook.api('/v1/customers/C-acct'))).attributes).toEqual({});
  });

  it('record who changed which attribute and when', async () => {
    const res = await rulebook.patch('/v1/customers/C-acct', { changedBy: 'crm', attributes: { city: 'Mumbai', premium_member: true } });
    expect(res.status).toBe(200);
    expect((await body(res)).attributes).toEqual({ city: 'Mumbai', premium_member: true });
    await rulebook.patch('/v1/customers/C-acct', { changedBy: 'agent.rita', attributes: { city: null } });
    const changes = (await body(await rulebook.api('/v1/customers/C-acct/attribute-changes'))).changes;
    expect(changes[0]).toMatchObject({ attribute: 'city', oldValue: 'Mumbai', newValue: null, changedBy: 'agent.rita via token-1' });
    expect(changes).toHaveLength(3);
  });

  it('are found by email in any case, phone, name part, receipt (order id), group and active flag', async () => {
    await rulebook.post('/v1/customers', { id: 'C-find', email: 'Meera.Iyer@example.com', phone: '+919811111111', name: 'Meera Iyer' });
    await rulebook.post(
      '/v1/orders',
      anOrder({ id: 'O-find', customerId: 'C-find', value: 100, channel: 'pos', placedAt: '2026-11-01T10:00:00Z' }),
    );
    await rulebook.patch('/v1/customers/C-find', { changedBy: 'crm', active: false, attributes: { premium_member: true } });
    const ids = async (query: string) =>
      (await body(await rulebook.api(`/v1/customers?${query}`))).customers.map((customer: { id: string }) => customer.id);
    expect(await ids('email=meera.iyer@EXAMPLE.com')).toEqual(['C-find']);
    expect(await ids('phone=%2B919811111111')).toEqual(['C-find']);
    expect(await ids('q=iyer')).toEqual(['C-find']);
    expect(await ids('q=O-find')).toEqual(['C-find']);
    expect(await ids('group=premium-users&active=false')).toEqual(['C-find']);
  });
});

describe('returns', () => {
  it('create a customer known only by the order contact email, and answer the same when repeated', async () => {
    const request = aReturn({ id: 'R-onthefly', email: 'new.shopper@example.com' });
    const first = await rulebook.post('/v1/returns', request);
    expect(first.status).toBe(201);
    const outcome = await body(first);
    expect(outcome).toMatchObject({ created: true, customerCreated: true, profiles: { 'return-behaviour': 'first-time-returner' } });
    expect(outcome.decisionRecordId).toEqual(expect.any(String));
    const again = await rulebook.post('/v1/returns', request);
    expect(again.status).toBe(200);
    expect(await body(again)).toMatchObject({ customerId: outcome.customerId, created: false, decisionRecordId: outcome.decisionRecordId });
    const different = await rulebook.post('/v1/returns', { ...request, items: 2 });
    expect(different.status).toBe(409);
  });

  it('answer repeats sent while the first is still in flight as repeats: one 201, the others 200, one return', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-inflight', email: 'inflight@example.com' })).status).toBe(201);
    const request = aReturn({ id: 'R-inflight', customerId: 'C-inflight' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => rulebook.post('/v1/returns', request)));
    expect(answers.map((answer) => answer.status).sort((a, b) => a - b)).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const [stored] = await rulebook.system.db.query<{ n: number }>("SELECT count(*)::int AS n FROM returns WHERE id = 'R-inflight'");
    expect(stored!.n).toBe(1);
  });

  it('leave no customer behind when a return by a new email is refused as a conflicting repeat', async () => {
    const request = aReturn({ id: 'R-clash', email: 'first.contact@example.com' });
    expect((await rulebook.post('/v1/returns', request)).status).toBe(201);
    expect((await rulebook.post('/v1/returns', { ...request, email: 'second.contact@example.com' })).status).toBe(409);
    expect((await body(await rulebook.api('/v1/customers?email=second.contact@example.com'))).customers).toEqual([]);
  });

  it('put each profile change on the timeline with its decision record', async () => {
    const { customerId, decisionRecordId } = await body(
      await rulebook.post(
        '/v1/returns',
        aReturn({ id: 'R-timeline', email: 'timeline@example.com', returnedAt: new Date().toISOString() }),
      ),
    );
    const timeline = await body(await rulebook.api(`/v1/customers/${customerId}/timeline`));
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({
        kind: 'profile-changed',
        detail: expect.objectContaining({ setId: 'return-behaviour', from: null, to: 'first-time-returner', decisionId: decisionRecordId }),
      }),
    );
    const decision = await body(await rulebook.api(`/v1/decisions/${decisionRecordId}`));
    expect(decision.record.facts).toMatchObject({ returns_in_window: 1 });
    expect(decision.record.ruleSetVersion).toBe(rulebook.system.rules.current.version);
  });
});

describe('returner thresholds under each returns window', () => {
  const months: Record<ReturnsWindow, number | undefined> = {
    '1 month': 1,
    '3 months': 3,
    '6 months': 6,
    '12 months': 12,
    '24 months': 24,
    unlimited: undefined,
  };
  const settings = readFileSync(settingsFile, 'utf8');

  it.each(Object.keys(months) as ReturnsWindow[])('assigns 1 / 5 / 10 / 20 returns within a %s window', async (window) => {
    writeFileSync(settingsFile, settings.replace(/returnsWindow: .*/, `returnsWindow: ${window}`));
    expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
    const slug = window.replace(' ', '-');
    const email = `window-${slug}@example.com`;
    const now = Date.now();
    const windowStart =
      months[window] === undefined
        ? new Date('2015-01-01T00:00:00Z')
        : new Date(new Date(now).setUTCMonth(new Date(now).getUTCMonth() - months[window]));
    // One return a day before the window starts: counted only by the unlimited window.
    const outside = await body(
      await rulebook.post(
        '/v1/returns',
        aReturn({ id: `R-${slug}-old`, email, returnedAt: new Date(windowStart.getTime() - day).toISOString() }),
      ),
    );
    expect(outside.profiles['return-behaviour']).toBe(window === 'unlimited' ? 'first-time-returner' : null);
    const expected: Record<number, string> = {
      1: 'first-time-returner',
      5: 'normal-returner',
      10: 'regular-returner',
      20: 'serial-returner',
    };
    const counted = window === 'unlimited' ? 1 : 0;
    for (let n = counted + 1; n <= 20; n++) {
      const returnedAt = new Date(windowStart.getTime() + day + n * 60_000).toISOString();
      const outcome = await body(await rulebook.post('/v1/returns', aReturn({ id: `R-${slug}-${n}`, email, returnedAt })));
      if (expected[n]) expect(outcome.profiles['return-behaviour'], `${n} returns`).toBe(expected[n]);
      if (n === 4) expect(outcome.profiles['return-behaviour']).toBe('first-time-returner');
    }
  });
});

describe('returns leaving the window', () => {
  it('move the customer down at that moment, without another return', async () => {
    writeFileSync(settingsFile, readFileSync(settingsFile, 'utf8').replace(/returnsWindow: .*/, 'returnsWindow: 1 month'));
    expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
    // Made one month ago less four seconds: it leaves the 1-month window four seconds from now.
    const returnedAt = addMonths(new Date(Date.now() + 4_000), -1).toISOString();
    const outcome = await body(await rulebook.post('/v1/returns', aReturn({ id: 'R-ageing', email: 'ageing@example.com', returnedAt })));
    expect(outcome.profiles['return-behaviour']).toBe('first-time-returner');
    expect(Date.parse(outcome.nextRecalculation) - Date.now()).toBeLessThan(5_000);

    const profile = async () =>
      (await body(await rulebook.api(`/v1/customers/${outcome.customerId}`))).profiles['return-behaviour']?.profileId;
    await expect.poll(profile, { timeout: 20_000, interval: 200 }).toBeUndefined();
    const timeline = await body(await rulebook.api(`/v1/customers/${outcome.customerId}/timeline`));
    expect(timeline.entries[0]).toMatchObject({
      kind: 'profile-changed',
      detail: { from: 'first-time-returner', to: null, by: 'rules:return-left-window' },
    });
  });

  it('are told to the workflow at once when the moment is within the hour, and after a coalescing delay when it is further', async () => {
    writeFileSync(settingsFile, readFileSync(settingsFile, 'utf8').replace(/returnsWindow: .*/, 'returnsWindow: 1 month'));
    expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
    const reschedules = async (customerId: string, status: 'pending' | 'delivered') =>
      (await body(await rulebook.api(`/v1/workflow-intents?status=${status}&workflowId=returns-window-${customerId}`))).intents;

    // Made yesterday: leaves the 1-month window in about a month. Its reschedule waits for later ones to join it.
    const far = await body(
      await rulebook.post(
        '/v1/returns',
        aReturn({ id: 'R-far', email: 'far@example.com', returnedAt: new Date(Date.now() - day).toISOString() }),
      ),
    );
    expect(Date.parse(far.nextRecalculation) - Date.now()).toBeGreaterThan(nearMomentMs);
    const [waiting] = await reschedules(far.customerId, 'pending');
    expect(Date.parse(waiting.nextAttemptAt) - Date.parse(waiting.queuedAt)).toBe(rescheduleCoalescingMs);

    // Leaves the window in half an hour: delivered at once.
    const returnedAt = addMonths(new Date(Date.now() + 30 * 60_000), -1).toISOString();
    const near = await body(await rulebook.post('/v1/returns', aReturn({ id: 'R-near', email: 'near@example.com', returnedAt })));
    expect(Date.parse(near.nextRecalculation) - Date.now()).toBeLessThan(nearMomentMs);
    await expect.poll(async () => (await reschedules(near.customerId, 'delivered')).length, { timeout: 5_000, interval: 100 }).toBe(1);
    expect(await reschedules(far.customerId, 'pending')).toHaveLength(1);
  });
});

describe('cash on delivery switch', () => {
  it('is on for both channels by default and switches per channel, on the timeline', async () => {
    await rulebook.post('/v1/customers', { id: 'C-cod', email: 'cod@example.com' });
    expect((await body(await rulebook.api('/v1/customers/C-cod'))).codEnabled).toEqual({ pos: true, storefront: true });
    const res = await rulebook.patch('/v1/customers/C-cod', { changedBy: 'credit.control', codEnabled: { storefront: false } });
    expect((await body(res)).codEnabled).toEqual({ pos: true, storefront: false });
    const timeline = await body(await rulebook.api('/v1/customers/C-cod/timeline'));
    expect(timeline.entries[0]).toMatchObject({
      kind: 'customer-changed',
      detail: { fields: ['cod.storefront'], changedBy: 'credit.control via token-1' },
    });
  });
});
