/**
 * The database side of a personal-data erasure: marking the customer pending, restoring on cancel,
 * and the erasure itself with its certificate. Every step is idempotent: activities may be retried.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../errors';
import type { Database, Queryable } from './database';
import { forgetIdempotentAnswersOf } from './idempotency-store';
import { getCustomer, lockCustomer, refuseMerged, type Customer } from './customer-store';
import { appendTimeline } from './timeline-store';

/** Fields holding personal data on the customer row; erased by setting them to NULL. */
export const personalCustomerFields = ['email', 'phone', 'name'] as const;

export interface ErasureRequestRef {
  customerId: string;
  requestId: string;
}

export interface ErasureCertificate {
  requestId: string;
  customerId: string;
  requestedAt: string;
  requestedBy: string;
  erasedAt: string;
  erasedFields: string[];
  /** Related records deleted or scrubbed, by kind. */
  erasedRecords: Record<string, number>;
}

/** What an obfuscation needs to replace the personal values of a place: whose, which attributes are personal, and the fake note texts. */
export interface ObfuscationTarget {
  customerId: string;
  /** Ids of the attributes marked personal in rules/attributes.yaml. */
  personalAttributes: readonly string[];
  /** The fake text of each of the customer's notes, by note id. */
  noteTexts: Readonly<Record<string, string>>;
}

/** A place outside the customer row that may hold the customer's personal data, and what an erasure and an obfuscation do to it. */
export interface PersonalDataPlace {
  /** How many of the customer's (`$1`) records it holds. */
  count: string;
  /** The erasure's statement (`$1`: the customer id): deletes or scrubs the records, returning a row for each. */
  erase: string;
  /** What an obfuscation, which keeps the customer, does to the records: resolves to how many it replaced or removed. */
  obfuscate: (tx: Queryable, target: ObfuscationTarget) => Promise<number>;
}

/** The number of rows a statement returned (each `RETURNING 1`). */
async function rowsOf(tx: Queryable, sql: string, params: unknown[]): Promise<number> {
  return (await tx.query(sql, params)).length;
}

/** The same statement as the erasure's, for the places where obfuscating means removing the personal part too. */
const likeErasure = (erase: string) => (tx: Queryable, target: ObfuscationTarget) => rowsOf(tx, erase, [target.customerId]);

const deliveryErrorsErase = `UPDATE notification_outbox SET last_error = NULL WHERE last_error IS NOT NULL
      AND customer_id IN (SELECT $1 UNION SELECT id FROM customers WHERE merged_into = $1) RETURNING 1`;
const returnRequestEmailsErase = `UPDATE returns SET request = request - 'email' WHERE customer_id = $1 AND request ? 'email' RETURNING 1`;
const decisionRecordsErase = 'DELETE FROM decision_records WHERE customer_id = $1 RETURNING 1';

/**
 * Related records holding personal data, and how an erasure and an obfuscation (seed 003) treat
 * them: deleted, scrubbed of the personal part, or (obfuscation) given fake values. Orders, invoices
 * and returns stay (accounting) — they hold ids and amounts. Both processes walk this one list, so a
 * place added for the one cannot be missed by the other.
 */
export const relatedPersonalRecords = {
  notes: {
    count: 'SELECT count(*)::int AS n FROM customer_notes WHERE customer_id = $1',
    erase: 'DELETE FROM customer_notes WHERE customer_id = $1 RETURNING 1',
    // The notes stay (who wrote when), their free text — which may name the customer anywhere — replaced as a whole.
    obfuscate: (tx, target) =>
      rowsOf(
        tx,
        `UPDATE customer_notes n SET text = $2::jsonb ->> n.id::text
         WHERE n.customer_id = $1 AND $2::jsonb ? n.id::text AND n.text IS DISTINCT FROM $2::jsonb ->> n.id::text RETURNING 1`,
        [target.customerId, JSON.stringify(target.noteTexts)],
      ),
  },
  attributeHistory: {
    count: 'SELECT count(*)::int AS n FROM attribute_changes WHERE customer_id = $1',
    erase: 'DELETE FROM attribute_changes WHERE customer_id = $1 RETURNING 1',
    // The history of personal attributes holds their former values; that of the others holds nothing personal and stays.
    obfuscate: (tx, target) =>
      rowsOf(tx, 'DELETE FROM attribute_changes WHERE customer_id = $1 AND attribute = ANY($2::text[]) RETURNING 1', [
        target.customerId,
        [...target.personalAttributes],
      ]),
  },
  decisionRecords: {
    count: 'SELECT count(*)::int AS n FROM decision_records WHERE customer_id = $1',
    erase: decisionRecordsErase,
    // A record keeps the facts it decided on, personal attributes among them: removed, once the profiles no longer point to them.
    obfuscate: async (tx, target) => {
      await tx.query('UPDATE customer_profiles SET decision_id = NULL WHERE customer_id = $1', [target.customerId]);
      return rowsOf(tx, decisionRecordsErase, [target.customerId]);
    },
  },
  staticGroupMemberships: {
    count: 'SELECT count(*)::int AS n FROM static_group_members WHERE customer_id = $1',
    erase: 'DELETE FROM static_group_members WHERE customer_id = $1 RETURNING 1',
    // Ids only: an obfuscated customer keeps its groups.
    obfuscate: () => Promise.resolve(0),
  },
  deliveryErrors: {
    count: `SELECT count(*)::int AS n FROM notification_outbox WHERE last_error IS NOT NULL
      AND customer_id IN (SELECT $1 UNION SELECT id FROM customers WHERE merged_into = $1)`,
    erase: deliveryErrorsErase,
    obfuscate: likeErasure(deliveryErrorsErase),
  },
  unsentMessages: {
    count: 'SELECT count(*)::int AS n FROM notification_outbox WHERE customer_id = $1 AND sent_at IS NULL AND dead_at IS NULL',
    erase: `UPDATE notification_outbox SET dead_at = now(), claimed_until = NULL, claim_token = NULL, last_error = 'the customer was erased'
      WHERE customer_id = $1 AND sent_at IS NULL AND dead_at IS NULL RETURNING 1`,
    // Queued for the customer's real contacts, they would now leave for the fake ones.
    obfuscate: (tx, target) =>
      rowsOf(
        tx,
        `UPDATE notification_outbox SET dead_at = now(), claimed_until = NULL, claim_token = NULL,
           last_error = 'the customer''s personal data was obfuscated'
         WHERE customer_id = $1 AND sent_at IS NULL AND dead_at IS NULL RETURNING 1`,
        [target.customerId],
      ),
  },
  taskOutcomes: {
    count: 'SELECT count(*)::int AS n FROM tasks WHERE customer_id = $1 AND outcome IS NOT NULL',
    // What came of a call is free text, as a note's: it may name the customer, their number or address.
    erase: 'UPDATE tasks SET outcome = NULL WHERE customer_id = $1 AND outcome IS NOT NULL RETURNING 1',
    obfuscate: (tx, target) =>
      rowsOf(
        tx,
        `UPDATE tasks SET outcome = '(removed when the customer''s personal data was obfuscated)'
         WHERE customer_id = $1 AND outcome IS NOT NULL RETURNING 1`,
        [target.customerId],
      ),
  },
  returnRequestEmails: {
    count: `SELECT count(*)::int AS n FROM returns WHERE customer_id = $1 AND request ? 'email'`,
    erase: returnRequestEmailsErase,
    obfuscate: likeErasure(returnRequestEmailsErase),
  },
} satisfies Record<string, PersonalDataPlace>;

/**
 * Rows of import error files that name the customer: that hold one of `$1` — their email (in any
 * letter case, as everywhere else emails are compared), phone, or the former contacts of duplicates
 * merged into them — in a cell or in the ERROR text, alone or among other characters; or whose id
 * column holds one of the ids `$2` (theirs and their merged duplicates').
 */
const importErrorRows = `FROM import_errors e WHERE EXISTS (
    SELECT 1 FROM jsonb_array_elements_text(e.cells) AS cell(text), unnest($1::text[]) AS needle(value)
    WHERE strpos(lower(cell.text || ' ' || e.error), lower(needle.value)) > 0)
  OR EXISTS (
    SELECT 1 FROM import_jobs j, jsonb_array_elements_text(j.columns) WITH ORDINALITY AS col(name, n)
    WHERE j.id = e.job_id AND col.name = 'id' AND trim(e.cells ->> (col.n::int - 1)) = ANY($2::text[]))`;

/** What finds the customer's import error rows: their contacts (and those of merged duplicates) and ids. */
async function importErrorNeedles(db: Queryable, customer: Customer): Promise<[string[], string[]]> {
  const [row] = await db.query<{ contacts: string[]; duplicates: string[] }>(
    `SELECT (SELECT merged_contacts FROM customers WHERE id = $1) AS contacts,
            coalesce((SELECT array_agg(id) FROM customers WHERE merged_into = $1), '{}') AS duplicates`,
    [customer.id],
  );
  const contacts = [customer.email, customer.phone, ...(row?.contacts ?? [])].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return [contacts, [customer.id, ...(row?.duplicates ?? [])]];
}

/**
 * Export files kept so far: each may list the customer (the file is not searched — an .xlsx is
 * compressed), so an erasure removes them all; the jobs stay in the history with the time of removal.
 */
const exportFiles = `FROM export_jobs WHERE file IS NOT NULL`;

/** Deletes the import error rows that name the customer (by its contacts as they are now, former contacts, or ids); returns how many. */
export async function deleteImportErrorRowsNaming(tx: Queryable, customer: Customer): Promise<number> {
  return rowsOf(tx, `DELETE ${importErrorRows} RETURNING 1`, await importErrorNeedles(tx, customer));
}

/** Removes every export file kept so far (any may list the customer); returns how many. */
export async function removeExportFiles(tx: Queryable): Promise<number> {
  return rowsOf(tx, 'UPDATE export_jobs SET file = NULL, file_removed_at = now() WHERE file IS NOT NULL RETURNING 1', []);
}

/**
 * Removes what the duplicates merged into the customer (the same person) still hold: merges of
 * earlier releases left them a name and attributes. Returns how many duplicates it touched — with
 * `onlyHolding`, only those that still held a personal value.
 */
export async function scrubMergedDuplicates(
  tx: Queryable,
  customerId: string,
  personalAttributes: readonly string[],
  onlyHolding = false,
): Promise<number> {
  const holding = onlyHolding ? 'AND (email IS NOT NULL OR phone IS NOT NULL OR name IS NOT NULL OR attributes ?| $2::text[])' : '';
  const scrubbed = await rowsOf(
    tx,
    `UPDATE customers SET email = NULL, phone = NULL, name = NULL, attributes = attributes - $2::text[], updated_at = now()
     WHERE merged_into = $1 ${holding} RETURNING 1`,
    [customerId, [...personalAttributes]],
  );
  await tx.query('UPDATE customer_profiles p SET decision_id = NULL FROM customers c WHERE p.customer_id = c.id AND c.merged_into = $1', [
    customerId,
  ]);
  await tx.query('DELETE FROM decision_records d USING customers c WHERE d.customer_id = c.id AND c.merged_into = $1', [customerId]);
  return scrubbed;
}

/**
 * What an erasure of this customer would remove, before anyone confirms it: the personal fields and
 * attributes it holds (`personalAttributes`: ids marked personal in rules/attributes.yaml) and the
 * counts of related records.
 */
export async function previewErasure(db: Queryable, customerId: string, personalAttributes: readonly string[] = []) {
  const customer = await getCustomer(db, customerId);
  const fields = [
    ...personalCustomerFields.filter((field) => customer[field] !== null),
    ...personalAttributes.filter((id) => id in customer.attributes).map((id) => `attributes.${id}`),
  ];
  const related: Record<string, number> = {};
  for (const [kind, sql] of Object.entries(relatedPersonalRecords)) {
    related[kind] = (await db.query<{ n: number }>(sql.count, [customerId]))[0]!.n;
  }
  related.importErrorRows = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n ${importErrorRows}`, await importErrorNeedles(db, customer))
  )[0]!.n;
  related.exportFiles = (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${exportFiles}`))[0]!.n;
  related.mergedDuplicates = (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers WHERE merged_into = $1', [customerId])
  )[0]!.n;
  return { customerId, fields, related, erasureState: customer.erasureState };
}

/** An erasure request as the API accepted it (stored before its workflow starts). */
export interface ErasureRequestRecord {
  requestId: string;
  customerId: string;
  requestedBy: string;
  reason: string;
  requestedAt: string;
  eraseAt: string;
  /** How the request ended; undefined while it is open. */
  outcome?: 'cancelled' | 'erased';
}

/**
 * Records an erasure request and marks the customer pending, in one transaction, before any
 * workflow starts: from this moment the customer cannot be deleted or merged, and a repeated request
 * finds this one (`created: false`) instead of opening another.
 */
export async function openErasureRequest(
  db: Database,
  customerId: string,
  request: { requestedBy: string; reason: string; requestedAt: Date; eraseAt: Date },
): Promise<{ request: ErasureRequestRecord; created: boolean }> {
  return db.transaction((tx) => openErasureRequestIn(tx, customerId, request));
}

/** `openErasureRequest` in the caller's transaction (which may queue the workflow's start with it). */
export async function openErasureRequestIn(
  tx: Queryable,
  customerId: string,
  request: { requestedBy: string; reason: string; requestedAt: Date; eraseAt: Date },
): Promise<{ request: ErasureRequestRecord; created: boolean }> {
  const customer = await lockCustomer(tx, customerId);
  if (customer.erasureState === 'erased') {
    throw new ConflictError(`Customer ${customerId}'s personal data is already erased; there is nothing left to erase.`);
  }
  // A duplicate merged away holds no personal data; the survivor's erasure also erases what names it.
  refuseMerged(customer, 'request the erasure of');
  const existing = await pendingRequestOf(tx, customerId);
  if (existing) return { request: existing, created: false };
  const requestId = randomUUID();
  await tx.query(
    `INSERT INTO erasure_requests (request_id, customer_id, requested_by, reason, requested_at, erase_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [requestId, customerId, request.requestedBy, request.reason, request.requestedAt, request.eraseAt],
  );
  await tx.query(`UPDATE customers SET erasure_state = 'pending', erasure_request_id = $2, updated_at = now() WHERE id = $1`, [
    customerId,
    requestId,
  ]);
  await appendRequestedEntry(tx, { customerId, requestId, eraseAt: request.eraseAt.toISOString(), requestedBy: request.requestedBy });
  return { request: (await getErasureRequest(tx, requestId))!, created: true };
}

/** A stored erasure request, or undefined. */
export async function getErasureRequest(db: Queryable, requestId: string): Promise<ErasureRequestRecord | undefined> {
  return findRequest(db, 'r.request_id = $1', requestId);
}

const selectRequest =
  'SELECT r.request_id, r.customer_id, r.requested_by, r.reason, r.requested_at, r.erase_at, r.outcome FROM erasure_requests r';

/** The one request `condition` (on `r`, and `c` when joined) picks, with `$1` bound to `value`. */
async function findRequest(db: Queryable, condition: string, value: string, join = ''): Promise<ErasureRequestRecord | undefined> {
  const [row] = await db.query<{
    request_id: string;
    customer_id: string;
    requested_by: string;
    reason: string;
    requested_at: Date;
    erase_at: Date;
    outcome: 'cancelled' | 'erased' | null;
  }>(`${selectRequest} ${join} WHERE ${condition} ORDER BY r.requested_at DESC LIMIT 1`, [value]);
  if (!row) return undefined;
  return {
    requestId: row.request_id,
    customerId: row.customer_id,
    requestedBy: row.requested_by,
    reason: row.reason,
    requestedAt: new Date(row.requested_at).toISOString(),
    eraseAt: new Date(row.erase_at).toISOString(),
    ...(row.outcome && { outcome: row.outcome }),
  };
}

/** The customer's most recent erasure request, open or closed. */
export async function latestRequestOf(db: Queryable, customerId: string): Promise<ErasureRequestRecord | undefined> {
  return findRequest(db, 'r.customer_id = $1', customerId);
}

/** The open request the customer is pending for, if any. */
export async function pendingRequestOf(db: Queryable, customerId: string): Promise<ErasureRequestRecord | undefined> {
  return findRequest(
    db,
    `c.id = $1 AND c.erasure_state = 'pending'`,
    customerId,
    'JOIN customers c ON c.erasure_request_id = r.request_id',
  );
}

/**
 * Confirms, under the customer's row lock, that the customer is still pending this request: an
 * erasure acts only on the record it was requested for, never on a customer deleted and created
 * again under the same id, nor after its cancellation. Requests started before erasure requests were
 * stored (no row in erasure_requests) are adopted by the customer while it is not erased.
 */
async function lockCustomerPendingFor(tx: Queryable, request: ErasureRequestRef): Promise<Customer> {
  const customer = await lockCustomer(tx, request.customerId);
  const [row] = await tx.query<{ erasure_request_id: string | null; stored: boolean }>(
    'SELECT erasure_request_id, EXISTS (SELECT 1 FROM erasure_requests WHERE request_id = $2) AS stored FROM customers WHERE id = $1',
    [request.customerId, request.requestId],
  );
  const pendingFor = row!.erasure_request_id;
  if (pendingFor === request.requestId && customer.erasureState === 'pending') return customer;
  if (!row!.stored && pendingFor === null && customer.erasureState !== 'erased') {
    await tx.query(`UPDATE customers SET erasure_request_id = $2 WHERE id = $1`, [request.customerId, request.requestId]);
    return customer;
  }
  throw new ConflictError(
    `Customer ${request.customerId} is no longer pending erasure request ${request.requestId} ` +
      `(${pendingFor ? `it is pending request ${pendingFor}` : `its erasure state is ${customer.erasureState}`}): ` +
      'the customer was deleted and created again, or the request was cancelled. Nothing was erased; request a new erasure if one is wanted.',
    { requestId: request.requestId },
  );
}

/** Marks the customer pending erasure and records the request on the timeline (idempotent). */
export async function markErasurePending(
  db: Database,
  request: ErasureRequestRef & { eraseAt: string; requestedBy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockCustomerPendingFor(tx, request);
    await tx.query(`UPDATE customers SET erasure_state = 'pending', updated_at = now() WHERE id = $1 AND erasure_state <> 'pending'`, [
      request.customerId,
    ]);
    await appendRequestedEntry(tx, request);
  });
}

async function appendRequestedEntry(tx: Queryable, request: ErasureRequestRef & { eraseAt: string; requestedBy: string }): Promise<void> {
  await appendTimeline(tx, {
    customerId: request.customerId,
    eventKey: `${request.requestId}:requested`,
    kind: 'erasure-requested',
    detail: { requestId: request.requestId, eraseAt: request.eraseAt, requestedBy: request.requestedBy },
  });
}

/** A related record that is still active and needs the customer's data: its kind and id, and how to end it. */
export interface ActiveEntity {
  kind: 'cod-order' | 'order' | 'invoice' | 'erasure';
  id: string;
  fix: string;
}

/**
 * What still needs the customer's data — the one definition of "active" that blocks an erasure and
 * refuses an obfuscation (seed 003: not while related orders or invoices are active): undelivered
 * COD orders, orders not in a final state, unpaid invoices. Ids only.
 */
export async function activeEntities(db: Queryable, customerId: string): Promise<ActiveEntity[]> {
  const [row] = await db.query<{ cod: string[]; orders: string[]; invoices: string[] }>(
    `SELECT
       coalesce((SELECT array_agg(order_id ORDER BY order_id) FROM cod_holds WHERE customer_id = $1 AND released_at IS NULL), '{}') AS cod,
       coalesce((SELECT array_agg(id ORDER BY id) FROM orders WHERE customer_id = $1 AND status = 'placed'), '{}') AS orders,
       coalesce((SELECT array_agg(i.id ORDER BY i.id) FROM invoices i WHERE i.customer_id = $1
                 AND i.amount > (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.invoice_id = i.id)), '{}') AS invoices`,
    [customerId],
  );
  const settle = (id: string, what: string) =>
    `record its ${what} with POST /v1/orders/${encodeURIComponent(id)}/events (delivered, cancelled, returned-to-origin or returned)`;
  const inProgress = row!.orders.filter((id) => !row!.cod.includes(id));
  return [
    ...row!.cod.map((id) => ({ kind: 'cod-order' as const, id, fix: settle(id, 'delivery, cancellation or return to origin') })),
    ...inProgress.map((id) => ({ kind: 'order' as const, id, fix: settle(id, 'delivery, cancellation or return') })),
    ...row!.invoices.map((id) => ({
      kind: 'invoice' as const,
      id,
      fix: `record the remaining payment with POST /v1/invoices/${encodeURIComponent(id)}/payments`,
    })),
  ];
}

/** What blocks an erasure, as the reasons its status and timeline show: the active entities by kind, ids only. */
export async function erasureBlockers(db: Queryable, customerId: string): Promise<string[]> {
  const active = await activeEntities(db, customerId);
  const ids = (kind: ActiveEntity['kind']) => active.filter((entity) => entity.kind === kind).map((entity) => entity.id);
  const reasons: string[] = [];
  if (ids('cod-order').length > 0) reasons.push(`undelivered COD orders: ${ids('cod-order').join(', ')}`);
  if (ids('order').length > 0) reasons.push(`orders not delivered, cancelled or returned: ${ids('order').join(', ')}`);
  if (ids('invoice').length > 0) reasons.push(`unpaid invoices: ${ids('invoice').join(', ')}`);
  return reasons;
}

/** Puts a blocked erasure on the customer's timeline with its reasons. */
export async function recordErasureBlocked(db: Queryable, request: ErasureRequestRef & { reasons: string[] }): Promise<void> {
  await appendTimeline(db, {
    customerId: request.customerId,
    eventKey: `${request.requestId}:blocked:${request.reasons.join('|')}`,
    kind: 'erasure-blocked',
    detail: { requestId: request.requestId, reasons: request.reasons },
  });
}

/**
 * Records on the customer's timeline a cancel the erasure refused that would otherwise leave no trace
 * in Rulebook: a workflow cancellation requested in Temporal (Web UI "Request Cancellation",
 * `temporal workflow cancel`), which carries no reason. Once per request and way (Temporal records
 * one cancellation request per run).
 */
export async function recordErasureCancelRefused(
  db: Queryable,
  request: ErasureRequestRef & { via: 'temporal-cancellation'; because: string },
): Promise<void> {
  await appendTimeline(db, {
    customerId: request.customerId,
    eventKey: `${request.requestId}:cancel-refused:${request.via}`,
    kind: 'erasure-cancel-refused',
    detail: { requestId: request.requestId, via: request.via, because: request.because },
  });
}

/** Lifts the pending mark after a cancelled erasure and records who cancelled and why (idempotent). */
export async function restoreAfterCancelledErasure(
  db: Database,
  request: ErasureRequestRef & { reason: string; cancelledBy: string; temporalIdentity?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockCustomer(tx, request.customerId);
    const stored = await getErasureRequest(tx, request.requestId);
    if (stored?.outcome === 'erased') {
      throw new ConflictError(`Cannot cancel the erasure of customer ${request.customerId}: the erasure is already erased.`, {
        state: 'erased',
      });
    }
    await tx.query(
      `UPDATE customers SET erasure_state = 'none', erasure_request_id = NULL, updated_at = now()
       WHERE id = $1 AND erasure_state = 'pending' AND (erasure_request_id = $2 OR erasure_request_id IS NULL)`,
      [request.customerId, request.requestId],
    );
    await closeErasureRequest(tx, request.requestId, 'cancelled');
    await appendTimeline(tx, {
      customerId: request.customerId,
      eventKey: `${request.requestId}:cancelled`,
      kind: 'erasure-cancelled',
      detail: {
        requestId: request.requestId,
        reason: request.reason,
        cancelledBy: request.cancelledBy,
        // Sent with Temporal's tools rather than through the API: who Temporal saw send it.
        ...(request.temporalIdentity && { temporalIdentity: request.temporalIdentity }),
      },
    });
  });
}

async function closeErasureRequest(tx: Queryable, requestId: string, outcome: 'cancelled' | 'erased'): Promise<void> {
  await tx.query('UPDATE erasure_requests SET closed_at = now(), outcome = $2 WHERE request_id = $1 AND closed_at IS NULL', [
    requestId,
    outcome,
  ]);
}

/** Removes the customer's personal data and keeps a certificate that holds none. */
export async function eraseCustomer(
  db: Database,
  request: ErasureRequestRef & { requestedAt: string; requestedBy: string },
  personalAttributes: readonly string[] = [],
): Promise<ErasureCertificate> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<CertificateRow>(`${selectCertificate} WHERE request_id = $1`, [request.requestId]);
    if (existing) return toCertificate(existing);
    const customer = await lockCustomerPendingFor(tx, request);
    const { fields } = await previewErasure(tx, request.customerId, personalAttributes);
    const erasedRecords: Record<string, number> = {};
    erasedRecords.importErrorRows = await deleteImportErrorRowsNaming(tx, customer);
    erasedRecords.exportFiles = await removeExportFiles(tx);
    await forgetIdempotentAnswersOf(tx, request.customerId);
    await tx.query('UPDATE customer_profiles SET decision_id = NULL WHERE customer_id = $1', [request.customerId]);
    for (const [kind, sql] of Object.entries(relatedPersonalRecords)) {
      erasedRecords[kind] = (await tx.query(sql.erase, [request.customerId])).length;
    }
    await tx.query(
      `UPDATE customers SET email = NULL, phone = NULL, name = NULL, attributes = attributes - $2::text[], merged_contacts = '[]',
         erasure_state = 'erased', updated_at = now()
       WHERE id = $1`,
      [request.customerId, [...personalAttributes]],
    );
    erasedRecords.mergedDuplicates = await scrubMergedDuplicates(tx, request.customerId, personalAttributes);
    await closeErasureRequest(tx, request.requestId, 'erased');
    const [row] = await tx.query<CertificateRow>(
      `INSERT INTO erasure_certificates (request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records)
       VALUES ($1, $2, $3, $4, now(), $5, $6)
       RETURNING request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records`,
      [
        request.requestId,
        request.customerId,
        request.requestedAt,
        request.requestedBy,
        JSON.stringify(fields),
        JSON.stringify(erasedRecords),
      ],
    );
    await appendTimeline(tx, {
      customerId: request.customerId,
      eventKey: `${request.requestId}:erased`,
      kind: 'erasure-completed',
      detail: { requestId: request.requestId, erasedFields: fields, erasedRecords },
    });
    return toCertificate(row!);
  });
}

/** The certificates of every erasure of this customer. */
export async function listErasureCertificates(db: Queryable, customerId: string): Promise<ErasureCertificate[]> {
  const rows = await db.query<CertificateRow>(`${selectCertificate} WHERE customer_id = $1 ORDER BY erased_at`, [customerId]);
  return rows.map(toCertificate);
}

const selectCertificate =
  'SELECT request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records FROM erasure_certificates';

interface CertificateRow {
  request_id: string;
  customer_id: string;
  requested_at: Date;
  requested_by: string;
  erased_at: Date;
  erased_fields: string[];
  erased_records: Record<string, number>;
}

function toCertificate(row: CertificateRow): ErasureCertificate {
  return {
    requestId: row.request_id,
    customerId: row.customer_id,
    requestedAt: new Date(row.requested_at).toISOString(),
    requestedBy: row.requested_by,
    erasedAt: new Date(row.erased_at).toISOString(),
    erasedFields: row.erased_fields,
    erasedRecords: row.erased_records,
  };
}
