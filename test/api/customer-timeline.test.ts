/**
 * The activity timeline (seed 004: "signed up on…, transaction on…"; seed 002: the erasure's
 * steps): everything that happened to a customer, newest first, paged, with ids and amounts and
 * never a personal value.
 */
import { describe, expect, it } from 'vitest';
import { aCustomer, anInvoice, anOrder, aPayment, aReturn } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();

interface Entry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
}
interface TimelinePage {
  customerId: string;
  entries: Entry[];
  next?: string;
}

const timeline = async (customerId: string, query = ''): Promise<TimelinePage> =>
  (await body(await rulebook.api(`/v1/customers/${customerId}/timeline${query}`))) as TimelinePage;

/** A customer who signed up, ordered twice (once COD, delivered), returned, was invoiced, paid, and got a note. */
async function customerWithHistory(id: string) {
  const customer = aCustomer({ id, name: 'Asha Verma', phone: '+919876543210' });
  expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
  const card = anOrder({ id: `${id}-O1`, customerId: id, value: 1_250, placedAt: '2026-11-01T09:00:00Z' });
  const cod = anOrder({ id: `${id}-O2`, customerId: id, value: 800, paymentMethod: 'cod', placedAt: '2026-11-02T09:00:00Z' });
  for (const order of [card, cod]) expect((await rulebook.post('/v1/orders', order)).status).toBe(201);
  expect(
    (await rulebook.post(`/v1/orders/${cod.id}/events`, { id: `${id}-E1`, kind: 'delivered', at: '2026-11-03T09:00:00Z' })).status,
  ).toBe(201);
  expect((await rulebook.post('/v1/returns', aReturn({ id: `${id}-R1`, customerId: id, orderId: card.id }))).status).toBe(201);
  const invoice = anInvoice({ id: `${id}-I1`, customerId: id, amount: 2_500 });
  expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
  expect((await rulebook.post(`/v1/invoices/${invoice.id}/payments`, aPayment({ id: `${id}-P1`, amount: 1_000 }))).status).toBe(201);
  expect(
    (await rulebook.post(`/v1/customers/${id}/notes`, { text: 'Called about the parcel, asked for Asha', author: 'support.ravi' })).status,
  ).toBe(201);
  return customer;
}

describe('the activity timeline', () => {
  it('shows sign-up, orders and their events, COD holds and releases, returns, invoices and payments, with ids and amounts', async () => {
    await customerWithHistory('TL-1');
    const { entries } = await timeline('TL-1');
    const byKind = (kind: string) => entries.filter((entry) => entry.kind === kind).map((entry) => entry.detail);

    expect(byKind('signed-up')).toEqual([{ customerId: 'TL-1' }]);
    expect(byKind('order-placed')).toEqual([
      { orderId: 'TL-1-O2', value: 800, currency: 'INR', channel: 'storefront', paymentMethod: 'cod', items: 1 },
      { orderId: 'TL-1-O1', value: 1_250, currency: 'INR', channel: 'storefront', paymentMethod: 'card', items: 1 },
    ]);
    expect(byKind('cod-hold-placed')).toEqual([{ orderId: 'TL-1-O2', amount: 800 }]);
    expect(byKind('order-delivered')).toEqual([{ orderId: 'TL-1-O2', eventId: 'TL-1-E1' }]);
    expect(byKind('cod-hold-released')).toEqual([{ orderId: 'TL-1-O2', amount: 800, reason: 'delivered' }]);
    expect(byKind('return-recorded')).toEqual([{ returnId: 'TL-1-R1', orderId: 'TL-1-O1', items: 1, decisionId: expect.any(String) }]);
    expect(byKind('invoice-issued')).toEqual([{ invoiceId: 'TL-1-I1', amount: 2_500, currency: 'INR', dueDate: '2027-03-01' }]);
    expect(byKind('payment-received')).toEqual([{ paymentId: 'TL-1-P1', invoiceId: 'TL-1-I1', amount: 1_000, currency: 'INR' }]);
    expect(byKind('note-added')).toEqual([{ noteId: expect.anything(), author: 'support.ravi via token-1' }]);
  });

  it('lists the newest first', async () => {
    const { entries } = await timeline('TL-1');
    const moments = entries.map((entry) => Date.parse(entry.at));
    expect(moments).toEqual([...moments].sort((a, b) => b - a));
    // The invoice's payment is dated February 2027, the first order 1 November 2026 (before the sign-up was recorded).
    expect(entries[0]).toMatchObject({ kind: 'payment-received', at: '2027-02-10T10:00:00.000Z' });
    expect(entries.at(-1)).toMatchObject({ kind: 'order-placed', detail: { orderId: 'TL-1-O1' } });
  });

  it('never shows a name, an email, a phone number or the text of a note', async () => {
    const text = JSON.stringify(await timeline('TL-1'));
    for (const personal of ['Asha', 'tl-1@example.com', '9876543210', 'Called about the parcel']) expect(text).not.toContain(personal);
  });

  it('pages with limit and next, every entry once, in the same order', async () => {
    const whole = (await timeline('TL-1')).entries;
    const paged: Entry[] = [];
    let query = '?limit=3';
    for (let pages = 0; pages < 20; pages++) {
      const page = await timeline('TL-1', query);
      paged.push(...page.entries);
      if (!page.next) break;
      query = `?limit=3&after=${encodeURIComponent(page.next)}`;
    }
    expect(paged).toEqual(whole);
    expect(whole.length).toBeGreaterThan(9);
  });

  it('reads a page cursor it did not write as the start, never as a server error', async () => {
    const first = (await timeline('TL-1', '?limit=2')).entries;
    const cursor = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const after = async (value: string) => {
      const res = await rulebook.api(`/v1/customers/TL-1/timeline?limit=2&after=${encodeURIComponent(value)}`);
      expect(res.status, value).toBe(200);
      return ((await body(res)) as TimelinePage).entries;
    };
    // A moment beyond PostgreSQL's bigint, a key with NUL, no cursor at all: the first page.
    for (const value of [
      cursor('99999999999999999999|b:order:x'),
      cursor('9223372036854775808|x'),
      cursor('1700000000000000|\u0000'),
      '!!!***',
    ]) {
      expect(await after(value), value).toEqual(first);
    }
    // A well-formed cursor is taken as written, SQL-looking or not: before 1970, nothing.
    expect(await after(cursor("1|x') OR 1=1 --"))).toEqual([]);
  });

  it('answers 404 for an unknown customer and 422 for a limit out of range', async () => {
    expect((await rulebook.api('/v1/customers/TL-nobody/timeline')).status).toBe(404);
    expect((await rulebook.api('/v1/customers/TL-1/timeline?limit=0')).status).toBe(422);
  });
});
