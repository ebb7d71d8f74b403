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
}

/** What an erasure of this customer would remove, before anyone confirms it. */
export async function previewErasure(db: Queryable, customerId: string) {
  const customer = await getCustomer(db, customerId);
  const fields = personalCustomerFields.filter((field) => customer[field] !== null);
  return { customerId, fields, erasureState: customer.erasureState };
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
): Promise<ErasureCertificate> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<CertificateRow>(`${selectCertificate} WHERE request_id = $1`, [request.requestId]);
    if (existing) return toCertificate(existing);
    await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [request.customerId]);
    const { fields } = await previewErasure(tx, request.customerId);
    await tx.query(
      `UPDATE customers SET email = NULL, phone = NULL, name = NULL, erasure_state = 'erased', updated_at = now()
       WHERE id = $1`,
      [request.customerId],
    );
    const [row] = await tx.query<CertificateRow>(
      `INSERT INTO erasure_certificates (request_id, customer_id, requested_at, requested_by, erased_at, erased_fields)
       VALUES ($1, $2, $3, $4, now(), $5)
       RETURNING request_id, customer_id, requested_at, requested_by, erased_at, erased_fields`,
      [request.requestId, request.customerId, request.requestedAt, request.requestedBy, JSON.stringify(fields)],
    );
    await appendTimeline(tx, {
      customerId: request.customerId,
      eventKey: `${request.requestId}:erased`,
      kind: 'erasure-completed',
      detail: { requestId: request.requestId, erasedFields: fields },
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
  'SELECT request_id, customer_id, requested_at, requested_by, erased_at, erased_fields FROM erasure_certificates';

interface CertificateRow {
  request_id: string;
  customer_id: string;
  requested_at: Date;
  requested_by: string;
  erased_at: Date;
  erased_fields: string[];
}

function toCertificate(row: CertificateRow): ErasureCertificate {
  return {
    requestId: row.request_id,
    customerId: row.customer_id,
    requestedAt: new Date(row.requested_at).toISOString(),
    requestedBy: row.requested_by,
    erasedAt: new Date(row.erased_at).toISOString(),
    erasedFields: row.erased_fields,
  };
}
