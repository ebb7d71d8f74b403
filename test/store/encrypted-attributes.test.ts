/**
 * Attributes declared `encrypted: true` (the shipped `national_id`) are sealed at rest under the
 * payload key — in the customer row, in the attribute history and on import — readable again under
 * a former key while it is listed, moved to the current key by re-encryption, and a clear error once
 * the key is gone. On every store back-end.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AttributeCipher, EncryptionKeyMissingError, isSealedValue, maskedValue } from '../../src/encryption/attribute-cipher';
import { attributeChangesView, maskedCustomer, revealEncryptedAttributes } from '../../src/use-cases/customer-view';
import { loadRuleSet } from '../../src/rules/load-rules';
import { personalAttributeIds } from '../../src/rules/personal-attributes';
import type { RuleSet } from '../../src/rules/rule-set';
import { loadCustomerFacts } from '../../src/store/customer-facts-store';
import { mergeCustomers } from '../../src/store/customer-lifecycle-store';
import { createCustomer, getCustomer, updateCustomer } from '../../src/store/customer-store';
import { reencryptAttributeValues } from '../../src/store/encrypted-attribute-store';
import { eraseCustomer } from '../../src/store/erasure-store';
import { exportHeader, exportRows } from '../../src/store/export-jobs-store';
import { importCustomerRow } from '../../src/store/import-rows';
import { getTimeline } from '../../src/store/timeline-store';
import { keyId } from '../../src/temporal/encryption-codec';
import { shippedRules } from '../support/rule-dirs';
import { emptyAllTables, useTestDatabase } from '../support/test-databases';

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const nationalId = 'ABCDE1234F';
const aarav = { id: 'C-1001', email: 'aarav.sharma@example.com', phone: '+919876543210', name: 'Aarav Sharma' };

describe('encrypted attributes', () => {
  const test = useTestDatabase();
  let ruleSet: RuleSet;
  const underA = () => new AttributeCipher(keyA);
  const sealer = (cipher: AttributeCipher) => cipher.forCatalog(ruleSet.attributes);

  /** Every text the database holds about customers, attribute values and history. */
  async function rawDatabase(): Promise<string> {
    const tables = ['customers', 'attribute_changes', 'customer_timeline'];
    const texts = await Promise.all(tables.map((table) => test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`)));
    return texts
      .flat()
      .map((text) => text.row)
      .join('\n');
  }

  async function storedNationalIds(): Promise<unknown[]> {
    const [row] = await test.db.query<{ value: unknown }>(`SELECT attributes -> 'national_id' AS value FROM customers WHERE id = $1`, [
      aarav.id,
    ]);
    const history = await test.db.query<{ value: unknown }>(
      `SELECT new_value AS value FROM attribute_changes WHERE attribute = 'national_id' ORDER BY id`,
    );
    return [row?.value, ...history.map((change) => change.value)];
  }

  beforeAll(async () => {
    ruleSet = loadRuleSet(shippedRules);
    expect(ruleSet.attributes.get('national_id')).toMatchObject({ encrypted: true, personal: true });
  });
  beforeEach(async () => {
    await emptyAllTables(test.db);
    await createCustomer(test.db, aarav);
  });

  it('are sealed in the customer row and in the attribute history: the clear value is nowhere in the database', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId, city: 'Pune' }, changedBy: 'crm' }, sealer(underA()));
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: 'ZZZZZ9999Z' }, changedBy: 'crm' }, sealer(underA()));

    const raw = await rawDatabase();
    expect(raw).toContain('Pune'); // attributes that are not encrypted stay plain (conditions read them)
    for (const secret of [nationalId, 'ZZZZZ9999Z']) expect(raw).not.toContain(secret);
    const [oldValue] = await test.db.query<{ old_value: unknown }>(
      `SELECT old_value FROM attribute_changes WHERE attribute = 'national_id' ORDER BY id DESC LIMIT 1`,
    );
    expect(isSealedValue(oldValue!.old_value)).toBe(true);
    for (const stored of await storedNationalIds()) expect(stored).toMatchObject({ alg: 'A256GCM', kid: keyId(keyA) });
  });

  it('are masked in every view and revealed in clear only on request, which the timeline records without the value', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));

    expect(maskedCustomer(await getCustomer(test.db, aarav.id), ruleSet).attributes).toEqual({ national_id: maskedValue });
    expect(await attributeChangesView(test.db, ruleSet, aarav.id)).toMatchObject([
      { attribute: 'national_id', oldValue: null, newValue: { encrypted: true } },
    ]);
    expect(await revealEncryptedAttributes(test.db, ruleSet, underA(), aarav.id, 'token-2')).toEqual({
      customerId: aarav.id,
      attributes: { national_id: nationalId },
    });

    const reveal = (await getTimeline(test.db, aarav.id)).entries.find((entry) => entry.kind === 'encrypted-attributes-revealed');
    expect(reveal?.detail).toEqual({ attributes: ['national_id'], caller: 'token-2' });
    expect(await rawDatabase()).not.toContain(nationalId);
  });

  it('compare by value: the same value again is no change, another one is', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));
    expect(await attributeChangesView(test.db, ruleSet, aarav.id)).toHaveLength(1);
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: null }, changedBy: 'crm' }, sealer(underA()));
    expect((await getCustomer(test.db, aarav.id)).attributes).toEqual({});
    expect(await attributeChangesView(test.db, ruleSet, aarav.id)).toMatchObject([
      { oldValue: { encrypted: true }, newValue: null },
      { newValue: { encrypted: true } },
    ]);
  });

  it('are sealed by imports, and an identical row again is no clash', async () => {
    const job = { id: '00000000-0000-4000-8000-000000000001', requestedBy: 'ops' };
    const header = ['id', 'email', 'national_id', 'loyalty_tier'];
    const row = { number: 2, cells: ['C-2001', 'priya@example.com', 'PQRSX6789K', 'gold'] };
    expect(await importCustomerRow(test.db, ruleSet, job, header, row, sealer(underA()))).toBeUndefined();
    expect(await rawDatabase()).not.toContain('PQRSX6789K');
    expect(await revealEncryptedAttributes(test.db, ruleSet, underA(), 'C-2001', 'token-1')).toMatchObject({
      attributes: { national_id: 'PQRSX6789K' },
    });

    expect(await importCustomerRow(test.db, ruleSet, job, header, row, sealer(underA()))).toBeUndefined();
    const other = { number: 3, cells: ['C-2001', 'priya@example.com', 'OTHER0000X', 'gold'] };
    const clash = await importCustomerRow(test.db, ruleSet, job, header, other, sealer(underA()));
    expect(clash).toMatch(/other values for national_id/);
    expect(clash).not.toContain('PQRSX6789K');
  });

  it('stay readable under a former key while it is listed, and re-encryption moves them to the current key', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));
    const rotated = new AttributeCipher(keyB, [keyA]);
    expect(await revealEncryptedAttributes(test.db, ruleSet, rotated, aarav.id, 'token-2')).toMatchObject({
      attributes: { national_id: nationalId },
    });

    const report = await reencryptAttributeValues(test.db, sealer(rotated));
    expect(report).toEqual({ currentKeyId: keyId(keyB), customers: 1, attributeChanges: 1, unreadable: {} });
    for (const stored of await storedNationalIds()) expect(stored).toMatchObject({ kid: keyId(keyB) });
    expect(await rawDatabase()).not.toContain(nationalId);
    expect(await reencryptAttributeValues(test.db, sealer(rotated))).toMatchObject({ customers: 0, attributeChanges: 0 });

    const withoutA = new AttributeCipher(keyB);
    expect(await revealEncryptedAttributes(test.db, ruleSet, withoutA, aarav.id, 'token-2')).toMatchObject({
      attributes: { national_id: nationalId },
    });
  });

  it('fail with a clear error naming the key once a key still in use is removed, and everything else keeps working', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));
    const withoutA = new AttributeCipher(keyB);

    const failure = await revealEncryptedAttributes(test.db, ruleSet, withoutA, aarav.id, 'token-2').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EncryptionKeyMissingError);
    expect((failure as Error).message).toContain(`key ${keyId(keyA)}`);
    expect((failure as Error).message).toContain('RULEBOOK_PAYLOAD_OLD_KEYS');
    expect((await getTimeline(test.db, aarav.id)).entries.map((entry) => entry.kind)).not.toContain('encrypted-attributes-revealed');

    expect(await reencryptAttributeValues(test.db, sealer(withoutA))).toEqual({
      currentKeyId: keyId(keyB),
      customers: 0,
      attributeChanges: 0,
      unreadable: { [keyId(keyA)]: 2 },
    });
    expect(maskedCustomer(await getCustomer(test.db, aarav.id), ruleSet).attributes).toEqual({ national_id: maskedValue });
    // A new value can still be written over the unreadable one.
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: 'NEWID0000N' }, changedBy: 'crm' }, sealer(withoutA));
    expect(await revealEncryptedAttributes(test.db, ruleSet, withoutA, aarav.id, 'token-2')).toMatchObject({
      attributes: { national_id: 'NEWID0000N' },
    });
  });

  it('written in clear before they were encrypted are masked at once and sealed by re-encryption', async () => {
    await test.db.query(`UPDATE customers SET attributes = $2 WHERE id = $1`, [
      aarav.id,
      JSON.stringify({ national_id: nationalId, city: 'Pune' }),
    ]);
    await test.db.query(
      `INSERT INTO attribute_changes (customer_id, attribute, old_value, new_value, changed_by) VALUES ($1, 'national_id', 'null', $2, 'crm')`,
      [aarav.id, JSON.stringify(nationalId)],
    );
    expect(maskedCustomer(await getCustomer(test.db, aarav.id), ruleSet).attributes).toEqual({ national_id: maskedValue, city: 'Pune' });

    expect(await reencryptAttributeValues(test.db, sealer(underA()))).toMatchObject({ customers: 1, attributeChanges: 1, unreadable: {} });
    expect(await rawDatabase()).not.toContain(nationalId);
    const [history] = await test.db.query<{ old_value: string }>(`SELECT old_value::text FROM attribute_changes`);
    expect(history!.old_value).toBe('null');
    expect(await revealEncryptedAttributes(test.db, ruleSet, underA(), aarav.id, 'token-2')).toMatchObject({
      attributes: { national_id: nationalId },
    });
  });

  it('move sealed with a merge and stay readable on the survivor', async () => {
    await createCustomer(test.db, { id: 'C-1002', email: 'aarav.s@example.com' });
    await updateCustomer(test.db, 'C-1002', { attributes: { national_id: nationalId }, changedBy: 'crm' }, sealer(underA()));
    await mergeCustomers(test.db, aarav.id, 'C-1002', 'ops');
    expect(await rawDatabase()).not.toContain(nationalId);
    expect(await revealEncryptedAttributes(test.db, ruleSet, underA(), aarav.id, 'token-2')).toMatchObject({
      attributes: { national_id: nationalId },
    });
  });

  it('are erased with the customer (personal) together with their history', async () => {
    await updateCustomer(
      test.db,
      aarav.id,
      { attributes: { national_id: nationalId, premium_member: true }, changedBy: 'crm' },
      sealer(underA()),
    );
    const request = { customerId: aarav.id, requestId: 'req-1', requestedAt: '2026-11-23T00:00:00.000Z', requestedBy: 'ops' };
    const certificate = await eraseCustomer(test.db, request, personalAttributeIds(ruleSet));
    expect(certificate.erasedFields).toContain('attributes.national_id');
    expect((await getCustomer(test.db, aarav.id)).attributes).toEqual({ premium_member: true });
    expect(await test.db.query(`SELECT 1 FROM attribute_changes WHERE attribute = 'national_id'`)).toEqual([]);
  });

  it('stay out of facts (conditions, groups, decision records) and exports', async () => {
    await updateCustomer(test.db, aarav.id, { attributes: { national_id: nationalId, city: 'Pune' }, changedBy: 'crm' }, sealer(underA()));
    const facts = (await loadCustomerFacts(test.db, ruleSet, new Date(), [aarav.id])).get(aarav.id);
    expect(facts).toMatchObject({ city: 'Pune' });
    expect(facts).not.toHaveProperty('national_id');
    expect(exportHeader(ruleSet)).not.toContain('national_id');
    const exported: string[][] = [];
    for await (const page of exportRows(test.db, ruleSet, {})) exported.push(...page);
    expect(JSON.stringify(exported)).not.toMatch(/national_id|A256GCM|ABCDE1234F/);
  });
});
