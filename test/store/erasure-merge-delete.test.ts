/**
 * Where erasure, merge and delete meet on the same customers: no merge cycles (also under
 * concurrency), no delete under a running erasure, an erasure that acts only on the record it
 * was requested for, and a merged duplicate that counts nowhere while its work goes on for the survivor.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors';
import { withoutAddresses } from '../../src/notifications/outbox-delivery';
import { recordReturn } from '../../src/use-cases/record-return';
import { loadRuleSet } from '../../src/rules/load-rules';
import { addNote, deleteCustomer, mergeCustomers } from '../../src/store/customer-lifecycle-store';
import { processImportRow } from '../../src/store/import-jobs-store';
import { getTimeline } from '../../src/store/timeline-store';
import { shippedRules } from '../support/rule-dirs';
import { createCustomer, getCustomer } from '../../src/store/customer-store';
import {
  eraseCustomer,
  markErasurePending,
  openErasureRequest,
  previewErasure,
  restoreAfterCancelledErasure,
} from '../../src/store/erasure-store';
import { anInvoice, testData } from '../support/factories';
import { emptyAllTables, useTestDatabase } from '../support/test-databases';
import { findGroup } from '../../src/rules/find-in-rule-set';
import { searchCustomers } from '../../src/store/customer-search';
import { createTask, recordSequence, runningSequencesOf, type PinnedStep } from '../../src/store/dunning-store';
import { countGroupMembers, listGroupMembers, staticGroupsOf } from '../../src/store/group-store';
import { profileHolders } from '../../src/store/profile-reassignment';
import { assignDefaultProfiles, getCustomerProfiles } from '../../src/store/profile-store';
import { recordInvoice } from '../../src/use-cases/record-invoice';
import { recalculateForReturnsWindow } from '../../src/use-cases/returns-window-recalculation';
import { performDunningStep } from '../../src/use-cases/run-dunning-step';
import { ruleDirWith } from '../support/rule-dirs';

describe('erasure, merge and delete', () => {
  const test = useTestDatabase();
  beforeEach(async () => {
    await emptyAllTables(test.db);
  });

  const customer = (id: string) => createCustomer(test.db, { id, email: `${id.toLowerCase()}@example.com` });
  const conflict = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(ConflictError);
  const requestErasure = (id: string) =>
    openErasureRequest(test.db, id, {
      requestedBy: 'ops.test',
      reason: 'asked',
      requestedAt: new Date(),
      eraseAt: new Date(Date.now() + 86_400_000),
    });

  describe('merge', () => {
    it('refuses to merge back into a customer that was merged away', async () => {
      await customer('A');
      await customer('B');
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      await expect(mergeCustomers(test.db, 'A', 'B', 'ops')).rejects.toThrow(
        /A was merged into B .* merge B into B instead|A was merged into B/,
      );
      expect(await getCustomer(test.db, 'B')).toMatchObject({ mergedInto: null, email: 'b@example.com' });
    });

    it('refuses a survivor that was merged away, naming where it went', async () => {
      await customer('A');
      await customer('B');
      await customer('C');
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      await expect(mergeCustomers(test.db, 'A', 'C', 'ops')).rejects.toThrow(/merge C into B instead/);
      expect((await getCustomer(test.db, 'C')).mergedInto).toBeNull();
    });

    it('points customers merged into the duplicate to the new survivor', async () => {
      await customer('A');
      await customer('B');
      await customer('C');
      await mergeCustomers(test.db, 'A', 'C', 'ops');
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect((await getCustomer(test.db, 'C')).mergedInto).toBe('B');
      expect((await getCustomer(test.db, 'A')).mergedInto).toBe('B');
    });

    it('lets exactly one of two opposite concurrent merges win, and leaves no cycle', async () => {
      for (let round = 0; round < 10; round++) {
        await emptyAllTables(test.db);
        await customer('A');
        await customer('B');
        const outcomes = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), mergeCustomers(test.db, 'A', 'B', 'ops')]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(ConflictError);
        const pointers = await test.db.query<{ id: string; merged_into: string | null }>(
          'SELECT id, merged_into FROM customers ORDER BY id',
        );
        expect(pointers.filter((row) => row.merged_into !== null)).toHaveLength(1);
        const emails = await test.db.query<{ email: string | null }>('SELECT email FROM customers WHERE merged_into IS NULL');
        expect(emails[0]!.email).not.toBeNull();
      }
    });

    it('refuses while either customer has an erasure in progress', async () => {
      await customer('A');
      await customer('B');
      await requestErasure('A');
      await conflict(mergeCustomers(test.db, 'B', 'A', 'ops'));
      await conflict(mergeCustomers(test.db, 'A', 'B', 'ops'));
    });
  });

  describe('delete', () => {
    it('is refused while an erasure is in progress, naming the request', async () => {
      await customer('X');
      const { request } = await requestErasure('X');
      await expect(deleteCustomer(test.db, 'X')).rejects.toThrow(new RegExp(`erasure in progress \\(request ${request.requestId}`));
      expect((await getCustomer(test.db, 'X')).erasureState).toBe('pending');
    });

    it('is allowed again once the erasure is cancelled', async () => {
      await customer('X');
      const { request } = await requestErasure('X');
      await restoreAfterCancelledErasure(test.db, { customerId: 'X', requestId: request.requestId, reason: 'mistake', cancelledBy: 'ops' });
      await deleteCustomer(test.db, 'X');
      expect(await test.db.query(`SELECT 1 FROM customers WHERE id = 'X'`)).toHaveLength(0);
    });
  });

  describe('an erasure request', () => {
    it('is opened once: a repeat finds the same request', async () => {
      await customer('X');
      const first = await requestErasure('X');
      const second = await requestErasure('X');
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, request: { requestId: first.request.requestId } });
    });

    it('never erases a customer who is no longer pending it', async () => {
      await customer('X');
      const { request } = await requestErasure('X');
      await restoreAfterCancelledErasure(test.db, { customerId: 'X', requestId: request.requestId, reason: 'mistake', cancelledBy: 'ops' });
      await deleteCustomer(test.db, 'X');
      await createCustomer(test.db, { id: 'X', email: 'someone.else@example.com' });
      const erase = { customerId: 'X', requestId: request.requestId, requestedAt: request.requestedAt, requestedBy: 'ops.test' };
      await expect(markErasurePending(test.db, { ...erase, eraseAt: request.eraseAt })).rejects.toThrow(
        /no longer pending erasure request/,
      );
      await expect(eraseCustomer(test.db, erase)).rejects.toThrow(/Nothing was erased/);
      expect(await getCustomer(test.db, 'X')).toMatchObject({ email: 'someone.else@example.com', erasureState: 'none' });
    });

    it('adopts a request of an earlier release, which stored none', async () => {
      await customer('L');
      const legacy = { customerId: 'L', requestId: 'legacy-request', requestedAt: new Date().toISOString(), requestedBy: 'ops' };
      await markErasurePending(test.db, { ...legacy, eraseAt: new Date().toISOString() });
      await eraseCustomer(test.db, legacy);
      expect(await getCustomer(test.db, 'L')).toMatchObject({ email: null, erasureState: 'erased' });
    });
  });

  describe('merged duplicates', () => {
    it('keep no personal data of their own once merged', async () => {
      await createCustomer(test.db, { id: 'A', email: 'a@example.com', name: 'Asha Menon' });
      await customer('B');
      await test.db.query(`UPDATE customers SET attributes = '{"city": "Kochi"}' WHERE id = 'A'`);
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect(await getCustomer(test.db, 'A')).toMatchObject({ email: null, phone: null, name: null, attributes: {}, mergedInto: 'B' });
      expect(await getCustomer(test.db, 'B')).toMatchObject({ name: 'Asha Menon', attributes: { city: 'Kochi' } });
    });

    it('are erased with their survivor, also when an earlier release left them a name and attributes', async () => {
      await customer('A');
      await customer('B');
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      await test.db.query(`UPDATE customers SET name = 'Asha Menon', attributes = '{"city": "Kochi"}' WHERE id = 'A'`);
      const { request } = await requestErasure('B');
      const certificate = await eraseCustomer(
        test.db,
        { customerId: 'B', requestId: request.requestId, requestedAt: request.requestedAt, requestedBy: 'ops' },
        ['city'],
      );
      expect(certificate.erasedRecords.mergedDuplicates).toBe(1);
      expect(await getCustomer(test.db, 'A')).toMatchObject({ name: null, attributes: {} });
    });
  });

  describe('an erased customer', () => {
    async function erased(id: string) {
      await createCustomer(test.db, { id, email: `${id.toLowerCase()}@example.com`, phone: '+919800000042' });
      const { request } = await requestErasure(id);
      await eraseCustomer(test.db, { customerId: id, requestId: request.requestId, requestedAt: request.requestedAt, requestedBy: 'ops' });
      return request;
    }

    it('takes no new notes', async () => {
      await erased('E');
      await expect(addNote(test.db, 'E', { text: 'lives at 12 Baker Street', author: 'ops' })).rejects.toThrow(
        /erased; notes.* can no longer be added/,
      );
    });

    it('still counts returns, without keeping the order contact email', async () => {
      await erased('E');
      await recordReturn(test, loadRuleSet(shippedRules), {
        id: 'R-after',
        customerId: 'E',
        email: 'e.again@example.com',
        items: 1,
        returnedAt: new Date().toISOString(),
      });
      const [row] = await test.db.query<{ request: Record<string, unknown> }>(`SELECT request FROM returns WHERE id = 'R-after'`);
      expect(row!.request).not.toHaveProperty('email');
    });

    it('cannot be "cancelled" back after its erasure', async () => {
      const request = await erased('E');
      await expect(
        restoreAfterCancelledErasure(test.db, { customerId: 'E', requestId: request.requestId, reason: 'late', cancelledBy: 'ops' }),
      ).rejects.toThrow(/already erased/);
      expect((await getTimeline(test.db, 'E')).entries.map((entry) => entry.kind)).not.toContain('erasure-cancelled');
    });

    it('is not written back by an import that rejects a row naming it', async () => {
      await erased('E');
      const job = await testData(test.db).importJob({ status: 'in-process' });
      await processImportRow(
        test.db,
        job,
        { number: 2, cells: ['E', 'E@EXAMPLE.COM', 'Erin'] },
        async () => 'An account already exists with this email: E@EXAMPLE.COM',
      );
      const rows = await test.db.query<{ cells: string[]; error: string }>(`SELECT cells, error FROM import_errors WHERE job_id = $1`, [
        job,
      ]);
      expect(rows).toEqual([
        { cells: ['E', '', ''], error: 'The row names customer E, whose personal data was erased; its other cells are not kept.' },
      ]);
    });

    it('leaves no delivery error quoting the address', async () => {
      await createCustomer(test.db, { id: 'M', email: 'mallory@example.com' });
      await testData(test.db).queuedMessage({ customerId: 'M', lastError: '550 <mallory@example.com>: rejected' });
      const { request } = await requestErasure('M');
      const certificate = await eraseCustomer(test.db, {
        customerId: 'M',
        requestId: request.requestId,
        requestedAt: request.requestedAt,
        requestedBy: 'ops',
      });
      expect(certificate.erasedRecords.deliveryErrors).toBe(1);
      // The unsent reminder is given up with a reason that names nobody.
      expect(await test.db.query(`SELECT last_error, dead_at IS NOT NULL AS dead FROM notification_outbox`)).toEqual([
        { last_error: 'the customer was erased', dead: true },
      ]);
      expect(withoutAddresses('550 5.1.1 <Mallory.Smith@example.com>: Recipient address rejected')).toBe(
        '550 5.1.1 <<address>>: Recipient address rejected',
      );
    });
  });

  describe('import error rows', () => {
    it("are erased when their id column names the customer, or when they hold a merged duplicate's former email", async () => {
      await createCustomer(test.db, { id: 'V', email: 'vera@example.com' });
      await createCustomer(test.db, { id: 'A', email: 'alma.dup@example.com', phone: '+919844444444' });
      const rows = [
        ['V', 'vera.newaddr@example.org', 'Vera Newname'],
        ['MX-1', 'Alma.Dup@example.com', 'Alma'],
        ['V2', 'other@example.com', 'V'],
      ];
      await testData(test.db).importJob({
        columns: ['id', 'email', 'name'],
        errorRows: rows.map((cells) => ({ cells, error: 'rejected' })),
      });
      await mergeCustomers(test.db, 'V', 'A', 'ops');
      const { request } = await requestErasure('V');
      expect((await previewErasure(test.db, 'V')).related.importErrorRows).toBe(2);
      await eraseCustomer(test.db, { customerId: 'V', requestId: request.requestId, requestedAt: request.requestedAt, requestedBy: 'ops' });
      // The third row only has "V" as a name, not in its id column: it is someone else's.
      const left = await test.db.query<{ cells: string[] }>('SELECT cells FROM import_errors');
      expect(left.map((row) => row.cells[0])).toEqual(['V2']);
      expect(await test.db.query(`SELECT merged_contacts FROM customers WHERE id = 'V'`)).toEqual([{ merged_contacts: [] }]);
    });

    it('are erased whatever the letter case or surrounding text of the email', async () => {
      await createCustomer(test.db, { id: 'E', email: 'aarav.sharma@example.com', phone: '+919876543210' });
      const rows = [
        ['AARAV.Sharma@Example.COM', '', 'An account already exists with this email: AARAV.Sharma@Example.COM'],
        ['  Aarav Sharma <aarav.sharma@example.com> ', '', 'not an email'],
        ['', '+919876543210', 'An account already exists with this phone number: +919876543210'],
        ['someone.else@example.com', '', 'kept'],
      ];
      await testData(test.db).importJob({ errorRows: rows.map(([email, phone, error]) => ({ cells: [email!, phone!], error: error! })) });
      const { request } = await requestErasure('E');
      expect((await previewErasure(test.db, 'E')).related.importErrorRows).toBe(3);
      await eraseCustomer(test.db, { customerId: 'E', requestId: request.requestId, requestedAt: request.requestedAt, requestedBy: 'ops' });
      const left = await test.db.query<{ cells: string[] }>('SELECT cells FROM import_errors');
      expect(left.map((row) => row.cells[0])).toEqual(['someone.else@example.com']);
    });
  });

  describe('a merged duplicate', () => {
    // A group every customer without orders is in: a merged duplicate, stripped of its data, would be too.
    const rules = ruleDirWith({
      'groups/merge-spec.yaml': [
        '# yaml-language-server: $schema=../../schemas/rules/groups.schema.json',
        'groups:',
        '  - id: spent-little',
        '    name: Spent little',
        '    description: Spent less than 1,000, as every customer without orders.',
        '    kind: conditional',
        '    when: { fact: total_spent, operator: lessThan, value: 1000 }',
        '',
      ].join('\n'),
    });
    const ruleSet = loadRuleSet(rules.dir);
    afterAll(() => rules.remove());

    /** Asha (A) signed up twice; B, the record kept, is the survivor. Both hold the new customers' default profile. */
    async function duplicatePair() {
      await createCustomer(test.db, { id: 'A', email: 'asha.dup@example.com', name: 'Asha Menon' });
      await createCustomer(test.db, { id: 'B', email: 'asha@example.com' });
      for (const id of ['A', 'B']) await assignDefaultProfiles(test.db, ruleSet, id);
      await test.db.query(`INSERT INTO static_group_members (group_id, customer_id) VALUES ('vip-import', 'A')`);
    }

    /** An invoice of A's with a running reminder sequence, a call task of it and a queued reminder. */
    async function duplicateOwing(invoiceId: string) {
      await testData(test.db).invoice({ id: invoiceId, customerId: 'A', amount: 2_500 });
      const steps: PinnedStep[] = [{ id: 'first-reminder', offsetDays: 1, action: 'email', template: 'first-reminder' }];
      await recordSequence(test.db, {
        invoiceId,
        customerId: 'A',
        scenarioId: 'standard',
        profileSetId: 'account-type',
        profileId: 'standard',
        ruleSetVersion: 'v-test',
        steps,
      });
      await createTask(test.db, {
        id: `${invoiceId}:call`,
        kind: 'call',
        customerId: 'A',
        invoiceId,
        scenarioId: 'standard',
        profileSetId: 'account-type',
        profileId: 'standard',
        template: 'overdue-call',
      });
      await testData(test.db).queuedMessage({ customerId: 'A', invoiceId });
    }

    const ownersOf = async (table: string) =>
      (await test.db.query<{ customer_id: string }>(`SELECT DISTINCT customer_id FROM ${table} ORDER BY customer_id`)).map(
        (row) => row.customer_id,
      );

    it('holds no profile: the holders of to-assign count the person once', async () => {
      await duplicatePair();
      expect((await profileHolders(test.db, 'account-type', 'to-assign')).count).toBe(2);
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect(await getCustomerProfiles(test.db, 'A')).toEqual({});
      expect(await profileHolders(test.db, 'account-type', 'to-assign')).toEqual({ count: 1, sample: ['B'] });
    });

    it('is in no group, conditional or static: neither counted nor listed', async () => {
      await duplicatePair();
      const spentLittle = findGroup(ruleSet, 'spent-little');
      const vip = findGroup(ruleSet, 'vip-import');
      const now = new Date();
      expect(await countGroupMembers(test.db, ruleSet, spentLittle, now)).toBe(2);
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect(await countGroupMembers(test.db, ruleSet, spentLittle, now)).toBe(1);
      expect(await listGroupMembers(test.db, ruleSet, spentLittle, now, { limit: 10 })).toEqual(['B']);
      expect(await listGroupMembers(test.db, ruleSet, vip, now, { limit: 10 })).toEqual(['B']);
      expect(await staticGroupsOf(test.db, 'A')).toEqual([]);
    });

    it('is found by a search only when asked for by its id, and then names the survivor', async () => {
      await duplicatePair();
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      const search = (filters: { q?: string; group?: ReturnType<typeof findGroup> }) =>
        searchCustomers(test.db, ruleSet, filters, { limit: 10 }, new Date());
      expect((await search({})).map((found) => found.id)).toEqual(['B']);
      expect((await search({ group: findGroup(ruleSet, 'spent-little') })).map((found) => found.id)).toEqual(['B']);
      expect(await search({ q: 'A' })).toContainEqual(expect.objectContaining({ id: 'A', mergedInto: 'B', email: null, name: null }));
    });

    it('hands its reminder sequences, their tasks and its queued messages to the survivor', async () => {
      await duplicatePair();
      await duplicateOwing('INV-merge-hand');
      const { moved } = await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect(moved).toMatchObject({ invoices: 1, dunning_sequences: 1, tasks: 1, notification_outbox: 1 });
      expect(await ownersOf('dunning_sequences')).toEqual(['B']);
      expect(await ownersOf('tasks')).toEqual(['B']);
      expect(await ownersOf('notification_outbox')).toEqual(['B']);
      // A change of the survivor's profile now reaches the sequence (stopWhen: profile-changed).
      expect(await runningSequencesOf(test.db, 'B')).toEqual([
        expect.objectContaining({
          invoiceId: 'INV-merge-hand',
          scenarioId: 'standard',
          profileId: 'standard',
          workflowId: 'dunning-INV-merge-hand',
        }),
      ]);
    });

    it("runs the steps still to come for the survivor, although the sequence's workflow was started with the duplicate's id", async () => {
      await duplicatePair();
      await duplicateOwing('INV-merge-steps');
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      const step = (id: string, action: PinnedStep['action']): PinnedStep => ({
        id,
        offsetDays: 30,
        action,
        template: id,
        // Holds on the survivor's facts (the invoice's 2,500 are owed by B now), not on the emptied duplicate's.
        when: { fact: 'outstanding_amount', operator: 'greaterThan', value: 1000 },
      });
      const run = { invoiceId: 'INV-merge-steps', customerId: 'A', scenarioId: 'standard', profileId: 'standard' };
      expect(await performDunningStep(test.db, ruleSet, { ...run, step: step('formal-notice', 'formal-notice') })).toBe('done');
      expect(await performDunningStep(test.db, ruleSet, { ...run, step: step('second-reminder', 'email') })).toBe('done');
      expect(await ownersOf('tasks')).toEqual(['B']);
      expect(await ownersOf('notification_outbox')).toEqual(['B']);
    });

    it('records the merge on both timelines, with ids only', async () => {
      await duplicatePair();
      await mergeCustomers(test.db, 'B', 'A', 'asha.ops');
      const [away] = (await getTimeline(test.db, 'A')).entries.filter((entry) => entry.kind === 'customer-merged-away');
      const [mergedIn] = (await getTimeline(test.db, 'B')).entries.filter((entry) => entry.kind === 'customer-merged-in');
      expect(away!.detail).toEqual(mergedIn!.detail);
      expect(away!.detail).toMatchObject({
        survivorId: 'B',
        duplicateId: 'A',
        mergedBy: 'asha.ops',
        profilesRemoved: [{ setId: 'account-type', profileId: 'to-assign' }],
      });
      expect(JSON.stringify(away!.detail)).not.toMatch(/asha\.dup@example\.com|Asha Menon/);
    });

    it('is left alone by its returns-window workflow, which finds nothing to watch and ends', async () => {
      await duplicatePair();
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      expect(await recalculateForReturnsWindow(test.db, ruleSet, 'A', new Date())).toEqual({ nextExpiry: null, changed: [] });
      expect(await test.db.query(`SELECT 1 FROM decision_records WHERE customer_id = 'A'`)).toEqual([]);
      expect(await getCustomerProfiles(test.db, 'A')).toEqual({});
    });

    it('takes no return, invoice or erasure request: each is refused naming the survivor', async () => {
      await duplicatePair();
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      const refusal = { extensions: { mergedInto: 'B' } };
      await expect(
        recordReturn(test, ruleSet, { id: 'R-to-dup', customerId: 'A', items: 1, returnedAt: new Date().toISOString() }),
      ).rejects.toMatchObject(refusal);
      await expect(recordInvoice(test, ruleSet, anInvoice({ id: 'INV-to-dup', customerId: 'A' }))).rejects.toMatchObject(refusal);
      await expect(requestErasure('A')).rejects.toMatchObject(refusal);
      expect(await test.db.query(`SELECT id FROM returns UNION ALL SELECT id FROM invoices`)).toEqual([]);
      expect(await getCustomer(test.db, 'A')).toMatchObject({ erasureState: 'none', mergedInto: 'B' });
      expect(await getCustomerProfiles(test.db, 'A')).toEqual({});
    });

    it('is deleted with its survivor, leaving no customer that was merged away and counts again', async () => {
      await duplicatePair();
      await mergeCustomers(test.db, 'B', 'A', 'ops');
      await deleteCustomer(test.db, 'B');
      expect(await test.db.query(`SELECT id FROM customers`)).toEqual([]);
      expect(await test.db.query(`SELECT customer_id FROM customer_facts`)).toEqual([]);
    });

    describe('while other work on the same customers runs at once', () => {
      const rounds = 10;

      it('a delete of the survivor either comes first, or deletes the duplicate with the survivor', async () => {
        for (let round = 0; round < rounds; round++) {
          await emptyAllTables(test.db);
          await duplicatePair();
          const [merge, removal] = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), deleteCustomer(test.db, 'B')]);
          expect(removal.status).toBe('fulfilled');
          const left = await test.db.query<{ id: string; merged_into: string | null }>('SELECT id, merged_into FROM customers');
          // Deleted first, the survivor was not there to merge into; merged first, the duplicate went with it.
          expect(left).toEqual(merge.status === 'fulfilled' ? [] : [{ id: 'A', merged_into: null }]);
          expect(await countGroupMembers(test.db, ruleSet, findGroup(ruleSet, 'spent-little'), new Date())).toBe(left.length);
        }
      });

      it('an erasure request of the duplicate and the merge never both succeed', async () => {
        for (let round = 0; round < rounds; round++) {
          await emptyAllTables(test.db);
          await duplicatePair();
          const outcomes = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), requestErasure('A')]);
          expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
          const duplicate = await getCustomer(test.db, 'A');
          expect(duplicate.mergedInto === 'B').toBe(duplicate.erasureState === 'none');
          for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
        }
      });

      it('a delete of the duplicate either comes first, or deletes the merged duplicate and leaves the survivor whole', async () => {
        for (let round = 0; round < rounds; round++) {
          await emptyAllTables(test.db);
          await duplicatePair();
          const [merge, removal] = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), deleteCustomer(test.db, 'A')]);
          expect(removal.status).toBe('fulfilled');
          expect(await test.db.query('SELECT id, merged_into FROM customers')).toEqual([{ id: 'B', merged_into: null }]);
          const mergedIn = (await getTimeline(test.db, 'B')).entries.filter((entry) => entry.kind === 'customer-merged-in');
          expect(mergedIn).toHaveLength(merge.status === 'fulfilled' ? 1 : 0);
          expect(await profileHolders(test.db, 'account-type', 'to-assign')).toEqual({ count: 1, sample: ['B'] });
        }
      });

      it("an erasure request of the survivor either refuses the merge, or comes after it and covers the duplicate's former contacts", async () => {
        for (let round = 0; round < rounds; round++) {
          await emptyAllTables(test.db);
          await duplicatePair();
          const [merge, erasure] = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), requestErasure('B')]);
          expect(erasure.status).toBe('fulfilled');
          const duplicate = await getCustomer(test.db, 'A');
          if (merge.status === 'rejected') {
            expect(merge.reason).toBeInstanceOf(ConflictError);
            expect(duplicate).toMatchObject({ mergedInto: null, email: 'asha.dup@example.com' });
          } else {
            expect(duplicate).toMatchObject({ mergedInto: 'B', email: null });
            const [survivor] = await test.db.query<{ merged_contacts: string[] }>(`SELECT merged_contacts FROM customers WHERE id = 'B'`);
            expect(survivor!.merged_contacts).toEqual(['asha.dup@example.com']);
          }
        }
      });

      it("a reminder step of the duplicate's invoice leaves its task with the survivor, whichever commits first", async () => {
        const step: PinnedStep = { id: 'formal-notice', offsetDays: 30, action: 'formal-notice', template: 'formal-notice' };
        for (let round = 0; round < rounds; round++) {
          await emptyAllTables(test.db);
          await duplicatePair();
          await duplicateOwing('INV-merge-race');
          const run = { invoiceId: 'INV-merge-race', customerId: 'A', scenarioId: 'standard', profileId: 'standard', step };
          const outcomes = await Promise.allSettled([mergeCustomers(test.db, 'B', 'A', 'ops'), performDunningStep(test.db, ruleSet, run)]);
          expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
          expect(await ownersOf('tasks')).toEqual(['B']);
          expect(await ownersOf('notification_outbox')).toEqual(['B']);
        }
      });
    });
  });
});
