/**
 * Checks a mixed-traffic ledger (bench/load/mixed-traffic.ts) against the database and Temporal:
 * every accepted operation is reflected exactly once, nothing that was not accepted is, and every
 * workflow that should have finished has.
 *
 * - Rows: customers, returns, orders, order events, invoices and payments hold exactly the ids of
 *   the accepted operations (lost = accepted but missing; unexpected = stored but never accepted;
 *   a refused COD order must have left nothing).
 * - Returns: one decision record per return (a repeated recalculation would add one).
 * - COD: one hold per accepted COD order, open exactly while no delivery, cancellation or return to
 *   origin was accepted, released for that reason, one timeline entry per release; per customer,
 *   available = limit − the open holds the ledger expects. Every accepted COD order's hold has a due
 *   moment (`due_at`, a whole minute), and every answer the ledger recorded for one named the
 *   workflow of that moment (`cod-holds-due-{moment}`) and the moment itself.
 * - Payments and dunning: per invoice, outstanding = amount − accepted payments; one sequence per
 *   invoice, ended — "paid" only when nothing is owed, "all-steps-done" only with every step run;
 *   each step run at most once, with exactly one outbox message (email, SMS) or task (call,
 *   notice, letter), and no reminder without its step run.
 * - Workflows: exactly one execution `dunning-{invoiceId}` per invoice, Completed; exactly one
 *   execution `cod-holds-due-{moment}` per due moment of the accepted COD orders' holds, Running (the
 *   moments are the longest transit time, 30 days, ahead: released holds or not, the workflow sleeps
 *   until then), none for any other moment, and no `cod-{orderId}` of an accepted COD order (holds
 *   with a due moment have no workflow of their own, and a release signals nothing);
 *   `returns-window-{customerId}` never failed and still running only while the customer has a
 *   counted return yet to leave the window (by design); nothing else.
 *
 * A release whose cod_holds has no `due_at` (the previous release, which bench/compare-releases.ts
 * runs this file against) watches each hold with its own workflow: there the COD checks are those of
 * that release — exactly one execution `cod-{orderId}` per accepted COD order, Completed (every hold
 * is settled by the drain), and answers naming it.
 */
import { benchTaskQueue } from './bench-task-queue';
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
// Only ids the previous release also exports (bench/compare-releases.ts runs this file there): a missing export fails the import.
import { codHoldWorkflowId, dunningWorkflowId, returnsWindowWorkflowId } from '../../src/temporal/workflow-client';
import type { ReturnsWindow } from '../../src/rules/rule-types';
import { codPosition } from '../../src/store/cod-store';
import type { Queryable } from '../../src/store/database';
import type { PinnedStep } from '../../src/store/dunning-store';
import { nextReturnExpiry } from '../../src/store/returns-window-store';
import type { OperationKind, OperationRecord } from './mixed-traffic';

export interface VerifyContext {
  db: Queryable;
  temporal: Client;
  ledger: OperationRecord[];
  codLimit: number;
  returnsWindow: ReturnsWindow;
}

export interface Verification {
  ok: boolean;
  lines: string[];
  totals: { lost: number; duplicated: number; unexpected: number; unfinished: number };
}

/** The ids of the ledger's operations of `kinds`, by result. */
function idsOf(ledger: OperationRecord[], kinds: OperationKind[], result: OperationRecord['result']): Set<string> {
  return new Set(ledger.filter((record) => kinds.includes(record.kind) && record.result === result).map((record) => record.id));
}

function accepted(ledger: OperationRecord[], kind: OperationKind): OperationRecord[] {
  return ledger.filter((record) => record.kind === kind && record.result === 'accepted');
}

/** `returns-window-`: the customer id follows. */
const windowPrefix = returnsWindowWorkflowId('');

const sample = (ids: Iterable<string>) => [...ids].slice(0, 5).join(', ');

/** `cod-holds-due-`: the due moment follows. */
const dueWorkflowPrefix = 'cod-holds-due-';

/**
 * The workflow releasing the holds due at `dueAt`, e.g. `cod-holds-due-rulebook-bench-2026-12-30T11:46Z`:
 * the id `codHoldsDueWorkflowId` of src/temporal/workflow-client.ts gives, spelt out here because the
 * previous release lacks that export (see the import), and so that the answers are held to the
 * documented form rather than to whatever the service computes.
 */
const dueWorkflowId = (dueAt: Date) => `${dueWorkflowPrefix}${benchTaskQueue}-${dueAt.toISOString().slice(0, 16)}Z`;

const minuteMs = 60_000;

interface HoldRow {
  order_id: string;
  released_at: Date | null;
  release_reason: string | null;
  due_at: Date | null;
}

/**
 * The COD holds by order id, and how this release watches them: `due-moments` (cod_holds has
 * `due_at`: one workflow per due moment) or `own-workflows` (the previous release: `cod-{orderId}`).
 */
interface CodState {
  design: 'due-moments' | 'own-workflows';
  holds: Map<string, HoldRow>;
}

async function codState(db: Queryable): Promise<CodState> {
  const [column] = await db.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'cod_holds' AND column_name = 'due_at') AS present`,
  );
  const design = column?.present ? 'due-moments' : 'own-workflows';
  const rows = await db.query<HoldRow>(
    `SELECT order_id, released_at, release_reason, ${design === 'due-moments' ? 'due_at' : 'NULL::timestamptz AS due_at'} FROM cod_holds`,
  );
  return { design, holds: new Map(rows.map((row) => [row.order_id, row])) };
}

/** The workflow ids of the due moments of the accepted COD orders' holds (holds without a due moment left out). */
function dueMomentIds(ledger: OperationRecord[], cod: CodState): Set<string> {
  const ids = new Set<string>();
  for (const order of accepted(ledger, 'cod-order')) {
    const dueAt = cod.holds.get(order.id)?.due_at;
    if (dueAt) ids.add(dueWorkflowId(new Date(dueAt)));
  }
  return ids;
}

/** Every execution on the namespace, by workflow id. */
export async function listWorkflows(temporal: Client): Promise<Map<string, WorkflowExecutionInfo[]>> {
  const byId = new Map<string, WorkflowExecutionInfo[]>();
  for await (const execution of temporal.workflow.list()) {
    const runs = byId.get(execution.workflowId) ?? [];
    runs.push(execution);
    byId.set(execution.workflowId, runs);
  }
  return byId;
}

/**
 * Workflows of the ledger that should have finished by `horizon` and have not: reminder sequences
 * always; a running returns window unless its customer has a counted return that leaves the window
 * only after `horizon` (it then sleeps by design). COD: the workflow of every due moment of the
 * accepted holds that has not started yet (the relay may still be delivering its start; once started
 * it sleeps until its moment, by design) — on the previous release, every hold's own workflow not
 * completed.
 */
export async function unfinishedWorkflows(
  context: VerifyContext,
  horizon: Date,
  workflows?: Map<string, WorkflowExecutionInfo[]>,
): Promise<string[]> {
  const byId = workflows ?? (await listWorkflows(context.temporal));
  const unfinished: string[] = [];
  const cod = await codState(context.db);
  const expected = [
    ...(cod.design === 'own-workflows' ? accepted(context.ledger, 'cod-order').map((record) => codHoldWorkflowId(record.id)) : []),
    ...accepted(context.ledger, 'invoice').map((record) => dunningWorkflowId(record.id)),
  ];
  for (const id of expected) if (!byId.get(id)?.some((run) => run.status.name === 'COMPLETED')) unfinished.push(id);
  if (cod.design === 'due-moments') for (const id of dueMomentIds(context.ledger, cod)) if (!byId.has(id)) unfinished.push(id);
  const now = new Date();
  for (const [id, runs] of byId) {
    if (!id.startsWith(windowPrefix) || !runs.some((run) => run.status.name === 'RUNNING')) continue;
    const expiry = await nextReturnExpiry(context.db, id.slice(windowPrefix.length), context.returnsWindow, now);
    if (!expiry || expiry <= horizon) unfinished.push(id);
  }
  return unfinished;
}

/**
 * Waits until every workflow that can finish within `timeoutMs` has (returns windows whose returns
 * leave the window within it included), or the time is up; returns what is still unfinished.
 */
export async function waitForWorkflows(
  context: VerifyContext,
  timeoutMs: number,
  onProgress?: (unfinished: number) => void,
): Promise<string[]> {
  const deadline = new Date(Date.now() + timeoutMs);
  let reported: number | undefined;
  for (;;) {
    const unfinished = await unfinishedWorkflows(context, deadline).catch(() => ['(Temporal not answering)']);
    if (unfinished.length !== reported) onProgress?.((reported = unfinished.length));
    if (unfinished.length === 0 || Date.now() >= deadline.getTime()) return unfinished;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** Waits up to `settleSeconds` for the workflows (progress on stderr), then verifies; `lines` tell both. */
export async function settleAndVerify(context: VerifyContext, settleSeconds: number): Promise<{ ok: boolean; lines: string[] }> {
  console.error(`load done; waiting up to ${settleSeconds} s for the workflows to finish…`);
  const started = Date.now();
  const unfinished = await waitForWorkflows(context, settleSeconds * 1000, (count) => console.error(`  ${count} workflows unfinished`));
  const settledIn = (Date.now() - started) / 1000;
  const verification = await verifyLedger(context);
  const settled =
    unfinished.length === 0
      ? `all finished ${settledIn.toFixed(0)} s after the load`
      : `${unfinished.length} still unfinished after ${settleSeconds} s (e.g. ${unfinished.slice(0, 5).join(', ')})`;
  return {
    ok: verification.ok,
    lines: [`Workflows: ${settled}.`, '', 'Verification:', ...verification.lines.map((line) => `    ${line}`)],
  };
}

/** Runs every check; `ok` is false when anything is lost, duplicated, unexpected or unfinished. */
export async function verifyLedger(context: VerifyContext): Promise<Verification> {
  const lines: string[] = [];
  const totals = { lost: 0, duplicated: 0, unexpected: 0, unfinished: 0 };
  const note = (line: string, counts: Partial<typeof totals>) => {
    for (const [key, value] of Object.entries(counts) as Array<[keyof typeof totals, number]>) totals[key] += value;
    const bad = Object.values(counts).some((value) => value > 0);
    lines.push(`${bad ? 'FAIL' : 'ok  '} ${line}`);
  };
  const cod = await codState(context.db);
  await checkRows(context, note);
  await checkReturns(context, note);
  await checkCod(context, cod, note);
  await checkDunning(context, note);
  await checkWorkflows(context, cod, note);
  const ok = Object.values(totals).every((value) => value === 0);
  lines.push(
    `lost: ${totals.lost}, duplicated: ${totals.duplicated}, unexpected: ${totals.unexpected}, unfinished workflows: ${totals.unfinished}`,
  );
  return { ok, lines, totals };
}

type Note = (line: string, counts: Partial<Verification['totals']>) => void;

/** Each table holds exactly the accepted ids; refused operations left nothing. */
async function checkRows({ db, ledger }: VerifyContext, note: Note): Promise<void> {
  const tables: Array<[string, OperationKind[]]> = [
    ['customers', ['customer']],
    ['returns', ['return']],
    ['orders', ['cod-order', 'order']],
    ['order_events', ['order-event']],
    ['invoices', ['invoice']],
    ['payments', ['payment']],
  ];
  for (const [table, kinds] of tables) {
    const stored = new Set((await db.query<{ id: string }>(`SELECT id FROM ${table}`)).map((row) => row.id));
    const acceptedIds = idsOf(ledger, kinds, 'accepted');
    const unconfirmed = idsOf(ledger, kinds, 'failed');
    const refused = idsOf(ledger, kinds, 'refused');
    const lost = [...acceptedIds].filter((id) => !stored.has(id));
    const unexpected = [...stored].filter((id) => !acceptedIds.has(id) && !unconfirmed.has(id));
    const refusedStored = [...refused].filter((id) => stored.has(id));
    const unconfirmedStored = [...unconfirmed].filter((id) => stored.has(id)).length;
    note(
      `${table}: accepted ${acceptedIds.size}, stored ${stored.size}, lost ${lost.length}, unexpected ${unexpected.length}` +
        (refused.size > 0 ? `, refused ${refused.size} (stored: ${refusedStored.length})` : '') +
        (unconfirmed.size > 0 ? `, unconfirmed ${unconfirmed.size} (stored: ${unconfirmedStored})` : '') +
        (lost.length + unexpected.length + refusedStored.length > 0 ? ` — e.g. ${sample([...lost, ...unexpected, ...refusedStored])}` : ''),
      { lost: lost.length, unexpected: unexpected.length + refusedStored.length },
    );
  }
}

/** One decision record per return, and each return pointing at its own. */
async function checkReturns({ db }: VerifyContext, note: Note): Promise<void> {
  const [row] = await db.query<{ returns: number; decided: number; records: number }>(
    `SELECT (SELECT count(*)::int FROM returns) AS returns,
            (SELECT count(DISTINCT decision_id)::int FROM returns) AS decided,
            (SELECT count(*)::int FROM decision_records WHERE trigger = 'return-created') AS records`,
  );
  const { returns, decided, records } = row!;
  note(
    `return recalculations: ${returns} returns, ${decided} with their own decision record, ${records} records of trigger return-created`,
    {
      lost: returns - decided,
      duplicated: Math.max(0, records - returns),
    },
  );
}

/** Holds per COD order, their release and due moment, what their answers named, and every customer's available limit. */
async function checkCod({ db, ledger, codLimit }: VerifyContext, cod: CodState, note: Note): Promise<void> {
  const codOrders = accepted(ledger, 'cod-order');
  const settledBy = new Map<string, string>();
  for (const event of accepted(ledger, 'order-event')) settledBy.set(event.path.split('/')[3]!, event.body.kind as string);
  const { holds } = cod;
  const codIds = new Set(codOrders.map((order) => order.id));
  const lost = codOrders.filter((order) => !holds.has(order.id)).map((order) => order.id);
  const unexpected = [...holds.keys()].filter((id) => !codIds.has(id));
  const wrongState = codOrders
    .filter((order) => holds.has(order.id))
    .filter((order) => (holds.get(order.id)!.release_reason ?? 'open') !== (settledBy.get(order.id) ?? 'open'))
    .map((order) => `${order.id} (${holds.get(order.id)!.release_reason ?? 'open'}, expected ${settledBy.get(order.id) ?? 'open'})`);
  note(
    `COD holds: ${codOrders.length} accepted COD orders, ${holds.size} holds, lost ${lost.length}, unexpected ${unexpected.length}, ` +
      `in the wrong state ${wrongState.length}` +
      (lost.length + unexpected.length + wrongState.length > 0 ? ` — e.g. ${sample([...lost, ...unexpected, ...wrongState])}` : ''),
    { lost: lost.length + wrongState.length, unexpected: unexpected.length },
  );

  if (cod.design === 'due-moments') checkDueMoments(codOrders, holds, note);
  checkCodAnswers(codOrders, cod, note);

  const releases = await db.query<{ event_key: string; entries: number }>(
    `SELECT event_key, count(*)::int AS entries FROM customer_timeline WHERE kind = 'cod-hold-released' GROUP BY event_key`,
  );
  const released = [...holds.values()].filter((hold) => hold.released_at !== null).length;
  const doubled = releases.filter((release) => release.entries > 1).length;
  note(`COD releases: ${released} released holds, ${releases.length} timeline entries, doubled ${doubled}`, {
    duplicated: doubled,
    lost: Math.max(0, released - releases.length),
  });

  const expectedHeld = new Map<string, number>();
  for (const order of codOrders) {
    const customerId = order.body.customerId as string;
    const open = settledBy.has(order.id) ? 0 : (order.body.value as number);
    expectedHeld.set(customerId, (expectedHeld.get(customerId) ?? 0) + open);
  }
  const wrongAvailable: string[] = [];
  for (const [customerId, held] of expectedHeld) {
    const position = await codPosition(db, customerId, codLimit);
    if (position.available !== codLimit - held)
      wrongAvailable.push(`${customerId} (available ${position.available}, expected ${codLimit - held})`);
  }
  note(
    `COD limits: ${expectedHeld.size} customers with COD orders, available = limit − open holds for ${expectedHeld.size - wrongAvailable.length}` +
      (wrongAvailable.length > 0 ? ` — wrong: ${sample(wrongAvailable)}` : ''),
    {
      lost: wrongAvailable.length,
    },
  );
}

/** Every accepted COD order's hold has a due moment, a whole minute. */
function checkDueMoments(codOrders: OperationRecord[], holds: Map<string, HoldRow>, note: Note): void {
  const dues = codOrders.flatMap((order) => (holds.has(order.id) ? [{ orderId: order.id, dueAt: holds.get(order.id)!.due_at }] : []));
  const withoutDue = dues.filter(({ dueAt }) => !dueAt).map(({ orderId }) => orderId);
  const moments = dues.flatMap(({ orderId, dueAt }) => (dueAt ? [{ orderId, time: new Date(dueAt).getTime() }] : []));
  const offMinute = moments
    .filter(({ time }) => time % minuteMs !== 0)
    .map(({ orderId, time }) => `${orderId} (${new Date(time).toISOString()})`);
  const times = new Set(moments.map(({ time }) => time));
  const span = times.size > 0 ? ` (${dueMomentText(Math.min(...times))} … ${dueMomentText(Math.max(...times))})` : '';
  note(
    `COD due moments: ${dues.length} holds of accepted COD orders, ${times.size} distinct due moments${span}; ` +
      `without a due moment ${withoutDue.length}, not on a whole minute ${offMinute.length}` +
      (withoutDue.length + offMinute.length > 0 ? ` — e.g. ${sample([...withoutDue, ...offMinute])}` : ''),
    { lost: withoutDue.length + offMinute.length },
  );
}

const dueMomentText = (time: number) => new Date(time).toISOString().slice(0, 16) + 'Z';

/**
 * Every answer the ledger recorded for an accepted COD order (a repeat's 200 included) named what
 * watches its hold: the workflow of the hold's due moment and that moment, or on the previous
 * release the order's own `cod-{orderId}`. An order committed without an answer has none to check,
 * nor has one whose hold is missing or has no due moment (counted as such above).
 */
function checkCodAnswers(codOrders: OperationRecord[], cod: CodState, note: Note): void {
  const answered = codOrders.filter((order) => order.answer !== undefined);
  const wrong: string[] = [];
  let right = 0;
  for (const order of answered) {
    const { codHoldWorkflowId: workflowId, codHoldDueAt: dueAt } = order.answer!;
    const hold = cod.holds.get(order.id);
    if (cod.design === 'own-workflows') {
      if (workflowId === codHoldWorkflowId(order.id)) right++;
      else wrong.push(`${order.id} (named ${String(workflowId)})`);
      continue;
    }
    if (!hold?.due_at) continue; // no hold, or none with a due moment: counted above
    const holdDueAt = new Date(hold.due_at);
    if (workflowId === dueWorkflowId(holdDueAt) && dueAt === holdDueAt.toISOString()) right++;
    else wrong.push(`${order.id} (named ${String(workflowId)} due ${String(dueAt)}, the hold is due ${holdDueAt.toISOString()})`);
  }
  const named = cod.design === 'due-moments' ? "the workflow of its hold's due moment and the moment" : 'its own cod-{orderId}';
  note(
    `COD answers: ${answered.length} of ${codOrders.length} accepted COD orders answered` +
      (answered.length < codOrders.length ? ' (the rest committed without an answer)' : '') +
      ', ' +
      `naming ${named} ${right}, naming something else ${wrong.length}` +
      (wrong.length > 0 ? ` — e.g. ${sample(wrong)}` : ''),
    { lost: wrong.length },
  );
}

/** Outstanding amounts, one ended sequence per invoice, each step at most once with one reminder. */
async function checkDunning({ db, ledger }: VerifyContext, note: Note): Promise<void> {
  const invoices = accepted(ledger, 'invoice');
  const paid = new Map<string, number>();
  for (const payment of accepted(ledger, 'payment')) {
    const invoiceId = payment.path.split('/')[3]!;
    paid.set(invoiceId, (paid.get(invoiceId) ?? 0) + (payment.body.amount as number));
  }
  const outstanding = new Map(
    (
      await db.query<{ id: string; outstanding: string }>(
        'SELECT i.id, i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding FROM invoices i',
      )
    ).map((row) => [row.id, Number(row.outstanding)]),
  );
  const wrongOutstanding = invoices
    .filter((invoice) => outstanding.get(invoice.id) !== (invoice.body.amount as number) - (paid.get(invoice.id) ?? 0))
    .map((invoice) => invoice.id);
  note(
    `payments: ${paid.size} invoices with payments, outstanding = amount − accepted payments for ${invoices.length - wrongOutstanding.length} of ${invoices.length} invoices`,
    {
      lost: wrongOutstanding.length,
    },
  );

  const sequences = new Map(
    (
      await db.query<{ invoice_id: string; state: string; end_reason: string | null; steps: PinnedStep[] }>(
        'SELECT invoice_id, state, end_reason, steps FROM dunning_sequences',
      )
    ).map((row) => [row.invoice_id, row]),
  );
  const runs = await db.query<{ invoice_id: string; step_id: string; outcome: string }>(
    'SELECT invoice_id, step_id, outcome FROM dunning_step_runs',
  );
  const runsByInvoice = new Map<string, Array<{ step_id: string; outcome: string }>>();
  for (const run of runs) runsByInvoice.set(run.invoice_id, [...(runsByInvoice.get(run.invoice_id) ?? []), run]);
  const missing = invoices.filter((invoice) => !sequences.has(invoice.id)).map((invoice) => invoice.id);
  const notEnded = [...sequences.values()].filter((sequence) => sequence.state !== 'ended').map((sequence) => sequence.invoice_id);
  const wrongEnd = [...sequences.values()]
    .filter((sequence) => sequence.state === 'ended')
    .filter((sequence) =>
      sequence.end_reason === 'paid'
        ? (outstanding.get(sequence.invoice_id) ?? 0) > 0
        : sequence.end_reason !== 'all-steps-done' || (runsByInvoice.get(sequence.invoice_id)?.length ?? 0) !== sequence.steps.length,
    )
    .map((sequence) => `${sequence.invoice_id} (${sequence.end_reason})`);
  const reasons = countBy([...sequences.values()].map((sequence) => sequence.end_reason ?? sequence.state));
  note(
    `dunning sequences: ${sequences.size} for ${invoices.length} invoices (${reasons}), missing ${missing.length}, not ended ${notEnded.length}, ended inconsistently ${wrongEnd.length}` +
      (missing.length + notEnded.length + wrongEnd.length > 0 ? ` — e.g. ${sample([...missing, ...notEnded, ...wrongEnd])}` : ''),
    { lost: missing.length + wrongEnd.length, unfinished: notEnded.length },
  );

  // Reminders: the outbox (email, SMS) and tasks (call, notice, letter) are keyed "{invoiceId}:{stepId}".
  const reminders = await db.query<{ key: string; copies: number }>(
    `SELECT key, count(*)::int AS copies FROM (
       SELECT invoice_id || ':' || split_part(id, ':', 2) AS key FROM notification_outbox
       UNION ALL SELECT invoice_id || ':' || split_part(id, ':', 2) FROM tasks WHERE kind <> 'manual-handling') reminders
     GROUP BY key`,
  );
  const reminderCopies = new Map(reminders.map((reminder) => [reminder.key, reminder.copies]));
  const doneRuns = runs.filter((run) => run.outcome === 'done').map((run) => `${run.invoice_id}:${run.step_id}`);
  const lostReminders = doneRuns.filter((key) => !reminderCopies.has(key));
  const doubled = reminders.filter((reminder) => reminder.copies > 1).map((reminder) => reminder.key);
  const doneKeys = new Set(doneRuns);
  const orphans = reminders.filter((reminder) => !doneKeys.has(reminder.key)).map((reminder) => reminder.key);
  const [manual] = await db.query<{ tasks: number }>(`SELECT count(*)::int AS tasks FROM tasks WHERE kind = 'manual-handling'`);
  note(
    `reminders: ${runs.length} step runs (${doneRuns.length} done, ${runs.length - doneRuns.length} skipped), ${reminders.length} reminders (outbox + tasks), ` +
      `lost ${lostReminders.length}, run twice ${doubled.length}, without a step run ${orphans.length}, manual-handling tasks ${manual!.tasks}` +
      (lostReminders.length + doubled.length + orphans.length > 0 ? ` — e.g. ${sample([...lostReminders, ...doubled, ...orphans])}` : ''),
    { lost: lostReminders.length, duplicated: doubled.length, unexpected: orphans.length + manual!.tasks },
  );
}

/**
 * One completed execution per invoice; one running execution per due moment of the accepted COD
 * holds and no `cod-{orderId}` for them (previous release: one completed `cod-{orderId}` per
 * accepted COD order); returns windows healthy; nothing else.
 */
async function checkWorkflows(context: VerifyContext, cod: CodState, note: Note): Promise<void> {
  const byId = await listWorkflows(context.temporal);
  const expectOne = (kind: OperationKind, workflowId: (id: string) => string, label: string) => {
    const ids = accepted(context.ledger, kind).map((record) => workflowId(record.id));
    const missing = ids.filter((id) => !byId.has(id));
    const doubled = ids.filter((id) => (byId.get(id)?.length ?? 0) > 1);
    const statuses = countBy(ids.flatMap((id) => byId.get(id) ?? []).map((run) => run.status.name));
    const notCompleted = ids.filter((id) => byId.get(id)?.length === 1 && byId.get(id)![0]!.status.name !== 'COMPLETED');
    note(
      `${label} workflows: ${ids.length} expected, ${statuses || 'none'}; missing ${missing.length}, more than one execution ${doubled.length}, not completed ${notCompleted.length}` +
        (missing.length + doubled.length + notCompleted.length > 0 ? ` — e.g. ${sample([...missing, ...doubled, ...notCompleted])}` : ''),
      { lost: missing.length, duplicated: doubled.length, unfinished: notCompleted.length },
    );
    return new Set(ids);
  };
  const codIds = cod.design === 'own-workflows' ? expectOne('cod-order', codHoldWorkflowId, 'COD hold (cod-{orderId})') : new Set<string>();
  if (cod.design === 'due-moments') {
    checkDueWorkflows(context, cod, byId, note);
    for (const order of accepted(context.ledger, 'cod-order')) codIds.add(codHoldWorkflowId(order.id));
  }
  const dunningIds = expectOne('invoice', dunningWorkflowId, 'dunning (dunning-{invoiceId})');

  const customersWithReturns = new Set<string>();
  const customerByEmail = new Map(accepted(context.ledger, 'customer').map((customer) => [customer.body.email as string, customer.id]));
  for (const record of accepted(context.ledger, 'return'))
    customersWithReturns.add((record.body.customerId as string | undefined) ?? customerByEmail.get(record.body.email as string)!);
  const windowIds = [...byId.keys()].filter((id) => id.startsWith(windowPrefix));
  const windowRuns = windowIds.flatMap((id) => byId.get(id)!);
  const broken = windowRuns
    .filter((run) => !['COMPLETED', 'RUNNING', 'CONTINUED_AS_NEW'].includes(run.status.name))
    .map((run) => `${run.workflowId} ${run.status.name}`);
  const strangers = windowIds.filter((id) => !customersWithReturns.has(id.slice(windowPrefix.length)));
  const running = windowIds.filter((id) => byId.get(id)!.some((run) => run.status.name === 'RUNNING'));
  const unfinished = (await unfinishedWorkflows(context, new Date(), byId)).filter((id) => id.startsWith(windowPrefix));
  const byDesign = running.length - unfinished.length;
  note(
    `returns-window workflows: ${windowIds.length} for ${customersWithReturns.size} customers with returns (${countBy(windowRuns.map((run) => run.status.name)) || 'none'}), ` +
      `failed or terminated ${broken.length}, for customers without returns ${strangers.length}, running by design (a counted return still to leave the window) ${byDesign}, ` +
      `running without a reason ${unfinished.length}` +
      (broken.length + strangers.length + unfinished.length > 0 ? ` — e.g. ${sample([...broken, ...strangers, ...unfinished])}` : ''),
    { lost: broken.length, unexpected: strangers.length, unfinished: unfinished.length },
  );

  // Judged above: the COD workflows (due moments, own workflows of accepted orders), reminder sequences and returns windows.
  const judged = (id: string) =>
    codIds.has(id) ||
    dunningIds.has(id) ||
    id.startsWith(windowPrefix) ||
    (cod.design === 'due-moments' && id.startsWith(dueWorkflowPrefix));
  const others = [...byId.keys()].filter((id) => !judged(id));
  note(`other workflows: ${others.length}` + (others.length > 0 ? ` — e.g. ${sample(others)}` : ''), { unexpected: others.length });
}

/**
 * The `cod-holds-due-*` workflows are exactly those of the accepted holds' due moments, each one
 * execution, running (its moment is 30 days ahead: it must not have released anything yet, nor ended
 * early); and no accepted COD order has a `cod-{orderId}` of its own (nothing starts or signals one).
 */
function checkDueWorkflows(context: VerifyContext, cod: CodState, byId: Map<string, WorkflowExecutionInfo[]>, note: Note): void {
  const expected = dueMomentIds(context.ledger, cod);
  const found = [...byId.keys()].filter((id) => id.startsWith(dueWorkflowPrefix));
  const missing = [...expected].filter((id) => !byId.has(id));
  const doubled = [...expected].filter((id) => (byId.get(id)?.length ?? 0) > 1).map((id) => `${id} (${byId.get(id)!.length} executions)`);
  const notRunning = [...expected]
    .filter((id) => byId.get(id)?.length === 1 && byId.get(id)![0]!.status.name !== 'RUNNING')
    .map((id) => `${id} ${byId.get(id)![0]!.status.name}`);
  const strangers = found.filter((id) => !expected.has(id));
  const statuses = countBy(found.flatMap((id) => byId.get(id)!).map((run) => run.status.name));
  note(
    `COD due-moment workflows (cod-holds-due-{moment}): ${expected.size} due moments of accepted holds, ${found.length} in Temporal (${statuses || 'none'}); ` +
      `missing ${missing.length}, more than one execution ${doubled.length}, not running ${notRunning.length}, for no accepted hold's moment ${strangers.length}` +
      (missing.length + doubled.length + notRunning.length + strangers.length > 0
        ? ` — e.g. ${sample([...missing, ...doubled, ...notRunning, ...strangers])}`
        : ''),
    { lost: missing.length + notRunning.length, duplicated: doubled.length, unexpected: strangers.length },
  );

  const own = accepted(context.ledger, 'cod-order')
    .map((order) => codHoldWorkflowId(order.id))
    .filter((id) => byId.has(id));
  note(
    `COD own workflows (cod-{orderId}) of accepted COD orders: ${own.length}, none expected (their holds have a due moment)` +
      (own.length > 0 ? ` — e.g. ${sample(own)}` : ''),
    { unexpected: own.length },
  );
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value.toLowerCase()} ${count}`).join(', ');
}
