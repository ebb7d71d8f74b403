/** Merging duplicates, deleting customers, and notes (seed 003). */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors';
import { getCustomer, lockCustomer, lockCustomers, refuseMerged } from './customer-store';
import { pendingRequestOf } from './erasure-store';
import { forgetReturnsWindowSchedule } from './returns-window-store';
import type { Database, Queryable } from './database';
import { appendTimeline } from './timeline-store';
import { forgetIdempotentAnswersOf } from './idempotency-store';

/** Tables whose rows belong to a customer and move to the survivor of a merge. */
const movedOnMerge = [
  'returns',
  'orders',
  'invoices',
  'customer_notes',
  'attribute_changes',
  'cod_holds',
  'decision_records',
  'notification_outbox',
  // The invoices' reminder sequences and the tasks they made: the survivor's profile changes must
  // reach them, and the steps still to come find the invoice's customer (src/use-cases/run-dunning-step.ts).
  'dunning_sequences',
  'tasks',
] as const;

/**
 * Merges `duplicateId` into `survivorId`, irreversibly and in one transaction: returns, orders,
 * invoices (with their payments), COD holds, notes, attribute history, decision records, reminder
 * sequences, tasks, queued messages and static group memberships move to the survivor; attributes
 * the survivor lacks are taken over; the duplicate is deactivated, keeps no personal data (email,
 * phone, name, attributes) and no profile, points to the survivor, and counts nowhere (its facts row
 * is flagged by the trigger of migration 0019). Both timelines record the merge with ids only.
 */
export async function mergeCustomers(db: Database, survivorId: string, duplicateId: string, mergedBy: string) {
  return db.transaction((tx) => mergeCustomersIn(tx, survivorId, duplicateId, mergedBy));
}

/** `mergeCustomers` in the caller's transaction, so that what the merge sets off commits with it or not at all. */
export async function mergeCustomersIn(tx: Queryable, survivorId: string, duplicateId: string, mergedBy: string) {
  if (survivorId === duplicateId) throw new ConflictError('A customer cannot be merged into itself; give the id of the duplicate.');
  // Both rows locked in id order: two opposite merges of the same pair wait for each other, and
  // the second sees what the first did.
  const [survivor, duplicate] = await lockCustomers(tx, [survivorId, duplicateId]);
  for (const customer of [survivor!, duplicate!]) {
    if (customer.erasureState !== 'none') {
      throw new ConflictError(
        `Customer ${customer.id} is ${customer.erasureState === 'pending' ? 'pending erasure' : 'erased'}; cancel or finish that first.`,
      );
    }
  }
  if (survivor!.mergedInto) {
    throw new ConflictError(
      `Customer ${survivorId} was merged into ${survivor!.mergedInto} and is no longer a customer of its own; merge ${duplicateId} into ${survivor!.mergedInto} instead.`,
      { mergedInto: survivor!.mergedInto },
    );
  }
  if (duplicate!.mergedInto) {
    throw new ConflictError(`Customer ${duplicateId} was already merged into ${duplicate!.mergedInto}.`, {
      mergedInto: duplicate!.mergedInto,
    });
  }
  // The duplicate holds no profile any more: it counted among the holders of its profiles (a
  // manual set's default, e.g. to-assign); the survivor keeps its own, which its events decided.
  const dropped = await tx.query<{ set_id: string; profile_id: string }>(
    'DELETE FROM customer_profiles WHERE customer_id = $1 RETURNING set_id, profile_id',
    [duplicateId],
  );
  // The survivor's scheduled returns-window moment did not count the duplicate's returns; the
  // duplicate has none left to watch (its workflow finds it merged and ends).
  await forgetReturnsWindowSchedule(tx, survivorId);
  await forgetReturnsWindowSchedule(tx, duplicateId);
  const moved: Record<string, number> = {};
  for (const table of movedOnMerge) {
    const rows = await tx.query(`UPDATE ${table} SET customer_id = $1 WHERE customer_id = $2 RETURNING 1`, [survivorId, duplicateId]);
    moved[table] = rows.length;
  }
  const memberships = await tx.query(
    `INSERT INTO static_group_members (group_id, customer_id) SELECT group_id, $1 FROM static_group_members WHERE customer_id = $2
     ON CONFLICT DO NOTHING RETURNING 1`,
    [survivorId, duplicateId],
  );
  await tx.query('DELETE FROM static_group_members WHERE customer_id = $1', [duplicateId]);
  moved.static_group_members = memberships.length;
  const takenOver = Object.keys(duplicate!.attributes).filter((key) => !(key in survivor!.attributes));
  // Customers merged into the duplicate earlier now point to the survivor: a merged customer is never a survivor.
  await tx.query('UPDATE customers SET merged_into = $1 WHERE merged_into = $2', [survivorId, duplicateId]);
  await tx.query(
    'UPDATE customers s SET merged_contacts = s.merged_contacts || d.merged_contacts FROM customers d WHERE s.id = $1 AND d.id = $2',
    [survivorId, duplicateId],
  );
  // The duplicate gives up its personal data first: email and phone are unique, and the survivor may
  // take them; what it keeps of the person is the survivor's to keep (and to erase).
  await tx.query(
    `UPDATE customers SET active = false, email = NULL, phone = NULL, name = NULL, attributes = '{}', merged_contacts = '[]', merged_into = $2, updated_at = now() WHERE id = $1`,
    [duplicateId, survivorId],
  );
  // The duplicate's contacts stay known to the survivor's erasure, which must find what names them.
  const formerContacts = [duplicate!.email, duplicate!.phone].filter((value) => value !== null);
  await tx.query(
    `UPDATE customers SET attributes = $2::jsonb || attributes, email = coalesce(email, $3), phone = coalesce(phone, $4),
       name = coalesce(name, $5), merged_contacts = merged_contacts || $6::jsonb, updated_at = now() WHERE id = $1`,
    [
      survivorId,
      JSON.stringify(duplicate!.attributes),
      duplicate!.email,
      duplicate!.phone,
      duplicate!.name,
      JSON.stringify(formerContacts),
    ],
  );
  const profilesRemoved = dropped
    .map((row) => ({ setId: row.set_id, profileId: row.profile_id }))
    .sort((a, b) => a.setId.localeCompare(b.setId));
  const detail = { survivorId, duplicateId, mergedBy, moved, attributesTakenOver: takenOver, profilesRemoved };
  await appendTimeline(tx, { customerId: survivorId, eventKey: `merge:${randomUUID()}`, kind: 'customer-merged-in', detail });
  await appendTimeline(tx, { customerId: duplicateId, eventKey: `merge:${randomUUID()}`, kind: 'customer-merged-away', detail });
  return detail;
}

/**
 * Deletes a customer and what only they hold, with the duplicates merged into it (the same person,
 * holding nothing of their own); refused while orders or invoices are linked or an erasure is pending.
 */
export async function deleteCustomer(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, id);
    if (customer.erasureState === 'pending') {
      const pending = await pendingRequestOf(tx, id);
      throw new ConflictError(
        `Customer ${id} has an erasure in progress${pending ? ` (request ${pending.requestId}, erasing at ${pending.eraseAt})` : ''} ` +
          `and cannot be deleted. Cancel it first (POST /v1/customers/${id}/erasure/cancel), or let it complete.`,
        { erasureRequestId: pending?.requestId ?? null },
      );
    }
    const [links] = await tx.query<{ orders: number; invoices: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE customer_id = $1) AS orders,
              (SELECT count(*)::int FROM invoices WHERE customer_id = $1) AS invoices`,
      [id],
    );
    if (links!.orders > 0 || links!.invoices > 0) {
      throw new ConflictError(
        `Customer ${id} is linked to ${links!.orders} orders and ${links!.invoices} invoices and cannot be deleted. ` +
          'Deactivate the customer instead (PATCH active: false), or erase their personal data (POST /v1/customers/{id}/erasure).',
        { orders: links!.orders, invoices: links!.invoices },
      );
    }
    // A merge into this customer needs its lock, which this transaction holds: the duplicates found
    // now are all there will be. Left behind, a duplicate would point nowhere and count again.
    const duplicates = await tx.query<{ id: string }>('SELECT id FROM customers WHERE merged_into = $1 ORDER BY id FOR UPDATE', [id]);
    await forgetIdempotentAnswersOf(tx, id);
    const ids = [id, ...duplicates.map((row) => row.id)];
    for (const table of [
      'returns',
      'customer_notes',
      'attribute_changes',
      'customer_profiles',
      'static_group_members',
      'customer_timeline',
      'returns_window_schedule',
    ]) {
      await tx.query(`DELETE FROM ${table} WHERE customer_id = ANY($1::text[])`, [ids]);
    }
    await tx.query('DELETE FROM decision_records WHERE customer_id = ANY($1::text[])', [ids]);
    // Duplicates first: they point to the customer.
    await tx.query('DELETE FROM customers WHERE id = ANY($1::text[]) AND id <> $2', [ids, id]);
    await tx.query('DELETE FROM customers WHERE id = $1', [id]);
  });
}

/** Adds a note to a customer. */
export async function addNote(db: Database, customerId: string, note: { text: string; author: string }) {
  // The note and its timeline entry are one change: neither without the other.
  return db.transaction(async (tx) => {
    // Under the row lock: a note is never written beside an erasure that would miss it.
    const customer = await lockCustomer(tx, customerId);
    if (customer.erasureState === 'erased') {
      throw new ConflictError(
        `Customer ${customerId}'s personal data was erased; notes, which may hold personal data, can no longer be added.`,
      );
    }
    // A duplicate merged away keeps no personal data: the note belongs on the survivor, with its others.
    refuseMerged(customer, 'add notes to');
    const [row] = await tx.query<{ id: string; created_at: Date }>(
      'INSERT INTO customer_notes (customer_id, text, author) VALUES ($1, $2, $3) RETURNING id::text, created_at',
      [customerId, note.text, note.author],
    );
    await appendTimeline(tx, {
      customerId,
      eventKey: `note:${row!.id}`,
      kind: 'note-added',
      detail: { noteId: row!.id, author: note.author },
    });
    return { id: row!.id, ...note, createdAt: new Date(row!.created_at).toISOString() };
  });
}

/** A customer's notes, newest first. */
export async function listNotes(db: Queryable, customerId: string) {
  await getCustomer(db, customerId);
  const rows = await db.query<{ id: string; text: string; author: string; created_at: Date }>(
    'SELECT id::text, text, author, created_at FROM customer_notes WHERE customer_id = $1 ORDER BY id DESC',
    [customerId],
  );
  return rows.map((row) => ({ id: row.id, text: row.text, author: row.author, createdAt: new Date(row.created_at).toISOString() }));
}
