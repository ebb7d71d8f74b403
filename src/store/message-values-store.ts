/**
 * What a queued message says about its customer and invoice, read by their ids when it is sent:
 * the outbox keeps ids only, never a rendered text or personal data.
 */
import type { Queryable } from './database';

export interface MessageValues {
  customer: { id: string; name: string | null };
  /** Null when the message names no invoice, or an invoice that is not there. */
  invoice: {
    id: string;
    amount: number;
    /** The amount less the payments recorded so far. */
    outstanding: number;
    currency: string;
    /** "YYYY-MM-DD". */
    dueDate: string;
    issuedAt: Date;
  } | null;
}

/** The values of customer `customerId` and invoice `invoiceId` now. */
export async function readMessageValues(db: Queryable, customerId: string, invoiceId: string | null): Promise<MessageValues> {
  const [row] = await db.query<{
    name: string | null;
    invoice_id: string | null;
    amount: string | null;
    outstanding: string | null;
    currency: string | null;
    due_date: string | null;
    issued_at: Date | null;
  }>(
    `SELECT c.name, i.id AS invoice_id, i.amount::text AS amount, i.currency, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.issued_at,
            (i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0))::text AS outstanding
     FROM customers c LEFT JOIN invoices i ON i.id = $2
     WHERE c.id = $1`,
    [customerId, invoiceId],
  );
  const invoice =
    row?.invoice_id != null
      ? {
          id: row.invoice_id,
          amount: Number(row.amount),
          outstanding: Number(row.outstanding),
          currency: row.currency!,
          dueDate: row.due_date!,
          issuedAt: new Date(row.issued_at!),
        }
      : null;
  return { customer: { id: customerId, name: row?.name ?? null }, invoice };
}
