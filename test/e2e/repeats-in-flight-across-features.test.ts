/**
 * repeats in flight (storedUnlessRaced) where they meet customer creation by
 * email, COD refusals, deactivation and merges.
 */
import { describe, expect, it } from 'vitest';
import { aCustomer, anOrder, aReturn } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

describe('repeats in flight, where they meet other features', () => {
  it('eight identical returns by a new email at once: one 201, seven 200, one customer, one return', async () => {
    const request = aReturn({ id: 'RVR-email', email: 'rvr-email@example.com' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => rulebook.post('/v1/returns', request)));
    const statuses = answers.map((answer) => answer.status).sort((a, b) => a - b);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const customers = await rulebook.system.db.query("SELECT id FROM customers WHERE email = 'rvr-email@example.com'");
    expect(customers).toHaveLength(1);
  });

  it('eight identical COD orders at once that exceed the limit: all 422, nothing recorded', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'RVR-C1' }))).status).toBe(201);
    const order = anOrder({ id: 'RVR-O1', customerId: 'RVR-C1', value: 60_000, paymentMethod: 'cod' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => rulebook.post('/v1/orders', order)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(422));
    expect(await rulebook.system.db.query("SELECT 1 FROM orders WHERE id = 'RVR-O1'")).toHaveLength(0);
    expect(await rulebook.system.db.query('SELECT 1 FROM cod_hold_moments')).toHaveLength(0);
  });

  it('identical COD orders of a duplicate racing its merge: each answer is 201, 200 or 409, the hold counted once on the survivor', async () => {
    for (const id of ['RVR-S', 'RVR-D']) expect((await rulebook.post('/v1/customers', aCustomer({ id }))).status).toBe(201);
    const order = anOrder({ id: 'RVR-O2', customerId: 'RVR-D', value: 1_000, paymentMethod: 'cod' });
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => rulebook.post('/v1/orders', order)),
      rulebook.post('/v1/customers/RVR-S/merge', { duplicateId: 'RVR-D', mergedBy: 'review' }),
      ...Array.from({ length: 4 }, () => rulebook.post('/v1/orders', order)),
    ]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => [200, 201, 409].includes(status))).toBe(true);
    const position = await body(await rulebook.api('/v1/customers/RVR-S/cod'));
    const recorded = await rulebook.system.db.query("SELECT 1 FROM orders WHERE id = 'RVR-O2'");
    expect(position.openHolds).toHaveLength(recorded.length);
    const [facts] = await rulebook.system.db.query<{ held: string }>(
      "SELECT cod_held_exact::text AS held FROM customer_facts WHERE customer_id = 'RVR-S'",
    );
    expect(Number(facts!.held)).toBe(50_000 - position.available);
  });
});
