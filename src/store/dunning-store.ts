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

/** Records a started sequence with its pinned steps; false when one exists already. */
export async function recordSequence(
  db: Queryable,
  sequence: { invoiceId: string; customerId: string; scenarioId: string; profileId: string; ruleSetVersion: string; steps: PinnedStep[] },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO dunning_sequences (invoice_id, customer_id, scenario_id, profile_id, rule_set_version, steps) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (invoice_id) DO NOTHING RETURNING 1`,
    [
      sequence.invoiceId,
      sequence.customerId,
      sequence.scenarioId,
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
 * letters become tasks. A step that already ran is not run again.
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
    await createTask(db, {
      id,
      kind,
      customerId: run.customerId,
      invoiceId: run.invoiceId,
      scenarioId: run.scenarioId,
      profileId: run.profileId,
      template: run.step.template,
    });
  }
  return 'done';
}

/** Adds a task for people (idempotent by id). */
export async function createTask(
  db: Queryable,
  task: { id: string; kind: string; customerId: string; invoiceId?: string; scenarioId?: string; profileId?: string; template?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO tasks (id, kind, customer_id, invoice_id, scenario_id, profile_id, template) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [task.id, task.kind, task.customerId, task.invoiceId ?? null, task.scenarioId ?? null, task.profileId ?? null, task.template ?? null],
  );
}

/** Open (or all) tasks, filtered by kind, scenario and profile. */
export async function listTasks(db: Queryable, filters: { kind?: string; scenario?: string; profile?: string; status?: string }) {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, kind, customer_id, invoice_id, scenario_id, profile_id, template, status, created_at FROM tasks
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR scenario_id = $2) AND ($3::text IS NULL OR profile_id = $3)
       AND status = coalesce($4::text, 'open')
     ORDER BY created_at, id LIMIT 500`,
    [filters.kind ?? null, filters.scenario ?? null, filters.profile ?? null, filters.status ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    scenarioId: row.scenario_id,
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
    profile_id: string;
    rule_set_version: string;
    steps: PinnedStep[];
    state: string;
    end_reason: string | null;
    due_date: string;
  }>(
    `SELECT s.invoice_id, s.customer_id, s.scenario_id, s.profile_id, s.rule_set_version, s.steps, s.state, s.end_reason, s.started_at, s.ended_at,
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
    profileId: row.profile_id,
    ruleSetVersion: row.rule_set_version,
    state: row.state,
    endReason: row.end_reason,
    dueDate: row.due_date,
    steps: row.steps.map((step) => {
      const run = byStep.get(step.id);
      // The same moment the workflow waits for: the due date at 00:00 UTC plus the offset.
      const at = new Date(Date.parse(`${row.due_date}T00:00:00Z`) + step.offsetDays * 86_400_000).toISOString();
      return {
        ...step,
        at,
        outcome: run?.outcome ?? 'pending',
        ...(run?.detail && { detail: run.detail }),
        ...(run && { ranAt: new Date(run.ran_at).toISOString() }),
      };
    }),
  };
}

/** Outstanding amounts per account-type profile and per scenario. */
export async function receivables(db: Queryable, setId: string) {
  const byProfile = await db.query<{ profile_id: string | null; invoices: number; outstanding: string }>(
    `SELECT cp.profile_id, count(*)::int AS invoices, sum(o.outstanding) AS outstanding
     FROM (SELECT i.id, i.customer_id, i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding FROM invoices i) o
     LEFT JOIN customer_profiles cp ON cp.customer_id = o.customer_id AND cp.set_id = $1
     WHERE o.outstanding > 0 GROUP BY cp.profile_id ORDER BY cp.profile_id`,
    [setId],
  );
  const byScenario = await db.query<{ scenario_id: string | null; invoices: number; outstanding: string }>(
    `SELECT s.scenario_id, count(*)::int AS invoices, sum(o.outstanding) AS outstanding
     FROM (SELECT i.id, i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS outstanding FROM invoices i) o
     LEFT JOIN dunning_sequences s ON s.invoice_id = o.id
     WHERE o.outstanding > 0 GROUP BY s.scenario_id ORDER BY s.scenario_id`,
  );
  return {
    byProfile: byProfile.map((row) => ({ profileId: row.profile_id, invoices: row.invoices, outstanding: Number(row.outstanding) })),
    byScenario: byScenario.map((row) => ({ scenarioId: row.scenario_id, invoices: row.invoices, outstanding: Number(row.outstanding) })),
  };
}
