/** Group counts for the seed examples, merge, refused delete, deactivation and notes over HTTP. */
import { beforeAll, describe, expect, it } from 'vitest';
import { dateInTimeZone } from '../../src/rules/calendar';
import { aCustomer, anInvoice, anOrder } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

/** Today's month and day in Kolkata (the shipped time zone), in another year. */
function birthdayToday(year: number): string {
  const today = dateInTimeZone(new Date(), 'Asia/Kolkata');
  const day = today.month === 2 && today.day === 29 ? 28 : today.day;
  return `${year}-${String(today.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A day of the year about six months away: never in this week. */
function birthdayFarAway(year: number): string {
  const later = dateInTimeZone(new Date(Date.now() + 183 * 86_400_000), 'Asia/Kolkata');
  return `${year}-${String(later.month).padStart(2, '0')}-${String(Math.min(later.day, 28)).padStart(2, '0')}`;
}

async function customerWith(id: string, attributes: Record<string, unknown>, spent: number[] = []) {
  expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
  expect((await rulebook.patch(`/v1/customers/${id}`, { changedBy: 'test', attributes })).status).toBe(200);
  for (const [index, value] of spent.entries()) {
    await rulebook.post('/v1/orders', anOrder({ id: `${id}-O${index}`, customerId: id, value, placedAt: '2026-10-01T10:00:00Z' }));
    await rulebook.post(`/v1/orders/${id}-O${index}/events`, { id: `${id}-O${index}-d`, kind: 'delivered', at: '2026-10-03T10:00:00Z' });
  }
}

beforeAll(async () => {
  await customerWith('A', { city: 'Mumbai', premium_member: true, birthdate: birthdayToday(1990) }, [4000, 2000]);
  await customerWith('B', { city: 'mumbai', premium_member: false, birthdate: birthdayFarAway(1985) }, [5000]);
  await customerWith('C', { city: 'Pune', premium_member: true }, [9000]);
  await customerWith('D', { city: 'Mumbai' });
});

describe('group counts for the seed examples', () => {
  it.each([
    ['high-value-mumbai', ['A']],
    ['premium-users', ['A', 'C']],
    ['birthday-this-week', ['A']],
  ])('%s counts and lists its members from the database', async (group, members) => {
    expect(await body(await rulebook.api(`/v1/groups/${group}/count`))).toMatchObject({ groupId: group, count: members.length });
    expect((await body(await rulebook.api(`/v1/groups/${group}/members`))).customerIds).toEqual(members);
  });

  it('agrees with the groups shown on the customer (in-memory evaluation)', async () => {
    expect((await body(await rulebook.api('/v1/customers/A'))).groups).toEqual([
      'birthday-this-week',
      'high-value-mumbai',
      'premium-users',
    ]);
    expect((await body(await rulebook.api('/v1/customers/B'))).groups).toEqual([]);
  });

  it('follows the data: a cancelled order takes a customer out of high-value-mumbai', async () => {
    await rulebook.post(
      '/v1/orders',
      anOrder({ id: 'B-O9', customerId: 'B', value: 700, channel: 'pos', paymentMethod: 'cod', placedAt: '2026-10-05T10:00:00Z' }),
    );
    expect((await body(await rulebook.api('/v1/groups/high-value-mumbai/count'))).count).toBe(2);
    await rulebook.post('/v1/orders/B-O9/events', { id: 'B-O9-c', kind: 'cancelled', at: '2026-10-06T10:00:00Z' });
    expect((await body(await rulebook.api('/v1/groups/high-value-mumbai/count'))).count).toBe(1);
  });

  it('answers 404 for an unknown group', async () => {
    expect((await rulebook.api('/v1/groups/nope/count')).status).toBe(404);
  });
});

describe('customer life-cycle', () => {
  it('merges a duplicate: its orders, notes and attributes move to the survivor, irreversibly', async () => {
    await rulebook.post('/v1/customers/C/notes', { text: 'Prefers calls after 6 pm', author: 'agent.rita' });
    const res = await rulebook.post('/v1/customers/D/merge', { duplicateId: 'C', mergedBy: 'ops.asha' });
    expect(res.status).toBe(200);
    const { merge, customer } = await body(res);
    expect(merge.moved).toMatchObject({ orders: 1, customer_notes: 1 });
    expect(customer).toMatchObject({ id: 'D', attributes: { city: 'Mumbai', premium_member: true } });
    expect((await body(await rulebook.api('/v1/customers/D/notes'))).notes[0]).toMatchObject({
      text: 'Prefers calls after 6 pm',
      author: 'agent.rita via token-1',
    });
    const duplicate = await body(await rulebook.api('/v1/customers/C'));
    expect(duplicate).toMatchObject({ mergedInto: 'D', active: false, email: null });
    expect((await rulebook.post('/v1/customers/D/merge', { duplicateId: 'C', mergedBy: 'ops.asha' })).status).toBe(409);
    const timeline = await body(await rulebook.api('/v1/customers/D/timeline'));
    expect(timeline.entries.map((entry: { kind: string }) => entry.kind)).toContain('customer-merged-in');
  });

  it('leaves the merged duplicate its id and nothing else: no profile, no group, no search but by its id, and no new data', async () => {
    const duplicate = await body(await rulebook.api('/v1/customers/C'));
    expect(duplicate).toMatchObject({ id: 'C', mergedInto: 'D', name: null, email: null, phone: null, groups: [] });
    expect({ attributes: duplicate.attributes, profiles: duplicate.profiles }).toEqual({ attributes: {}, profiles: {} });
    const holders = await body(await rulebook.api('/v1/profile-sets/account-type/profiles/to-assign/holders'));
    expect(holders.sample).toContain('D');
    expect(holders.sample).not.toContain('C');
    const everyone = await body(await rulebook.api('/v1/customers?limit=500'));
    expect(everyone.customers.map((customer: { id: string }) => customer.id)).toEqual(['A', 'B', 'D']);
    const byId = await body(await rulebook.api('/v1/customers?q=C'));
    expect(byId.customers).toContainEqual(expect.objectContaining({ id: 'C', mergedInto: 'D' }));
    const refused = [
      await rulebook.patch('/v1/customers/C', { changedBy: 'ops', name: 'Someone Else', active: true }),
      await rulebook.put('/v1/customers/C/profiles/account-type', { profileId: 'standard', assignedBy: 'ops' }),
      await rulebook.post('/v1/returns', { id: 'merged-C-R1', customerId: 'C', items: 1, returnedAt: '2026-10-05T10:00:00Z' }),
      await rulebook.post('/v1/invoices', anInvoice({ id: 'merged-C-INV1', customerId: 'C' })),
      await rulebook.post('/v1/customers/C/erasure', { reason: 'asked', requestedBy: 'ops' }),
      await rulebook.post('/v1/customers/C/notes', { text: 'Moved to Kochi', author: 'agent.rita' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(409);
      expect(await body(res)).toMatchObject({ mergedInto: 'D', detail: expect.stringMatching(/merged into D/) });
    }
    const after = await body(await rulebook.api('/v1/customers/C'));
    expect(after).toMatchObject({ name: null, active: false, erasureState: 'none' });
    expect(after.profiles).toEqual({});
  });

  it('refuses to delete a customer linked to orders, and deletes one that is not', async () => {
    const refused = await rulebook.api('/v1/customers/A', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await body(refused)).detail).toMatch(/linked to 2 orders .* cannot be deleted.*Deactivate/);
    await rulebook.post('/v1/customers', aCustomer({ id: 'E' }));
    expect((await rulebook.api('/v1/customers/E', { method: 'DELETE' })).status).toBe(204);
    expect((await rulebook.api('/v1/customers/E')).status).toBe(404);
  });

  it('refuses new orders from a deactivated customer', async () => {
    await rulebook.patch('/v1/customers/B', { changedBy: 'ops', active: false });
    const res = await rulebook.post(
      '/v1/orders',
      anOrder({ id: 'B-O10', customerId: 'B', value: 10, channel: 'pos', placedAt: '2026-10-07T10:00:00Z' }),
    );
    expect(res.status).toBe(409);
    expect((await body(res)).detail).toMatch(/deactivated/);
  });
});
