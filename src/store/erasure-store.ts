/**
 * The database side of a personal-data erasure: marking the customer pending, restoring on cancel,
 * and the erasure itself with its certificate. Every step is idempotent: activities may be retried.
 */
import { ConflictError } from '../errors';
import type { Database, Queryable } from './database';
import { getCustomer } from './customer-store';
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

/**
 * Related records holding personal data, and how an erasure treats them: deleted, or scrubbed of
 * the personal part. Orders, invoices and returns stay (accounting) — they hold ids and amounts.
 */
const relatedPersonalRecords = {
  notes: { count: 'SELECT count(*)::int AS n FROM customer_notes WHERE customer_id = $1', erase: 'DELETE FROM customer_notes WHERE customer_id = $1 RETURNING 1' },
  attributeHistory: { count: 'SELECT count(*)::int AS n FROM attribute_changes WHERE customer_id = $1', erase: 'DELETE FROM attribute_changes WHERE customer_id = $1 RETURNING 1' },
  decisionRecords: { count: 'SELECT count(*)::int AS n FROM decision_records WHERE customer_id = $1', erase: 'DELETE FROM decision_records WHERE customer_id = $1 RETURNING 1' },
  staticGroupMemberships: { count: 'SELECT count(*)::int AS n FROM static_group_members WHERE customer_id = $1', erase: 'DELETE FROM static_group_members WHERE customer_id = $1 RETURNING 1' },
  returnRequestEmails: {
    count: `SELECT count(*)::int AS n FROM returns WHERE customer_id = $1 AND request ? 'email'`,
    erase: `UPDATE returns SET request = request - 'email' WHERE customer_id = $1 AND request ? 'email' RETURNING 1`,
  },
} as const;

/** Rows of import error files that name the customer's email or phone. */
const importErrorRows = `FROM import_errors WHERE ($1::text IS NOT NULL AND cells ? $1) OR ($2::text IS NOT NULL AND cells ? $2)`;

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
  related.importErrorRows = (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${importErrorRows}`, [customer.email, customer.phone]))[0]!.n;
  return { customerId, fields, related, erasureState: customer.erasureState };
}

/** Marks the customer pending erasure and records the request on the timeline. */
export async function markErasurePending(
  db: Database,
  request: ErasureRequestRef & { eraseAt: string; requestedBy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const customer = await getCustomer(tx, request.customerId);
    if (customer.erasureState === 'erased') {
      throw new ConflictError(`Customer ${request.customerId} is already erased; there is nothing left to erase.`);
    }
    await tx.query(`UPDATE customers SET erasure_state = 'pending', updated_at = now() WHERE id = $1`, [request.customerId]);
    await appendTimeline(tx, {
      customerId: request.customerId,
      eventKey: `${request.requestId}:requested`,
      kind: 'erasure-requested',
      detail: { requestId: request.requestId, eraseAt: request.eraseAt, requestedBy: request.requestedBy },
    });
  });
}

/**
 * What still needs the customer's data (seed 003: no obfuscation while related orders or invoices
 * are active): undelivered COD orders, unpaid invoices, orders not in a final state. Ids and
 * amounts only.
 */
export async function erasureBlockers(db: Queryable, customerId: string): Promise<string[]> {
  const [row] = await db.query<{ cod: string[]; orders: string[]; invoices: string[] }>(
    `SELECT
       coalesce((SELECT array_agg(order_id ORDER BY order_id) FROM cod_holds WHERE customer_id = $1 AND released_at IS NULL), '{}') AS cod,
       coalesce((SELECT array_agg(id ORDER BY id) FROM orders WHERE customer_id = $1 AND status = 'placed'), '{}') AS orders,
       coalesce((SELECT array_agg(i.id ORDER BY i.id) FROM invoices i WHERE i.customer_id = $1
                 AND i.amount > (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.invoice_id = i.id)), '{}') AS invoices`,
    [customerId],
  );
  const reasons: string[] = [];
  if (row!.cod.length > 0) reasons.push(`undelivered COD orders: ${row!.cod.join(', ')}`);
  const inProgress = row!.orders.filter((id) => !row!.cod.includes(id));
  if (inProgress.length > 0) reasons.push(`orders not delivered, cancelled or returned: ${inProgress.join(', ')}`);
  if (row!.invoices.length > 0) reasons.push(`unpaid invoices: ${row!.invoices.join(', ')}`);
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

/** Lifts the pending mark after a cancelled erasure and records who cancelled and why. */
export async function restoreAfterCancelledErasure(
  db: Database,
  request: ErasureRequestRef & { reason: string; cancelledBy: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `UPDATE customers SET erasure_state = 'none', updated_at = now() WHERE id = $1 AND erasure_state = 'pending'`,
      [request.customerId],
    );
    await appendTimeline(tx, {
      customerId: request.customerId,
      eventKey: `${request.requestId}:cancelled`,
      kind: 'erasure-cancelled',
      detail: { requestId: request.requestId, reason: request.reason, cancelledBy: request.cancelledBy },
    });
  });
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
    await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [request.customerId]);
    const customer = await getCustomer(tx, request.customerId);
    const { fields } = await previewErasure(tx, request.customerId, personalAttributes);
    const erasedRecords: Record<string, number> = {};
    erasedRecords.importErrorRows = (
      await tx.query(`DELETE ${importErrorRows} RETURNING 1`, [customer.email, customer.phone])
    ).length;
    await tx.query('UPDATE customer_profiles SET decision_id = NULL WHERE customer_id = $1', [request.customerId]);
    for (const [kind, sql] of Object.entries(relatedPersonalRecords)) {
      erasedRecords[kind] = (await tx.query(sql.erase, [request.customerId])).length;
    }
    await tx.query(
      `UPDATE customers SET email = NULL, phone = NULL, name = NULL, attributes = attributes - $2::text[],
         erasure_state = 'erased', updated_at = now()
       WHERE id = $1`,
      [request.customerId, [...personalAttributes]],
    );
    const [row] = await tx.query<CertificateRow>(
      `INSERT INTO erasure_certificates (request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records)
       VALUES ($1, $2, $3, $4, now(), $5, $6)
       RETURNING request_id, customer_id, requested_at, requested_by, erased_at, erased_fields, erased_records`,
      [request.requestId, request.customerId, request.requestedAt, request.requestedBy, JSON.stringify(fields), JSON.stringify(erasedRecords)],
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
