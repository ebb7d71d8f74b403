/**
 * Operations that got no answer when clients never repeat a request (the crash bench with
 * BENCH_CLIENT_RETRIES=0): what became of them, and the ledger the checks then hold the system to.
 *
 * Without retries, an operation whose answer was lost (the API killed mid-request) is neither known
 * to be accepted nor to be refused. The database says which: its row is there or not. The checks
 * (bench/load/verify-ledger.ts and workflow-intent-checks.ts) then run on the ledger as committed:
 * an unanswered operation that committed counts as accepted, so its whole effect must be there —
 * its workflow included, which the outbox queued in the same transaction; one that did not commit
 * counts as refused, so nothing of it may be there.
 *
 * The business loose ends of such operations are then tied up with new requests (new ids, never a
 * repeat), as a shop's reconciliation would: a COD order left without an accepted delivery,
 * cancellation or return to origin (stored without an answer, or its settling event got none) is
 * cancelled, and a current invoice still owing (stored without an answer, or a payment got none) is
 * paid in full. Without them those holds and reminder sequences would wait, by design, for events
 * nobody sends.
 */
import type { Queryable } from '../../src/store/database';
import type { OperationKind, OperationRecord } from './mixed-traffic';

/** The table holding each kind's rows, by the operation's id. */
const tableOf: Record<OperationKind, string> = {
  customer: 'customers',
  return: 'returns',
  'cod-order': 'orders',
  order: 'orders',
  'order-event': 'order_events',
  invoice: 'invoices',
  payment: 'payments',
};

export interface Reconciliation {
  /** The ledger as committed, with the reconciling requests: what the checks hold the system to. */
  ledger: OperationRecord[];
  lines: string[];
  /** Reconciling requests that were not answered 2xx (the run then fails). */
  failed: number;
}

/** Resolves every unanswered operation against the database and sends the reconciling requests. */
export async function reconcileUnanswered(
  db: Queryable,
  ledger: OperationRecord[],
  api: { apiUrl: string; token: string },
): Promise<Reconciliation> {
  const unanswered = ledger.filter((record) => record.result === 'failed');
  const committed = new Set<string>();
  for (const [kind, table] of Object.entries(tableOf) as Array<[OperationKind, string]>) {
    const ids = unanswered.filter((record) => record.kind === kind).map((record) => record.id);
    if (ids.length === 0) continue;
    const rows = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
    for (const row of rows) committed.add(`${kind}:${row.id}`);
  }
  const asCommitted = ledger.map((record): OperationRecord => {
    if (record.result !== 'failed') return record;
    return { ...record, result: committed.has(`${record.kind}:${record.id}`) ? 'accepted' : 'refused' };
  });

  const reconciling = [...cancelUnsettledCodOrders(asCommitted), ...payCurrentInvoices(asCommitted)];
  const sent: OperationRecord[] = [];
  for (const operation of reconciling) sent.push(await sendOnce(api, operation));
  const failed = sent.filter((record) => record.result !== 'accepted');

  const byKind = (records: OperationRecord[]) => {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
    return [...counts].map(([kind, count]) => `${kind} ${count}`).join(', ') || 'none';
  };
  const stored = unanswered.filter((record) => committed.has(`${record.kind}:${record.id}`));
  return {
    ledger: [...asCommitted, ...sent],
    failed: failed.length,
    lines: [
      `Unanswered operations (never repeated): ${unanswered.length} (${byKind(unanswered)}); committed all the same ${stored.length} ` +
        `(${byKind(stored)}: checked for their whole effect, as if answered), not committed ${unanswered.length - stored.length} (checked to have left nothing).`,
      `Reconciling requests afterwards (new ids): ${sent.length} (${byKind(sent)}), not answered 2xx ${failed.length}` +
        (failed.length > 0
          ? ` — e.g. ${failed
              .slice(0, 3)
              .map((record) => `${record.path} ${record.problem ?? ''}`)
              .join('; ')}`
          : '') +
        '.',
    ],
  };
}

/** A cancellation for every COD order that has no accepted delivery, cancellation or return to origin. */
function cancelUnsettledCodOrders(
  ledger: OperationRecord[],
): Array<Omit<OperationRecord, 'result' | 'attempts' | 'startedAt' | 'endedAt'>> {
  const settled = new Set(
    ledger.filter((record) => record.kind === 'order-event' && record.result === 'accepted').map((record) => record.path.split('/')[3]!),
  );
  return ledger
    .filter((record) => record.kind === 'cod-order' && record.result === 'accepted' && !settled.has(record.id))
    .map((order, index) => {
      const id = `EV-reconcile-${index + 1}`;
      return {
        kind: 'order-event' as const,
        id,
        path: `/v1/orders/${order.id}/events`,
        body: { id, kind: 'cancelled', at: new Date().toISOString() },
        phase: 'drain' as const,
      };
    });
}

/** A payment of what is still owed on every invoice that is not yet due (their sequences end only when paid). */
function payCurrentInvoices(ledger: OperationRecord[]): Array<Omit<OperationRecord, 'result' | 'attempts' | 'startedAt' | 'endedAt'>> {
  const paid = new Map<string, number>();
  for (const payment of ledger.filter((record) => record.kind === 'payment' && record.result === 'accepted')) {
    const invoiceId = payment.path.split('/')[3]!;
    paid.set(invoiceId, (paid.get(invoiceId) ?? 0) + (payment.body.amount as number));
  }
  return ledger
    .filter((record) => record.kind === 'invoice' && record.result === 'accepted' && Date.parse(record.body.dueDate as string) > Date.now())
    .map((invoice) => ({ invoice, owed: (invoice.body.amount as number) - (paid.get(invoice.id) ?? 0) }))
    .filter(({ owed }) => owed > 0)
    .map(({ invoice, owed }, index) => {
      const id = `P-reconcile-${index + 1}`;
      return {
        kind: 'payment' as const,
        id,
        path: `/v1/invoices/${invoice.id}/payments`,
        body: { id, amount: owed, paidAt: new Date().toISOString() },
        phase: 'drain' as const,
      };
    });
}

/** One POST, never repeated; its ledger record. */
async function sendOnce(
  api: { apiUrl: string; token: string },
  operation: Omit<OperationRecord, 'result' | 'attempts' | 'startedAt' | 'endedAt'>,
): Promise<OperationRecord> {
  const startedAt = Date.now();
  const ended = (result: OperationRecord['result'], extra: Partial<OperationRecord>): OperationRecord => ({
    ...operation,
    result,
    attempts: 1,
    startedAt,
    endedAt: Date.now(),
    latencyMs: Date.now() - startedAt,
    ...extra,
  });
  try {
    const response = await fetch(`${api.apiUrl}${operation.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(operation.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return response.ok
      ? ended('accepted', { status: response.status })
      : ended('failed', { status: response.status, problem: `${response.status} ${text.slice(0, 200)}` });
  } catch (error) {
    return ended('failed', { problem: (error as Error).message.slice(0, 200) });
  }
}
