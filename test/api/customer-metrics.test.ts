/**
 * The derived metrics on the customer (seed 004, the customer page): GET /v1/customers/{id} shows
 * what the customer's orders, invoices and COD holds add up to — the facts group conditions use —
 * in the settings currency, and keeps them once the customer's personal data is erased.
 */
import { describe, expect, it } from 'vitest';
import { aCustomer, anInvoice, anOrder, aPayment } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

describe('metrics on the customer', () => {
  const rulebook = useTestSystem({ env: { RULEBOOK_ERASURE_GRACE_PERIOD: '1 second' } });

  const customerOf = async (customerId: string) => body(await rulebook.api(`/v1/customers/${customerId}`));

  async function accepted(res: Response) {
    expect(res.status, JSON.stringify(await res.clone().json())).toBeLessThan(300);
    return res;
  }

  it('are zero, and the last transaction unknown, for a customer without orders or invoices', async () => {
    const customer = aCustomer();
    await accepted(await rulebook.post('/v1/customers', customer));
    expect((await customerOf(customer.id)).metrics).toEqual({
      currency: 'INR',
      totalSpent: 0,
      transactionCount: 0,
      averageTransactionValue: null,
      lastTransactionValue: null,
      lastTransactionAt: null,
      lastTransactionDate: null,
      outstandingAmount: 0,
      codHeldAmount: 0,
    });
  });

  it('add up the orders that went ahead, in the settings currency, with the last transaction as an instant and as a day in the settings time zone', async () => {
    const customer = aCustomer();
    await accepted(await rulebook.post('/v1/customers', customer));
    const orders = [
      anOrder({ customerId: customer.id, value: 2_000, placedAt: '2026-10-01T10:00:00Z' }),
      // 00:30 on 1 November in Asia/Kolkata (rules/settings.yaml), still 31 October in UTC.
      anOrder({ customerId: customer.id, value: 3_000, placedAt: '2026-10-31T19:00:00Z' }),
      anOrder({ customerId: customer.id, value: 1_500, placedAt: '2026-10-15T10:00:00Z', paymentMethod: 'cod' }),
      // The latest order, cancelled: it does not count.
      anOrder({ customerId: customer.id, value: 10_000, placedAt: '2026-11-15T10:00:00Z' }),
    ];
    for (const order of orders) await accepted(await rulebook.post('/v1/orders', order));
    await accepted(
      await rulebook.post(`/v1/orders/${orders[3]!.id}/events`, { id: 'cancel-1', kind: 'cancelled', at: '2026-11-16T10:00:00Z' }),
    );
    const invoice = anInvoice({ customerId: customer.id, amount: 2_500 });
    await accepted(await rulebook.post('/v1/invoices', invoice));
    await accepted(await rulebook.post(`/v1/invoices/${invoice.id}/payments`, aPayment({ amount: 1_000 })));

    const { metrics } = await customerOf(customer.id);
    expect(metrics).toEqual({
      currency: 'INR',
      totalSpent: 6_500,
      transactionCount: 3,
      averageTransactionValue: expect.closeTo(6_500 / 3, 9),
      lastTransactionValue: 3_000,
      lastTransactionAt: '2026-10-31T19:00:00.000Z',
      lastTransactionDate: '2026-11-01',
      outstandingAmount: 1_500,
      codHeldAmount: 1_500,
    });
  });

  it('are the values group conditions see: more than 5,000 spent puts a Mumbai customer in high-value-mumbai', async () => {
    const customer = aCustomer();
    await accepted(await rulebook.post('/v1/customers', customer));
    await accepted(await rulebook.patch(`/v1/customers/${customer.id}`, { attributes: { city: 'Mumbai' }, changedBy: 'ops' }));
    await accepted(await rulebook.post('/v1/orders', anOrder({ customerId: customer.id, value: 5_000 })));
    const atTheLimit = await customerOf(customer.id);
    expect(atTheLimit.metrics.totalSpent).toBe(5_000);
    expect(atTheLimit.groups).not.toContain('high-value-mumbai');
    await accepted(await rulebook.post('/v1/orders', anOrder({ customerId: customer.id, value: 0.5 })));
    const above = await customerOf(customer.id);
    expect(above.metrics.totalSpent).toBe(5_000.5);
    expect(above.groups).toContain('high-value-mumbai');
  });

  it('stay on an erased customer: they are not personal data', async () => {
    const customer = aCustomer({ name: 'Ira Menon' });
    await accepted(await rulebook.post('/v1/customers', customer));
    const order = anOrder({ customerId: customer.id, value: 1_250, placedAt: '2026-09-10T08:00:00Z', paymentMethod: 'cod' });
    await accepted(await rulebook.post('/v1/orders', order));
    await accepted(
      await rulebook.post(`/v1/orders/${order.id}/events`, { id: 'delivered-1', kind: 'delivered', at: '2026-09-12T08:00:00Z' }),
    );
    const invoice = anInvoice({ customerId: customer.id, amount: 400 });
    await accepted(await rulebook.post('/v1/invoices', invoice));
    await accepted(await rulebook.post(`/v1/invoices/${invoice.id}/payments`, aPayment({ amount: 400 })));
    const before = await customerOf(customer.id);
    expect(before.metrics).toMatchObject({
      totalSpent: 1_250,
      transactionCount: 1,
      lastTransactionDate: '2026-09-10',
      outstandingAmount: 0,
    });

    expect((await rulebook.post(`/v1/customers/${customer.id}/erasure`, { reason: 'customer asked', requestedBy: 'ops' })).status).toBe(
      202,
    );
    await expect
      .poll(() => customerOf(customer.id), { timeout: 30_000, interval: 200 })
      .toMatchObject({ erasureState: 'erased', name: null, email: null });
    expect((await customerOf(customer.id)).metrics).toEqual(before.metrics);
  });
});
