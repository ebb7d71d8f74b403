/**
 * Checks of the effects that reach Temporal after the HTTP answer, shared by bench/mixed-load.bench.ts
 * and bench/crash.bench.ts, run before and next to bench/load/verify-ledger.ts.
 *
 * Since the transactional outbox (table workflow_intents), the start of a COD due moment's workflow,
 * a returns-window reschedule and a reminder sequence are queued with the business change and
 * delivered by the worker's relay afterwards. So before the workflows are checked:
 * - `waitForOutboxDrain` waits until no intent is pending, and counts every dead one (given up, never
 *   delivered) as lost. On a release without the table (before the outbox: workflows were started in
 *   the request) it says so and waits for nothing, so the same bench runs against the previous release.
 * - `checkReturnsWindows` proves the returns-window effect of every stored return, which
 *   verify-ledger.ts does not: each customer with a return has a returns-window workflow, one is still
 *   running while a counted return has yet to leave the window, and otherwise the last run closed only
 *   after the customer's last return left it (it recalculated after that moment, so it heard of that return).
 */
import type { Client } from '@temporalio/client';
import { leavesWindowAt, windowMonths } from '../../src/rules/derive-facts';
import type { ReturnsWindow } from '../../src/rules/rule-types';
import type { Queryable } from '../../src/store/database';
import { nextReturnExpiry } from '../../src/store/returns-window-store';
import { returnsWindowWorkflowId } from '../../src/temporal/workflow-client';
import { listWorkflows } from './verify-ledger';

/** What a check found: report lines and the counts it adds to the verification's totals. */
export interface CheckResult {
  ok: boolean;
  lines: string[];
  lost: number;
  unfinished: number;
}

/** Whether this release has the outbox to Temporal (a database migrated by the previous release has no such table). */
export async function hasWorkflowOutbox(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(`SELECT to_regclass('workflow_intents') IS NOT NULL AS present`);
  return row?.present ?? false;
}

interface Backlog {
  pending: number;
  dead: number;
  delivered: number;
  oldestPendingSeconds: number;
}

async function backlog(db: Queryable): Promise<Backlog> {
  const [row] = await db.query<{ pending: number; dead: number; delivered: number; oldest: number | null }>(
    `SELECT count(*) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL)::int AS pending,
            count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead,
            count(*) FILTER (WHERE delivered_at IS NOT NULL)::int AS delivered,
            extract(epoch FROM now() - min(queued_at) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL))::float8 AS oldest
     FROM workflow_intents`,
  );
  return { pending: row!.pending, dead: row!.dead, delivered: row!.delivered, oldestPendingSeconds: row!.oldest ?? 0 };
}

/**
 * Waits up to `timeoutMs` until no workflow intent is pending (progress on stderr). Fails when one
 * is still pending at the end or any is dead: a dead intent is a workflow start or signal that was
 * accepted with its request and never delivered.
 */
export async function waitForOutboxDrain(db: Queryable, timeoutMs: number): Promise<CheckResult> {
  if (!(await hasWorkflowOutbox(db)))
    return {
      ok: true,
      lost: 0,
      unfinished: 0,
      lines: ['ok   outbox to Temporal: none in this release (workflows started or signalled in the request)'],
    };
  const started = Date.now();
  let state = await backlog(db);
  let reported = -1;
  while (state.pending > 0 && Date.now() - started < timeoutMs) {
    if (state.pending !== reported)
      console.error(`  ${(reported = state.pending)} workflow intents pending (oldest ${state.oldestPendingSeconds.toFixed(0)} s)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    state = await backlog(db);
  }
  const drainedIn = ((Date.now() - started) / 1000).toFixed(1);
  const dead = state.dead === 0 ? [] : await deadIntents(db);
  const ok = state.pending === 0 && state.dead === 0;
  return {
    ok,
    lost: state.dead,
    unfinished: state.pending,
    lines: [
      `${ok ? 'ok  ' : 'FAIL'} outbox to Temporal: ${state.delivered} intents delivered, pending ${state.pending}` +
        (state.pending > 0 ? ` after ${drainedIn} s` : ` (drained ${drainedIn} s after the load)`) +
        `, dead ${state.dead}` +
        (dead.length > 0 ? ` — e.g. ${dead.join('; ')}` : ''),
    ],
  };
}

async function deadIntents(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ workflow_id: string; action: string; last_error: string | null }>(
    'SELECT workflow_id, action, last_error FROM workflow_intents WHERE dead_at IS NOT NULL ORDER BY id LIMIT 5',
  );
  return rows.map((row) => `${row.action} ${row.workflow_id}: ${(row.last_error ?? '').slice(0, 120)}`);
}

/** Every stored return's returns-window effect (see the module comment). */
export async function checkReturnsWindows(db: Queryable, temporal: Client, window: ReturnsWindow): Promise<CheckResult> {
  // Only returns still in the window when they were recorded (their decision record's time) call for a
  // window to watch: one recorded late, after repeated attempts, may already have left it.
  const customers = await db.query<{ customer_id: string; last_returned_at: Date }>(
    `SELECT r.customer_id, max(r.returned_at) AS last_returned_at
     FROM returns r LEFT JOIN decision_records d ON d.id = r.decision_id
     WHERE r.returned_at + make_interval(months => $1::int) > coalesce(d.created_at, r.returned_at)
     GROUP BY r.customer_id`,
    [windowMonths(window)],
  );
  const byId = await listWorkflows(temporal);
  const now = new Date();
  const missing: string[] = [];
  const notWatching: string[] = [];
  const closedEarly: string[] = [];
  let watching = 0;
  for (const { customer_id: customerId, last_returned_at: lastReturnedAt } of customers) {
    const runs = byId.get(returnsWindowWorkflowId(customerId)) ?? [];
    if (runs.length === 0) {
      missing.push(customerId);
      continue;
    }
    if (await nextReturnExpiry(db, customerId, window, now)) {
      if (runs.some((run) => run.status.name === 'RUNNING')) watching++;
      else notWatching.push(customerId);
      continue;
    }
    const lastLeft = leavesWindowAt(new Date(lastReturnedAt), window)!;
    const lastClosed = Math.max(...runs.map((run) => run.closeTime?.getTime() ?? Number.POSITIVE_INFINITY));
    if (lastClosed < lastLeft.getTime())
      closedEarly.push(`${customerId} (closed ${new Date(lastClosed).toISOString()}, last return left ${lastLeft.toISOString()})`);
  }
  const lost = missing.length + notWatching.length + closedEarly.length;
  const sample = [...missing, ...notWatching, ...closedEarly].slice(0, 5).join(', ');
  return {
    ok: lost === 0,
    lost,
    unfinished: 0,
    lines: [
      `${lost === 0 ? 'ok  ' : 'FAIL'} returns-window effects: ${customers.length} customers with returns counted when recorded, without a returns-window workflow ${missing.length}, ` +
        `with a return still in the window and none running ${notWatching.length} (running: ${watching}), ` +
        `finished before their last return left the window ${closedEarly.length}` +
        (lost > 0 ? ` — e.g. ${sample}` : ''),
    ],
  };
}
