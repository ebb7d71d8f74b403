/**
 * Obfuscation over HTTP (seed 003, issue 12 point 4): POST /v1/customers/{id}/obfuscation replaces
 * the customer's personal data with fake values at once — valid and unique as real ones, the same at
 * every repeat — keeps the customer with its id, orders and metrics, leaves none of the former values
 * in the database, and is refused while related entities are active, naming each with how to end it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { fakePersonalData } from '../../src/contacts/fake-personal-data';
import { readPhoneNumber } from '../../src/contacts/phone-number';
import { eraseCustomer, openErasureRequest } from '../../src/store/erasure-store';
import { aPayment, anInvoice, anOrder } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';
import { dumpAllTables } from '../support/database-dump';

const readerToken = 'obfuscation-reader-token-0123456789';
const reader = { authorization: `Bearer ${readerToken}` };
// token-2 (readerToken) may read encrypted attributes in clear.
const rulebook = useTestSystem({ env: { API_TOKENS: readerToken, API_PERSONAL_DATA_TOKENS: 'token-1,token-2' } });

// Values no other test uses (ids too: workflow ids are shared by every test file on the run's Temporal server).
const tag = randomBytes(4).toString('hex');
const customer = {
  id: `C-obf-${tag}`,
  email: `ananya.krishnan.${tag}@example.com`,
  phone: `+9198${String(randomInt(10_000_000, 99_999_999))}`,
  name: `Ananya Krishnan ${tag}`,
};
const genders = ['female', 'male', 'other', 'undisclosed'];
const genderAttribute = {
  id: 'gender',
  label: 'Gender',
  type: 'dropdown',
  options: genders,
  source: 'attribute',
  personal: true,
  encrypted: false,
} as const;
const personalAttributes = {
  // Another than the fake one drawn for her, so that the gender is replaced.
  gender: genders.find((gender) => gender !== fakePersonalData(customer.id, new Map([['gender', genderAttribute]])).attribute('gender'))!,
  birthdate: `19${randomInt(50, 99)}-0${randomInt(1, 9)}-2${randomInt(0, 8)}`,
  city: `Kozhikode-${tag}`,
  national_id: `NID${tag.toUpperCase()}`,
};
const noteText = `Prefers calls after 6 pm, lives near the ${tag} temple`;
const request = { reason: 'retention period over', requestedBy: 'dpo.obf' };
/** Who the obfuscation is recorded as: the person the test token (a token of API_TOKENS, a delegate) names, via the token. */
const recordedAs = `${request.requestedBy} via token-1`;
const obfuscate = (customerId: string, json: unknown = request) => rulebook.post(`/v1/customers/${customerId}/obfuscation`, json);
const customerOf = async (customerId: string) => body(await rulebook.api(`/v1/customers/${customerId}`));
/** A fictional North American number (555-0100 to 555-0199), in E.164. */
const fictionalPhone = /^\+1[2-9]\d{2}55501\d{2}$/;

describe('POST /v1/customers/{id}/obfuscation', () => {
  let before: { metrics: unknown };
  let first: Record<string, unknown>;

  it('replaces every personal field with fake values and names what it replaced, never a value', async () => {
    expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
    const patched = await rulebook.patch(`/v1/customers/${customer.id}`, {
      attributes: { ...personalAttributes, premium_member: true },
      changedBy: 'ops.obf',
    });
    expect(patched.status).toBe(200);
    expect((await rulebook.post(`/v1/customers/${customer.id}/notes`, { text: noteText, author: 'ops.obf' })).status).toBe(201);
    // A delivered order and a paid invoice: nothing active, and metrics to keep.
    const order = anOrder({ id: `O-obf-${tag}`, customerId: customer.id, value: 3_000 });
    expect((await rulebook.post('/v1/orders', order)).status).toBe(201);
    const delivered = { id: `O-obf-${tag}-d`, kind: 'delivered', at: '2026-11-22T10:00:00Z' };
    expect((await rulebook.post(`/v1/orders/${order.id}/events`, delivered)).status).toBe(201);
    const invoice = anInvoice({ id: `INV-obf-${tag}`, customerId: customer.id, amount: 1_500 });
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    expect((await rulebook.post(`/v1/invoices/${invoice.id}/payments`, aPayment({ id: `PAY-obf-${tag}`, amount: 1_500 }))).status).toBe(
      201,
    );
    // A rejected import row that names her (in other letters), and an export file that lists her.
    const upload = await rulebook.upload(
      '/v1/customers/imports?filename=again.csv&requestedBy=ops',
      `email,phone\n${customer.email.toUpperCase()},\n`,
      'text/csv',
    );
    expect((await rulebook.finishedJob(upload.headers.get('location')!)).status).toBe('failed');
    const exported = await rulebook.post('/v1/customers/exports', { format: 'csv', requestedBy: 'ops' });
    expect((await rulebook.finishedJob(exported.headers.get('location')!)).status).toBe('complete');
    before = await customerOf(customer.id);

    const res = await obfuscate(customer.id);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    first = JSON.parse(text);
    expect(first).toMatchObject({
      customerId: customer.id,
      requestedBy: recordedAs,
      reason: request.reason,
      repeated: false,
      replacedFields: ['email', 'phone', 'name', 'attributes.gender', 'attributes.birthdate', 'attributes.city', 'attributes.national_id'],
      replacedRecords: { notes: 1, attributeHistory: 4, importErrorRows: 1, exportFiles: 1, staticGroupMemberships: 0 },
    });
    for (const secret of formerValues()) expect(text).not.toContain(secret);
  });

  it('keeps the customer with its id, orders and metrics; the fakes keep their formats', async () => {
    const after = await customerOf(customer.id);
    expect(after).toMatchObject({ id: customer.id, active: true, erasureState: 'none', metrics: before.metrics });
    expect(after.metrics.totalSpent).toBe(3_000);
    expect(after.email).toMatch(/^[a-z0-9]+\.[a-z0-9]+\.[0-9a-f]{12}@obfuscated\.invalid$/);
    expect(after.phone).toMatch(fictionalPhone);
    // The phone is one the API itself would accept, already in the form it stores.
    expect(readPhoneNumber(after.phone)).toEqual({ ok: true, e164: after.phone });
    expect(after.name).toMatch(/^\S+ \S+/);
    expect(after.name).not.toBe(customer.name);
    expect(after.attributes.premium_member).toBe(true);
    expect(genders).toContain(after.attributes.gender);
    expect(after.attributes.gender).not.toBe(personalAttributes.gender);
    expect(after.attributes.birthdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after.attributes.birthdate).not.toBe(personalAttributes.birthdate);
    expect(after.attributes.city).not.toBe(personalAttributes.city);
    expect(after.attributes.national_id).toEqual({ encrypted: true });
    // The encrypted attribute got a fake too (sealed, so only a reveal shows it).
    const revealed = await body(await rulebook.api(`/v1/customers/${customer.id}/encrypted-attributes`, { headers: reader }));
    expect(revealed.attributes.national_id).toMatch(/^[A-Z0-9]{12}$/);
    expect(revealed.attributes.national_id).not.toBe(personalAttributes.national_id);

    const notes = await body(await rulebook.api(`/v1/customers/${customer.id}/notes`));
    expect(notes.notes).toEqual([expect.objectContaining({ author: 'ops.obf via token-1', text: expect.stringMatching(/\S/) })]);
    expect(notes.notes[0].text).not.toBe(noteText);
    // The history of personal attributes held their former values: gone; that of the others stays.
    const { changes } = await body(await rulebook.api(`/v1/customers/${customer.id}/attribute-changes`));
    expect(changes.map((change: { attribute: string }) => change.attribute)).toEqual(['premium_member']);
    // Found by the fake contacts, as by real ones.
    const found = await body(await rulebook.api(`/v1/customers?email=${encodeURIComponent(after.email)}`));
    expect(found.customers.map((c: { id: string }) => c.id)).toEqual([customer.id]);

    const timeline = await body(await rulebook.api(`/v1/customers/${customer.id}/timeline`));
    expect(timeline.entries.find((entry: { kind: string }) => entry.kind === 'customer-obfuscated')).toMatchObject({
      kind: 'customer-obfuscated',
      detail: { obfuscationId: first.obfuscationId, requestedBy: recordedAs, replacedFields: first.replacedFields },
    });
    const shown = JSON.stringify(timeline);
    for (const secret of [...formerValues(), after.email, after.phone, after.name]) expect(shown).not.toContain(secret);
  });

  it('answers a repeated request with the same obfuscation, and the same fake values (200)', async () => {
    const after = await customerOf(customer.id);
    const again = await obfuscate(customer.id, { reason: 'asked twice', requestedBy: 'dpo.other' });
    expect(again.status).toBe(200);
    expect(await body(again)).toEqual({ ...first, repeated: true });
    expect(await customerOf(customer.id)).toEqual(after);
    const timeline = await body(await rulebook.api(`/v1/customers/${customer.id}/timeline`));
    expect(timeline.entries.filter((entry: { kind: string }) => entry.kind === 'customer-obfuscated')).toHaveLength(1);
  });

  it('leaves the former email, phone, name, attributes and note nowhere in the database', async () => {
    const { text: dump, tables } = await dumpAllTables(rulebook.system.db);
    expect(tables).toBeGreaterThan(15);
    expect(dump).toContain(customer.id);
    for (const secret of formerValues()) expect(dump).not.toContain(secret);
  });

  it('gives two customers different fake contacts, even when the first fakes drawn are taken', async () => {
    const id = `C-obf-clash-${tag}`;
    expect((await rulebook.post('/v1/customers', { id, email: `clash.${tag}@example.com`, phone: '+919812345678' })).status).toBe(201);
    // Another customer already holds the contacts this one would draw first: real, valid values to the API.
    const firstDraw = fakePersonalData(id, new Map());
    const holder = { id: `C-obf-holder-${tag}`, email: firstDraw.email('x@example.com', 0), phone: firstDraw.phone('+919812345678', 0) };
    expect((await rulebook.post('/v1/customers', holder)).status).toBe(201);

    expect((await obfuscate(id)).status).toBe(200);
    const obfuscated = await customerOf(id);
    expect(obfuscated.email).toMatch(/@obfuscated\.invalid$/);
    expect(obfuscated.phone).toMatch(fictionalPhone);
    expect(obfuscated.email).not.toBe(holder.email);
    expect(obfuscated.phone).not.toBe(holder.phone);
    expect((await obfuscate(holder.id)).status).toBe(200);
    const contacts = [customer.id, id, holder.id].map(customerOf);
    const all = await Promise.all(contacts);
    expect(new Set(all.map((c) => c.email)).size).toBe(3);
    expect(new Set(all.map((c) => c.phone)).size).toBe(3);
    // A fake contact is as unique as a real one: taking it again is refused naming the field.
    const taken = await rulebook.post('/v1/customers', { id: `C-obf-again-${tag}`, email: obfuscated.email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(await body(taken)).toMatchObject({ field: 'email', existingCustomerId: id });
  });

  it('is refused while related entities are active, naming each with its id and how to end it; then obfuscates', async () => {
    const id = `C-obf-active-${tag}`;
    const email = `busy.${tag}@example.com`;
    expect((await rulebook.post('/v1/customers', { id, email })).status).toBe(201);
    const codOrder = anOrder({ id: `O-obf-cod-${tag}`, customerId: id, paymentMethod: 'cod' });
    const cardOrder = anOrder({ id: `O-obf-card-${tag}`, customerId: id });
    const invoice = anInvoice({ id: `INV-obf-open-${tag}`, customerId: id });
    for (const order of [codOrder, cardOrder]) expect((await rulebook.post('/v1/orders', order)).status).toBe(201);
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    const erasure = await body(await rulebook.post(`/v1/customers/${id}/erasure`, { reason: 'asked', requestedBy: 'ops.obf' }));

    const refused = await obfuscate(id);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(refused);
    expect(problem.active).toEqual([
      { kind: 'erasure', id: erasure.requestId, fix: expect.stringContaining(`POST /v1/customers/${id}/erasure/cancel`) },
      { kind: 'cod-order', id: codOrder.id, fix: expect.stringContaining(`POST /v1/orders/${codOrder.id}/events`) },
      { kind: 'order', id: cardOrder.id, fix: expect.stringContaining(`POST /v1/orders/${cardOrder.id}/events`) },
      { kind: 'invoice', id: invoice.id, fix: expect.stringContaining(`POST /v1/invoices/${invoice.id}/payments`) },
    ]);
    for (const entityId of [erasure.requestId, codOrder.id, cardOrder.id, invoice.id]) expect(problem.detail).toContain(entityId);
    expect((await customerOf(id)).email).toBe(email);

    // Each ended as the refusal says: then the obfuscation goes through.
    const at = new Date().toISOString();
    for (const order of [codOrder, cardOrder]) {
      expect((await rulebook.post(`/v1/orders/${order.id}/events`, { id: `${order.id}-d`, kind: 'delivered', at })).status).toBe(201);
    }
    expect((await rulebook.post(`/v1/invoices/${invoice.id}/payments`, aPayment({ amount: invoice.amount }))).status).toBe(201);
    expect(
      (await rulebook.post(`/v1/customers/${id}/erasure/cancel`, { reason: 'obfuscate instead', cancelledBy: 'ops.obf' })).status,
    ).toBe(200);
    await vi.waitFor(async () => expect((await customerOf(id)).erasureState).toBe('none'), { timeout: 20_000, interval: 200 });
    const done = await obfuscate(id);
    expect(done.status).toBe(200);
    expect((await customerOf(id)).email).toMatch(/@obfuscated\.invalid$/);
  });

  it('refuses an erased customer: nothing is left to obfuscate', async () => {
    const id = `C-obf-erased-${tag}`;
    expect((await rulebook.post('/v1/customers', { id, email: `gone.${tag}@example.com` })).status).toBe(201);
    const db = rulebook.system.db;
    const { request: opened } = await openErasureRequest(db, id, {
      requestedBy: 'ops.obf',
      reason: 'asked',
      requestedAt: new Date(),
      eraseAt: new Date(),
    });
    await eraseCustomer(db, opened);
    const refused = await obfuscate(id);
    expect(refused.status).toBe(409);
    expect(await body(refused)).toMatchObject({
      erasureState: 'erased',
      detail: expect.stringMatching(/erased; there is nothing left to obfuscate/),
    });
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await obfuscate(`C-obf-nobody-${tag}`)).status).toBe(404);
  });
});

/** Every former personal value of the first customer, as text that must be found nowhere. */
function formerValues(): string[] {
  return [
    customer.email,
    customer.email.toUpperCase(),
    customer.phone,
    customer.name,
    noteText,
    personalAttributes.birthdate,
    personalAttributes.city,
    personalAttributes.national_id,
  ];
}
