/** Dunning sequences, their step runs, the notification outbox, tasks and receivables. */
import { NotFoundError } from '../errors';
import type { DunningAction } from '../rules/rule-types';
import type { Queryable } from './database';

/** A step as pinned in a running sequence (the rule file may change; this does not). */
export interface PinnedStep {
  id: string;
  offsetDays: number;
  action: DunningAction;
  template: string;
  /** The step's condition as written, evaluated on the customer's facts when the step is due. */
  when?: unknown;
  /**
   * When the step is due: the start, in the account's time zone, of the day `offsetDays` after the
   * due date. Sequences pinned before 2026-11-30 have none: theirs is that day at 00:00 UTC.
   */
  at?: string;
}

/** The moment of a step pinned without one (before 2026-11-30): its day at 00:00 UTC, as the workflow waits for it. */
export function utcStepMoment(dueDate: string, offsetDays: number): string {
  return new Date(Date.parse(`${dueDate}T00:00:00Z`) + offsetDays * 86_400_000).toISOString();
}

/** What an invoice still owes. */
export async function invoiceOutstanding(db: Queryable, invoiceId: string): Promise<number> {
  const [row] = await db.query<{ outstanding: string | null }>(
    `SELECT i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding FROM invoices i WHERE i.id = $1`,
    [invoiceId],
  );
  if (!row) throw new NotFoundError(`No invoice has the id "${invoiceId}".`);
  return Number(row.outstanding);
}

/**
 * What an invoice still owes, and the customer it belongs to now (a merge moves invoices to the
 * survivor), with that customer's row key-share locked until the transaction ends. A merge locks
 * both customers before it moves anything, so it waits for this transaction and then moves what it
 * wrote for the customer; a merge that moved the invoice meanwhile is seen by the second read, and
 * the survivor is locked instead. The key-share lock does not hold up orders or payments.
 */
export async function invoiceOwing(db: Queryable, invoiceId: string): Promise<{ customerId: string; outstanding: number }> {
  for (;;) {
    const [owner] = await db.query<{ customer_id: string }>('SELECT customer_id FROM invoices WHERE id = $1', [invoiceId]);
    if (!owner) throw new NotFoundError(`No invoice has the id "${invoiceId}".`);
    await db.query('SELECT 1 FROM customers WHERE id = $1 FOR KEY SHARE', [owner.customer_id]);
    const [row] = await db.query<{ customer_id: string; outstanding: string | null }>(
      `SELECT i.customer_id, i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding
       FROM invoices i WHERE i.id = $1`,
      [invoiceId],
    );
    if (row && row.customer_id === owner.customer_id) return { customerId: row.customer_id, outstanding: Number(row.outstanding) };
  }
}

/** What started a sequence: the invoice coming in, or a change of the customer's profile. */
export type SequenceStart = 'invoice-created' | 'profile-changed';

/**
 * Records a started sequence with its pinned steps and the profile (set and id) it follows, as the
 * invoice's `sequenceNo`th (1 unless given); false when that one exists already.
 */
export async function recordSequence(
  db: Queryable,
  sequence: {
    invoiceId: string;
    customerId: string;
    scenarioId: string;
    profileSetId: string;
    profileId: string;
    ruleSetVersion: string;
    steps: PinnedStep[];
    sequenceNo?: number;
    startedOn?: SequenceStart;
  },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_set_id, profile_id, rule_set_version, steps, sequence_no, started_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (invoice_id, sequence_no) DO NOTHING RETURNING 1`,
    [
      sequence.invoiceId,
      sequence.customerId,
      sequence.scenarioId,
      sequence.profileSetId,
      sequence.profileId,
      sequence.ruleSetVersion,
      JSON.stringify(sequence.steps),
      sequence.sequenceNo ?? 1,
      sequence.startedOn ?? 'invoice-created',
    ],
  );
  return rows.length > 0;
}

/**
 * A sequence as pinned, with where it stands. Its workflow id is derived from the invoice id and its
 * number (src/temporal/workflow-client.ts dunningWorkflowId, and the column of migration 0025).
 */
export interface PinnedSequence {
  sequenceNo: number;
  workflowId: string;
  customerId: string;
  scenarioId: string;
  profileId: string;
  ruleSetVersion: string;
  steps: PinnedStep[];
  state: 'running' | 'paused' | 'ended';
}

/** The invoice's current sequence (its latest), if one was recorded. */
export async function getPinnedSequence(db: Queryable, invoiceId: string): Promise<PinnedSequence | undefined> {
  const [row] = await db.query<{
    sequence_no: number;
    workflow_id: string;
    customer_id: string;
    scenario_id: string;
    profile_id: string;
    rule_set_version: string;
    steps: PinnedStep[];
    state: PinnedSequence['state'];
  }>(
    `SELECT sequence_no, workflow_id, customer_id, scenario_id, profile_id, rule_set_version, steps, state FROM dunning_sequences
     WHERE invoice_id = $1 ORDER BY sequence_no DESC LIMIT 1`,
    [invoiceId],
  );
  return (
    row && {
      sequenceNo: row.sequence_no,
      workflowId: row.workflow_id,
      customerId: row.customer_id,
      scenarioId: row.scenario_id,
      profileId: row.profile_id,
      ruleSetVersion: row.rule_set_version,
      steps: row.steps,
      state: row.state,
    }
  );
}

/** The sequence a workflow runs, found by its workflow id; undefined for a workflow started without one (tests). */
export async function sequenceOfWorkflow(
  db: Queryable,
  workflowId: string,
): Promise<{ invoiceId: string; sequenceNo: number; state: string; endReason: string | null; profileSetId: string | null } | undefined> {
  const [row] = await db.query<{
    invoice_id: string;
    sequence_no: number;
    state: string;
    end_reason: string | null;
    profile_set_id: string | null;
  }>('SELECT invoice_id, sequence_no, state, end_reason, profile_set_id FROM dunning_sequences WHERE workflow_id = $1', [workflowId]);
  return (
    row && {
      invoiceId: row.invoice_id,
      sequenceNo: row.sequence_no,
      state: row.state,
      endReason: row.end_reason,
      profileSetId: row.profile_set_id,
    }
  );
}

/** The id of the task that leaves an invoice without a scenario to manual handling. */
export const manualHandlingTaskId = (invoiceId: string) => `manual:${invoiceId}`;

/** Whether the invoice was left to manual handling (looked up by the task's key, not a scan). */
export async function isLeftToManualHandling(db: Queryable, invoiceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM tasks WHERE id = $1', [manualHandlingTaskId(invoiceId)]);
  return rows.length > 0;
}

/** The customer's sequences that have not ended, with the scenario and the profile (set and id) each follows. */
export async function runningSequencesOf(
  db: Queryable,
  customerId: string,
): Promise<
  Array<{ invoiceId: string; sequenceNo: number; workflowId: string; scenarioId: string; profileSetId: string | null; profileId: string }>
> {
  const rows = await db.query<{
    invoice_id: string;
    sequence_no: number;
    workflow_id: string;
    scenario_id: string;
    profile_set_id: string | null;
    profile_id: string;
  }>(
    `SELECT invoice_id, sequence_no, workflow_id, scenario_id, profile_set_id, profile_id FROM dunning_sequences
     WHERE customer_id = $1 AND state <> 'ended' ORDER BY invoice_id, sequence_no`,
    [customerId],
  );
  return rows.map((row) => ({
    invoiceId: row.invoice_id,
    sequenceNo: row.sequence_no,
    workflowId: row.workflow_id,
    scenarioId: row.scenario_id,
    profileSetId: row.profile_set_id,
    profileId: row.profile_id,
  }));
}

/**
 * Marks the sequence of `workflowId` paused, running again, or ended with a reason. Ended is final:
 * a sequence a profile change ended (recorded at once, in the change's transaction) is not marked
 * running again by its workflow, which records a resume on its way to the stop.
 */
export async function setSequenceState(
  db: Queryable,
  workflowId: string,
  state: 'running' | 'paused' | 'ended',
  endReason?: string,
): Promise<void> {
  await db.query(
    `UPDATE dunning_sequences SET state = $2, end_reason = CASE WHEN state = 'ended' THEN end_reason ELSE coalesce($3, end_reason) END, ended_at = CASE WHEN $2 = 'ended' THEN coalesce(ended_at, now()) ELSE ended_at END
     WHERE workflow_id = $1 AND (state <> 'ended' OR $2 = 'ended')`,
    [workflowId, state, endReason ?? null],
  );
}

/** Records sequences as ended for `reason` now, in the transaction that ends them (their workflows hear of it through the outbox). */
export async function endSequences(db: Queryable, workflowIds: string[], reason: string): Promise<void> {
  if (workflowIds.length === 0) return;
  await db.query(
    `UPDATE dunning_sequences SET state = 'ended', end_reason = $2, ended_at = now() WHERE workflow_id = ANY($1::text[]) AND state <> 'ended'`,
    [workflowIds, reason],
  );
}

/**
 * The customer's invoices still owing whose reminders a profile change may start anew: the current
 * sequence ended with `endedBecause` (profile-changed), or none was ever started because the profile
 * had no scenario (left to manual handling). Invoices whose sequence ended otherwise (paid, written
 * off, promise to pay, all steps done) are not among them, nor an invoice not yet given its first
 * sequence (one being recorded in the same transaction). The caller holds the customer's lock: a
 * payment locks its invoice's customer too (the trigger of migration 0023), so the amounts read here
 * include every payment committed before, and a payment committed after finds the new sequence.
 */
export async function invoicesAwaitingReminders(
  db: Queryable,
  customerId: string,
  endedBecause: string,
): Promise<Array<{ invoiceId: string; dueDate: string; lastSequenceNo: number }>> {
  const rows = await db.query<{ id: string; due_date: string; last_sequence_no: number | null }>(
    `SELECT i.id, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, s.sequence_no AS last_sequence_no
     FROM invoices i
     LEFT JOIN LATERAL (SELECT sequence_no, state, end_reason FROM dunning_sequences d WHERE d.invoice_id = i.id
                        ORDER BY sequence_no DESC LIMIT 1) s ON true
     WHERE i.customer_id = $1
       AND i.amount > coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)
       AND CASE WHEN s.sequence_no IS NULL THEN EXISTS (SELECT 1 FROM tasks t WHERE t.id = $3 || i.id)
                ELSE s.state = 'ended' AND s.end_reason = $2 END
     ORDER BY i.id`,
    // The manual-handling task's id is its invoice's id behind this prefix.
    [customerId, endedBecause, manualHandlingTaskId('')],
  );
  return rows.map((row) => ({ invoiceId: row.id, dueDate: row.due_date, lastSequenceNo: row.last_sequence_no ?? 0 }));
}

/** The profile the customer holds in each set (as stored: manual assignments and the rules' last decision). */
export async function heldProfiles(db: Queryable, customerId: string): Promise<Record<string, string>> {
  const rows = await db.query<{ set_id: string; profile_id: string }>(
    'SELECT set_id, profile_id FROM customer_profiles WHERE customer_id = $1',
    [customerId],
  );
  return Object.fromEntries(rows.map((row) => [row.set_id, row.profile_id]));
}

/** Records steps of a sequence as skipped, with why (steps due before a sequence started by a profile change). */
export async function recordSkippedSteps(
  db: Queryable,
  sequence: { invoiceId: string; sequenceNo: number },
  stepIds: string[],
  detail: string,
): Promise<void> {
  if (stepIds.length === 0) return;
  await db.query(
    `INSERT INTO dunning_step_runs (invoice_id, sequence_no, step_id, outcome, detail)
     SELECT $1, $2, step_id, 'skipped', $4 FROM unnest($3::text[]) AS step_id ON CONFLICT DO NOTHING`,
    [sequence.invoiceId, sequence.sequenceNo, stepIds, detail],
  );
}

/**
 * The id of what a step makes (its message in the outbox, its task): `{invoiceId}:{stepId}` for
 * an invoice's first sequence, `{invoiceId}~{n}:{stepId}` for its `n`th.
 */
export function stepEffectId(invoiceId: string, sequenceNo: number, stepId: string): string {
  return `${sequenceNo === 1 ? invoiceId : `${invoiceId}~${sequenceNo}`}:${stepId}`;
}

/**
 * Runs a step's action once: email and SMS are queued in the outbox, calls, formal notices and
 * letters become tasks, made under the sequence's scenario and profile. A step that already ran is
 * not run again: its recorded outcome is answered (a step recorded as skipped when its sequence
 * started stays skipped). `sequenceNo` is the invoice's sequence the step belongs to (1 unless given).
 */
export async function runStepAction(
  db: Queryable,
  run: {
    invoiceId: string;
    sequenceNo?: number;
    customerId: string;
    scenarioId: string;
    profileId: string;
    step: PinnedStep;
    skipBecause?: string;
  },
): Promise<'done' | 'skipped' | 'already-ran'> {
  const sequenceNo = run.sequenceNo ?? 1;
  const claimed = await db.query(
    `INSERT INTO dunning_step_runs (invoice_id, sequence_no, step_id, outcome, detail) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
    [run.invoiceId, sequenceNo, run.step.id, run.skipBecause ? 'skipped' : 'done', run.skipBecause ?? null],
  );
  if (claimed.length === 0) {
    const [earlier] = await db.query<{ outcome: string }>(
      'SELECT outcome FROM dunning_step_runs WHERE invoice_id = $1 AND sequence_no = $2 AND step_id = $3',
      [run.invoiceId, sequenceNo, run.step.id],
    );
    return earlier?.outcome === 'skipped' ? 'skipped' : 'already-ran';
  }
  if (run.skipBecause) return 'skipped';
  const id = stepEffectId(run.invoiceId, sequenceNo, run.step.id);
  if (run.step.action === 'email' || run.step.action === 'sms') {
    await db.query('INSERT INTO notification_outbox (id, customer_id, channel, template, invoice_id) VALUES ($1, $2, $3, $4, $5)', [
      id,
      run.customerId,
      run.step.action,
      run.step.template,
      run.invoiceId,
    ]);
  } else {
    const kind = run.step.action === 'call-task' ? 'call' : run.step.action;
    // The set comes from the sequence's row: the workflow's input (recorded in its history) names the profile only.
    const [sequence] = await db.query<{ profile_set_id: string | null }>(
      'SELECT profile_set_id FROM dunning_sequences WHERE invoice_id = $1 AND sequence_no = $2',
      [run.invoiceId, sequenceNo],
    );
    await createTask(db, {
      id,
      kind,
      customerId: run.customerId,
      invoiceId: run.invoiceId,
      scenarioId: run.scenarioId,
      profileSetId: sequence?.profile_set_id ?? null,
      profileId: run.profileId,
      template: run.step.template,
    });
  }
  return 'done';
}

/** A task for people, with the scenario (none: manual handling) and the profile in force when it is made. */
export interface NewTask {
  id: string;
  kind: string;
  customerId: string;
  invoiceId?: string;
  /** The scenario the task's sequence follows; null for an invoice left to manual handling. */
  scenarioId: string | null;
  /** The profile set whose profile the task records, and the customer's profile in it (null: none held). */
  profileSetId: string | null;
  profileId: string | null;
  template?: string;
}

/** Adds a task for people (idempotent by id). */
export async function createTask(db: Queryable, task: NewTask): Promise<void> {
  await db.query(
    `INSERT INTO tasks (id, kind, customer_id, invoice_id, scenario_id, profile_set_id, profile_id, template) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT DO NOTHING`,
    [
      task.id,
      task.kind,
      task.customerId,
      task.invoiceId ?? null,
      task.scenarioId,
      task.profileSetId,
      task.profileId,
      task.template ?? null,
    ],
  );
}

/**
 * Leaves an invoice to manual handling again: its manual-handling task (`manualHandlingTaskId`) is
 * made, or — closed since, cancelled when reminders started or done by a person — opened again,
 * now, under the profile held now. An open one stays as it was made.
 */
export async function openManualHandlingTask(db: Queryable, task: NewTask): Promise<void> {
  await db.query(
    `INSERT INTO tasks (id, kind, customer_id, invoice_id, scenario_id, profile_set_id, profile_id) VALUES ($1, 'manual-handling', $2, $3, NULL, $4, $5)
     ON CONFLICT (id) DO UPDATE SET status = 'open', closed_at = NULL, closed_by = NULL, close_reason = NULL, outcome = NULL, created_at = now(),
       customer_id = EXCLUDED.customer_id, profile_set_id = EXCLUDED.profile_set_id, profile_id = EXCLUDED.profile_id
     WHERE tasks.status <> 'open'`,
    [task.id, task.customerId, task.invoiceId ?? null, task.profileSetId, task.profileId],
  );
}

/**
 * What tasks and receivables are filtered by, with one meaning for both: a profile of a set, and a
 * scenario (null: none, the invoices left to manual handling).
 */
export interface DunningFilters {
  profile?: { setId: string; profileId: string };
  scenario?: string | null;
}

/** The states a task is listed by: open, done by a person, or cancelled by the system (it no longer applies). */
export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const taskColumns = `id, kind, customer_id, invoice_id, scenario_id, profile_set_id, profile_id, template, status, created_at,
  closed_at, closed_by, close_reason, outcome`;

/** A task row as the API shows it. */
function taskOf(row: Record<string, unknown>) {
  return {
    id: row.id as string,
    kind: row.kind as string,
    customerId: row.customer_id as string,
    invoiceId: row.invoice_id as string | null,
    scenarioId: row.scenario_id as string | null,
    profileSetId: row.profile_set_id as string | null,
    profileId: row.profile_id as string | null,
    template: row.template as string | null,
    status: row.status as TaskStatus,
    createdAt: new Date(row.created_at as Date).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at as Date).toISOString() : null,
    closedBy: row.closed_by as string | null,
    closeReason: row.close_reason as string | null,
    outcome: row.outcome as string | null,
  };
}
export type Task = ReturnType<typeof taskOf>;

/**
 * A page of tasks (open by default), oldest first, filtered by kind and status, and by the profile
 * and scenario recorded when each was made; `after` is the last task id of the previous page.
 */
export async function listTasks(
  db: Queryable,
  filters: DunningFilters & { kind?: string; status?: TaskStatus; customerId?: string },
  page: { limit: number; after?: string },
): Promise<Task[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${taskColumns} FROM tasks
     WHERE ($1::text IS NULL OR kind = $1) AND (NOT $2::boolean OR scenario_id IS NOT DISTINCT FROM $3::text)
       AND ($4::text IS NULL OR (profile_set_id = $4 AND profile_id = $5::text))
       AND status = coalesce($6::text, 'open')
       AND ($7::text IS NULL OR (created_at, id) > (SELECT created_at, id FROM tasks WHERE id = $7))
       AND ($9::text IS NULL OR customer_id = $9)
     ORDER BY created_at, id LIMIT $8`,
    [
      filters.kind ?? null,
      filters.scenario !== undefined,
      filters.scenario ?? null,
      filters.profile?.setId ?? null,
      filters.profile?.profileId ?? null,
      filters.status ?? null,
      page.after ?? null,
      page.limit,
      filters.customerId ?? null,
    ],
  );
  return rows.map(taskOf);
}

/** One task, or undefined. */
export async function getTask(db: Queryable, taskId: string): Promise<Task | undefined> {
  const [row] = await db.query<Record<string, unknown>>(`SELECT ${taskColumns} FROM tasks WHERE id = $1`, [taskId]);
  return row && taskOf(row);
}

/** Marks an open task done by a person, with what came of it; returns the task as it then stands (undefined: no such task). */
export async function completeTask(db: Queryable, taskId: string, done: { doneBy: string; outcome?: string }): Promise<Task | undefined> {
  await db.query(
    `UPDATE tasks SET status = 'done', closed_at = now(), closed_by = $2, close_reason = 'done', outcome = $3
     WHERE id = $1 AND status = 'open'`,
    [taskId, done.doneBy, done.outcome ?? null],
  );
  return getTask(db, taskId);
}

/** Cancels the invoice's open tasks once it owes nothing (checked here against its payments): they no longer apply. */
export async function cancelTasksOfPaidInvoice(db: Queryable, invoiceId: string): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = 'cancelled', closed_at = now(), closed_by = 'rulebook', close_reason = 'invoice-paid'
     WHERE invoice_id = $1 AND status = 'open'
       AND (SELECT i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) FROM invoices i WHERE i.id = $1) <= 0`,
    [invoiceId],
  );
}

/** Cancels the invoice's open manual-handling task: reminders started for it. */
export async function cancelManualHandlingTask(db: Queryable, invoiceId: string): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = 'cancelled', closed_at = now(), closed_by = 'rulebook', close_reason = 'reminders-started'
     WHERE id = $1 AND status = 'open'`,
    [manualHandlingTaskId(invoiceId)],
  );
}

/**
 * The invoice's current sequence (its latest) with what each step did, and the sequences before it
 * (oldest first), each with how it started and why it ended.
 */
export async function getSequence(db: Queryable, invoiceId: string) {
  const rows = await db.query<{
    sequence_no: number;
    workflow_id: string;
    customer_id: string;
    scenario_id: string;
    profile_set_id: string | null;
    profile_id: string;
    rule_set_version: string;
    steps: PinnedStep[];
    state: string;
    end_reason: string | null;
    started_on: string;
    started_at: Date;
    ended_at: Date | null;
    due_date: string;
  }>(
    `SELECT s.sequence_no, s.workflow_id, s.customer_id, s.scenario_id, s.profile_set_id, s.profile_id, s.rule_set_version, s.steps, s.state,
            s.end_reason, s.started_on, s.started_at, s.ended_at, to_char(i.due_date, 'YYYY-MM-DD') AS due_date
     FROM dunning_sequences s JOIN invoices i ON i.id = s.invoice_id WHERE s.invoice_id = $1 ORDER BY s.sequence_no`,
    [invoiceId],
  );
  const row = rows.at(-1);
  if (!row) return undefined;
  const runs = await db.query<{ step_id: string; outcome: string; detail: string | null; ran_at: Date }>(
    'SELECT step_id, outcome, detail, ran_at FROM dunning_step_runs WHERE invoice_id = $1 AND sequence_no = $2',
    [invoiceId, row.sequence_no],
  );
  const byStep = new Map(runs.map((run) => [run.step_id, run]));
  const time = (at: Date | null) => (at ? new Date(at).toISOString() : null);
  return {
    invoiceId,
    sequenceNo: row.sequence_no,
    workflowId: row.workflow_id,
    customerId: row.customer_id,
    scenarioId: row.scenario_id,
    profileSetId: row.profile_set_id,
    profileId: row.profile_id,
    ruleSetVersion: row.rule_set_version,
    state: row.state,
    endReason: row.end_reason,
    startedOn: row.started_on,
    startedAt: time(row.started_at),
    dueDate: row.due_date,
    steps: row.steps.map((step) => {
      const run = byStep.get(step.id);
      // The same moment the workflow waits for.
      return {
        ...step,
        at: step.at ?? utcStepMoment(row.due_date, step.offsetDays),
        outcome: run?.outcome ?? 'pending',
        ...(run?.detail && { detail: run.detail }),
        ...(run && { ranAt: new Date(run.ran_at).toISOString() }),
      };
    }),
    previousSequences: rows.slice(0, -1).map((past) => ({
      sequenceNo: past.sequence_no,
      workflowId: past.workflow_id,
      scenarioId: past.scenario_id,
      profileSetId: past.profile_set_id,
      profileId: past.profile_id,
      ruleSetVersion: past.rule_set_version,
      state: past.state,
      endReason: past.end_reason,
      startedOn: past.started_on,
      startedAt: time(past.started_at),
      endedAt: time(past.ended_at),
    })),
  };
}

/**
 * The scenario and state of the current sequence of the invoice `alias`: its latest; none once a
 * change to a profile without a scenario ended it (the invoice is then a manual-handling task,
 * scenario none, as on GET /v1/tasks).
 */
const currentSequenceOf = (alias: string) => `
         SELECT CASE WHEN d.state = 'ended' AND d.end_reason = 'profile-changed' THEN NULL ELSE d.scenario_id END AS scenario_id,
                CASE WHEN d.state = 'ended' AND d.end_reason = 'profile-changed' THEN NULL ELSE d.state END AS state
         FROM dunning_sequences d WHERE d.invoice_id = ${alias}.id ORDER BY d.sequence_no DESC LIMIT 1`;

/**
 * The unpaid invoices with what each still owes, the profile of `$1` their customer holds now and
 * their current scenario, kept to those matching the filters of $2–$5 (the same for receivables,
 * their totals, and the list of invoices, so that the rows add up to the totals).
 */
const unpaidInvoicesMatching = `WITH owed AS (
       SELECT i.id, i.customer_id, i.amount, i.currency, i.due_date,
              i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding
       FROM invoices i
     ),
     filtered AS (
       SELECT o.id, o.customer_id, o.amount, o.currency, o.due_date, o.outstanding, cp.profile_id, s.scenario_id, s.state
       FROM owed o
       LEFT JOIN customer_profiles cp ON cp.customer_id = o.customer_id AND cp.set_id = $1
       LEFT JOIN LATERAL (${currentSequenceOf('o')}) s ON true
       WHERE o.outstanding > 0
         AND ($2::text IS NULL OR EXISTS (
           SELECT 1 FROM customer_profiles f WHERE f.customer_id = o.customer_id AND f.set_id = $2 AND f.profile_id = $3::text))
         AND (NOT $4::boolean OR s.scenario_id IS NOT DISTINCT FROM $5::text)
     )`;

/** The parameters $2–$5 of unpaidInvoicesMatching. */
function filterParameters(filters: DunningFilters) {
  return [filters.profile?.setId ?? null, filters.profile?.profileId ?? null, filters.scenario !== undefined, filters.scenario ?? null];
}

/**
 * A page of unpaid invoices matching the filters (and of one customer, if given), by invoice id;
 * `after` is the last invoice id of the previous page. Each with what it still owes, the profile
 * its customer holds in `setId` now and its current scenario and sequence state (null: none).
 */
export async function listUnpaidInvoices(
  db: Queryable,
  setId: string,
  filters: DunningFilters & { customerId?: string },
  page: { limit: number; after?: string },
) {
  const rows = await db.query<InvoiceRow>(
    `${unpaidInvoicesMatching}
     SELECT id, customer_id, amount, currency, to_char(due_date, 'YYYY-MM-DD') AS due_date, outstanding, profile_id, scenario_id, state
     FROM filtered
     WHERE ($6::text IS NULL OR customer_id = $6) AND ($7::text IS NULL OR id > $7)
     ORDER BY id LIMIT $8`,
    [setId, ...filterParameters(filters), filters.customerId ?? null, page.after ?? null, page.limit],
  );
  return rows.map(invoiceSummaryOf);
}

/** An invoice row as the API shows it. */
interface InvoiceRow {
  id: string;
  customer_id: string;
  amount: string;
  currency: string;
  due_date: string;
  outstanding: string;
  profile_id: string | null;
  scenario_id: string | null;
  state: string | null;
}

function invoiceSummaryOf(row: InvoiceRow) {
  return {
    invoiceId: row.id,
    customerId: row.customer_id,
    amount: Number(row.amount),
    currency: row.currency,
    dueDate: row.due_date,
    outstanding: Number(row.outstanding),
    profileId: row.profile_id,
    scenarioId: row.scenario_id,
    sequenceState: row.state,
  };
}

/** One invoice, paid or not, as GET /v1/invoices lists it (the profile held now in `setId`); undefined when unknown. */
export async function getInvoiceSummary(db: Queryable, setId: string, invoiceId: string) {
  const [row] = await db.query<InvoiceRow>(
    `SELECT i.id, i.customer_id, i.amount, i.currency, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
            i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding,
            cp.profile_id, s.scenario_id, s.state
     FROM invoices i
     LEFT JOIN customer_profiles cp ON cp.customer_id = i.customer_id AND cp.set_id = $1
     LEFT JOIN LATERAL (${currentSequenceOf('i')}) s ON true
     WHERE i.id = $2`,
    [setId, invoiceId],
  );
  return row && invoiceSummaryOf(row);
}

/**
 * What the unpaid invoices owe in total, per profile of `setId` their customers hold now and per
 * scenario of their current sequence (null: none, left to manual handling, or ended by a profile
 * change that started none). The profile filter is on
 * the profile held now: what a customer owes follows them when their profile changes.
 */
export async function receivables(db: Queryable, setId: string, filters: DunningFilters = {}) {
  const rows = await db.query<{ grouped_by: 'profile' | 'scenario' | 'total'; key: string | null; invoices: number; outstanding: string }>(
    `${unpaidInvoicesMatching}
     SELECT CASE WHEN GROUPING(profile_id) = 0 THEN 'profile' WHEN GROUPING(scenario_id) = 0 THEN 'scenario' ELSE 'total' END AS grouped_by,
            CASE WHEN GROUPING(profile_id) = 0 THEN profile_id ELSE scenario_id END AS key,
            count(*)::int AS invoices, coalesce(sum(outstanding), 0) AS outstanding
     FROM filtered GROUP BY GROUPING SETS ((profile_id), (scenario_id), ())
     ORDER BY grouped_by, key`,
    [setId, ...filterParameters(filters)],
  );
  const amounts = (row: (typeof rows)[number]) => ({ invoices: row.invoices, outstanding: Number(row.outstanding) });
  const total = rows.find((row) => row.grouped_by === 'total');
  return {
    profileSetId: setId,
    total: total ? amounts(total) : { invoices: 0, outstanding: 0 },
    byProfile: rows.filter((row) => row.grouped_by === 'profile').map((row) => ({ profileId: row.key, ...amounts(row) })),
    byScenario: rows.filter((row) => row.grouped_by === 'scenario').map((row) => ({ scenarioId: row.key, ...amounts(row) })),
  };
}

/** A message template that reminders still to go out name: by steps of running sequences not yet run, and by unsent messages. */
export interface TemplateInUse {
  template: string;
  channel: 'email' | 'sms';
  /** Running (or paused) sequences with a step still to run that names it. */
  sequences: number;
  /** Messages queued and not yet sent that name it. */
  queued: number;
  /** A workflow id or message id that names it, to look at. */
  example: string;
}

/** The templates that steps still to run and unsent messages name, per channel. */
export async function templatesInUse(db: Queryable): Promise<TemplateInUse[]> {
  const rows = await db.query<{ template: string; channel: 'email' | 'sms'; sequences: string; queued: string; example: string }>(
    `WITH steps AS (
       SELECT step->>'template' AS template, step->>'action' AS channel, s.workflow_id
       FROM dunning_sequences s CROSS JOIN LATERAL jsonb_array_elements(s.steps) AS step
       WHERE s.state <> 'ended' AND step->>'action' IN ('email', 'sms')
         AND NOT EXISTS (SELECT 1 FROM dunning_step_runs r
                         WHERE r.invoice_id = s.invoice_id AND r.sequence_no = s.sequence_no AND r.step_id = step->>'id')
     ),
     unsent AS (SELECT template, channel, id FROM notification_outbox WHERE sent_at IS NULL AND dead_at IS NULL)
     SELECT template, channel, sum(sequences) AS sequences, sum(queued) AS queued, min(example) AS example FROM (
       SELECT template, channel, count(DISTINCT workflow_id) AS sequences, 0 AS queued, min(workflow_id) AS example FROM steps GROUP BY 1, 2
       UNION ALL
       SELECT template, channel, 0, count(*), min(id) FROM unsent GROUP BY 1, 2
     ) named GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows.map((row) => ({ ...row, sequences: Number(row.sequences), queued: Number(row.queued) }));
}
