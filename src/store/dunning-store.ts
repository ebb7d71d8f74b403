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

/** Records a started sequence with its pinned steps and the profile (set and id) it follows; false when one exists already. */
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
  },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_set_id, profile_id, rule_set_version, steps)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (invoice_id) DO NOTHING RETURNING 1`,
    [
      sequence.invoiceId,
      sequence.customerId,
      sequence.scenarioId,
      sequence.profileSetId,
      sequence.profileId,
      sequence.ruleSetVersion,
      JSON.stringify(sequence.steps),
    ],
  );
  return rows.length > 0;
}

/** The sequence pinned for an invoice, if one was recorded. */
export async function getPinnedSequence(
  db: Queryable,
  invoiceId: string,
): Promise<{ scenarioId: string; profileId: string; ruleSetVersion: string; steps: PinnedStep[] } | undefined> {
  const [row] = await db.query<{ scenario_id: string; profile_id: string; rule_set_version: string; steps: PinnedStep[] }>(
    'SELECT scenario_id, profile_id, rule_set_version, steps FROM dunning_sequences WHERE invoice_id = $1',
    [invoiceId],
  );
  return row && { scenarioId: row.scenario_id, profileId: row.profile_id, ruleSetVersion: row.rule_set_version, steps: row.steps };
}

/** The id of the task that leaves an invoice without a scenario to manual handling. */
export const manualHandlingTaskId = (invoiceId: string) => `manual:${invoiceId}`;

/** Whether the invoice was left to manual handling (looked up by the task's key, not a scan). */
export async function isLeftToManualHandling(db: Queryable, invoiceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM tasks WHERE id = $1', [manualHandlingTaskId(invoiceId)]);
  return rows.length > 0;
}

/** The customer's sequences that have not ended, with the scenario and the profile each follows. */
export async function runningSequencesOf(
  db: Queryable,
  customerId: string,
): Promise<Array<{ invoiceId: string; scenarioId: string; profileId: string }>> {
  const rows = await db.query<{ invoice_id: string; scenario_id: string; profile_id: string }>(
    `SELECT invoice_id, scenario_id, profile_id FROM dunning_sequences WHERE customer_id = $1 AND state <> 'ended'`,
    [customerId],
  );
  return rows.map((row) => ({ invoiceId: row.invoice_id, scenarioId: row.scenario_id, profileId: row.profile_id }));
}

/** Marks a sequence paused, running again, or ended with a reason. */
export async function setSequenceState(
  db: Queryable,
  invoiceId: string,
  state: 'running' | 'paused' | 'ended',
  endReason?: string,
): Promise<void> {
  await db.query(
    `UPDATE dunning_sequences SET state = $2, end_reason = coalesce($3, end_reason), ended_at = CASE WHEN $2 = 'ended' THEN now() ELSE ended_at END
     WHERE invoice_id = $1`,
    [invoiceId, state, endReason ?? null],
  );
}

/**
 * Runs a step's action once: email and SMS are queued in the outbox, calls, formal notices and
 * letters become tasks, made under the sequence's scenario and profile. A step that already ran is
 * not run again.
 */
export async function runStepAction(
  db: Queryable,
  run: { invoiceId: string; customerId: string; scenarioId: string; profileId: string; step: PinnedStep; skipBecause?: string },
): Promise<'done' | 'skipped' | 'already-ran'> {
  const claimed = await db.query(
    `INSERT INTO dunning_step_runs (invoice_id, step_id, outcome, detail) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
    [run.invoiceId, run.step.id, run.skipBecause ? 'skipped' : 'done', run.skipBecause ?? null],
  );
  if (claimed.length === 0) return 'already-ran';
  if (run.skipBecause) return 'skipped';
  const id = `${run.invoiceId}:${run.step.id}`;
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
      'SELECT profile_set_id FROM dunning_sequences WHERE invoice_id = $1',
      [run.invoiceId],
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
 * What tasks and receivables are filtered by, with one meaning for both: a profile of a set, and a
 * scenario (null: none, the invoices left to manual handling).
 */
export interface DunningFilters {
  profile?: { setId: string; profileId: string };
  scenario?: string | null;
}

/** Open (or all) tasks, filtered by kind and status, and by the profile and scenario recorded when each was made. */
export async function listTasks(db: Queryable, filters: DunningFilters & { kind?: string; status?: string }) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, kind, customer_id, invoice_id, scenario_id, profile_set_id, profile_id, template, status, created_at FROM tasks
     WHERE ($1::text IS NULL OR kind = $1) AND (NOT $2::boolean OR scenario_id IS NOT DISTINCT FROM $3::text)
       AND ($4::text IS NULL OR (profile_set_id = $4 AND profile_id = $5::text))
       AND status = coalesce($6::text, 'open')
     ORDER BY created_at, id LIMIT 500`,
    [
      filters.kind ?? null,
      filters.scenario !== undefined,
      filters.scenario ?? null,
      filters.profile?.setId ?? null,
      filters.profile?.profileId ?? null,
      filters.status ?? null,
    ],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    scenarioId: row.scenario_id,
    profileSetId: row.profile_set_id,
    profileId: row.profile_id,
    template: row.template,
    status: row.status,
    createdAt: new Date(row.created_at as Date).toISOString(),
  }));
}

/** A sequence with what each step did. */
export async function getSequence(db: Queryable, invoiceId: string) {
  const [row] = await db.query<{
    customer_id: string;
    scenario_id: string;
    profile_set_id: string | null;
    profile_id: string;
    rule_set_version: string;
    steps: PinnedStep[];
    state: string;
    end_reason: string | null;
    due_date: string;
  }>(
    `SELECT s.invoice_id, s.customer_id, s.scenario_id, s.profile_set_id, s.profile_id, s.rule_set_version, s.steps, s.state, s.end_reason, s.started_at, s.ended_at,
            to_char(i.due_date, 'YYYY-MM-DD') AS due_date
     FROM dunning_sequences s JOIN invoices i ON i.id = s.invoice_id WHERE s.invoice_id = $1`,
    [invoiceId],
  );
  if (!row) return undefined;
  const runs = await db.query<{ step_id: string; outcome: string; detail: string | null; ran_at: Date }>(
    'SELECT step_id, outcome, detail, ran_at FROM dunning_step_runs WHERE invoice_id = $1',
    [invoiceId],
  );
  const byStep = new Map(runs.map((run) => [run.step_id, run]));
  return {
    invoiceId,
    customerId: row.customer_id,
    scenarioId: row.scenario_id,
    profileSetId: row.profile_set_id,
    profileId: row.profile_id,
    ruleSetVersion: row.rule_set_version,
    state: row.state,
    endReason: row.end_reason,
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
  };
}

/**
 * Outstanding amounts of the invoices matching `filters`, in total, per profile the customers hold
 * now in `setId` and per scenario of the invoice's sequence (null: none). The profile filter is on
 * the profile held now: what a customer owes follows them when their profile changes.
 */
export async function receivables(db: Queryable, setId: string, filters: DunningFilters = {}) {
  const rows = await db.query<{ grouped_by: 'profile' | 'scenario' | 'total'; key: string | null; invoices: number; outstanding: string }>(
    `WITH owed AS (
       SELECT i.id, i.customer_id, i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding
       FROM invoices i
     ),
     filtered AS (
       SELECT o.outstanding, cp.profile_id, s.scenario_id
       FROM owed o
       LEFT JOIN customer_profiles cp ON cp.customer_id = o.customer_id AND cp.set_id = $1
       LEFT JOIN dunning_sequences s ON s.invoice_id = o.id
       WHERE o.outstanding > 0
         AND ($2::text IS NULL OR EXISTS (
           SELECT 1 FROM customer_profiles f WHERE f.customer_id = o.customer_id AND f.set_id = $2 AND f.profile_id = $3::text))
         AND (NOT $4::boolean OR s.scenario_id IS NOT DISTINCT FROM $5::text)
     )
     SELECT CASE WHEN GROUPING(profile_id) = 0 THEN 'profile' WHEN GROUPING(scenario_id) = 0 THEN 'scenario' ELSE 'total' END AS grouped_by,
            CASE WHEN GROUPING(profile_id) = 0 THEN profile_id ELSE scenario_id END AS key,
            count(*)::int AS invoices, coalesce(sum(outstanding), 0) AS outstanding
     FROM filtered GROUP BY GROUPING SETS ((profile_id), (scenario_id), ())
     ORDER BY grouped_by, key`,
    [setId, filters.profile?.setId ?? null, filters.profile?.profileId ?? null, filters.scenario !== undefined, filters.scenario ?? null],
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
