/**
 * The profiles the rule set in force defines, as the database knows them (table rule_profiles,
 * migration 0026): a trigger refuses to give a customer any other. A start or reload commits its
 * rules here (src/use-cases/rule-change.ts) under one advisory lock, so two processes reloading at
 * once take turns; the recalculation jobs that follow the removal of automatic profiles live here too.
 */
import type { DecisionRulesBySet, SetChange } from '../rules/set-decision-rules';
import type { Queryable } from './database';

/** Arbitrary constant naming the rule-commit lock among the server's advisory locks (migrations use 4_271_133). */
const ruleCommitLockKey = 4_271_134;

/** SQLSTATE raised by the trigger when a customer would get a profile the rules in force do not define. */
export const undefinedProfileSqlState = 'RBP01';

export interface DefinedProfileRow {
  setId: string;
  profileId: string;
}

/**
 * Takes the rule-commit lock until the transaction ends and reads what the database knows: the
 * defined profiles and the version of the rules that wrote them (undefined before the first commit).
 */
export async function lockDefinedProfiles(tx: Queryable): Promise<KnownRules> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ruleCommitLockKey]);
  return readDefinedProfiles(tx);
}

/**
 * Makes the caller's transaction a read-only snapshot (its first statement): what it reads is one
 * moment's, and PostgreSQL refuses any write in it. For checking a rule change without committing it.
 */
export async function readOnlySnapshot(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/**
 * What the database knows of the rules committed last: their version, the profiles they define, and
 * what their automatic sets decided with (unknown before the first commit of a release that records it).
 */
export interface KnownRules {
  version?: string;
  profiles: DefinedProfileRow[];
  automaticSets?: DecisionRulesBySet;
}

/** What the database knows, without the rule-commit lock: the defined profiles and the version that wrote them. */
export async function readDefinedProfiles(tx: Queryable): Promise<KnownRules> {
  const [sync] = await tx.query<{ rule_set_version: string; automatic_sets: DecisionRulesBySet | null }>(
    'SELECT rule_set_version, automatic_sets FROM rule_sync',
  );
  const rows = await tx.query<{ set_id: string; profile_id: string }>(
    'SELECT set_id, profile_id FROM rule_profiles ORDER BY set_id, profile_id',
  );
  return {
    ...(sync && { version: sync.rule_set_version }),
    profiles: rows.map((row) => ({ setId: row.set_id, profileId: row.profile_id })),
    ...(sync?.automatic_sets && { automaticSets: sync.automatic_sets }),
  };
}

/** Records what the automatic sets of the rules just committed decide with (after writeDefinedProfiles wrote their version). */
export async function writeAutomaticSets(tx: Queryable, automaticSets: DecisionRulesBySet): Promise<void> {
  await tx.query('UPDATE rule_sync SET automatic_sets = $1', [JSON.stringify(automaticSets)]);
}

/** The version of the rules last committed, if any. */
export async function committedRuleVersion(db: Queryable): Promise<string | undefined> {
  const [sync] = await db.query<{ rule_set_version: string }>('SELECT rule_set_version FROM rule_sync');
  return sync?.rule_set_version;
}

/**
 * Locks the rows of profiles about to be removed: an assignment to one of them waits from here on
 * (its trigger asks for FOR KEY SHARE) and is refused once they are gone; one already made has committed.
 */
export async function lockProfilesForRemoval(tx: Queryable, profiles: readonly DefinedProfileRow[]): Promise<void> {
  if (profiles.length === 0) return;
  await tx.query(
    `SELECT 1 FROM rule_profiles r JOIN unnest($1::text[], $2::text[]) AS p (set_id, profile_id)
       ON r.set_id = p.set_id AND r.profile_id = p.profile_id
     ORDER BY r.set_id, r.profile_id FOR UPDATE OF r`,
    [profiles.map((profile) => profile.setId), profiles.map((profile) => profile.profileId)],
  );
}

/** Records the new rules' profiles: `added` in, `removed` out, and the version that wrote them (which switches the trigger on). */
export async function writeDefinedProfiles(
  tx: Queryable,
  change: { version: string; added: readonly DefinedProfileRow[]; removed: readonly DefinedProfileRow[] },
): Promise<void> {
  await tx.query(
    `INSERT INTO rule_sync (singleton, rule_set_version, synced_at) VALUES (true, $1, now())
     ON CONFLICT (singleton) DO UPDATE SET rule_set_version = excluded.rule_set_version, synced_at = now()`,
    [change.version],
  );
  if (change.added.length > 0) {
    await tx.query(`INSERT INTO rule_profiles (set_id, profile_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`, [
      change.added.map((profile) => profile.setId),
      change.added.map((profile) => profile.profileId),
    ]);
  }
  if (change.removed.length > 0) {
    await tx.query(
      `DELETE FROM rule_profiles r USING unnest($1::text[], $2::text[]) AS p (set_id, profile_id)
       WHERE r.set_id = p.set_id AND r.profile_id = p.profile_id`,
      [change.removed.map((profile) => profile.setId), change.removed.map((profile) => profile.profileId)],
    );
  }
}

/**
 * How many distinct customers hold one of `profiles` (a customer holding two counts once); with
 * `everyCustomer`, together with every customer not erased — whom a recalculation job takes (createRecalculationJob).
 */
export async function countHoldersOfAny(
  db: Queryable,
  profiles: readonly DefinedProfileRow[],
  options: { everyCustomer?: boolean } = {},
): Promise<number> {
  if (profiles.length === 0 && !options.everyCustomer) return 0;
  const [row] = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM (
       SELECT c.customer_id FROM customer_profiles c
         JOIN unnest($1::text[], $2::text[]) AS p (set_id, profile_id) ON c.set_id = p.set_id AND c.profile_id = p.profile_id
       UNION SELECT customer_id FROM customer_facts WHERE $3::boolean AND NOT erased
     ) AS recalculated`,
    [profiles.map((profile) => profile.setId), profiles.map((profile) => profile.profileId), options.everyCustomer ?? false],
  );
  return row!.count;
}

/** Every holder of `setId/profileId`, in id order. */
export async function holdersOf(tx: Queryable, setId: string, profileId: string): Promise<string[]> {
  const rows = await tx.query<{ customer_id: string }>(
    'SELECT customer_id FROM customer_profiles WHERE set_id = $1 AND profile_id = $2 ORDER BY customer_id',
    [setId, profileId],
  );
  return rows.map((row) => row.customer_id);
}

/** The profile the customer holds in the set now (read under the caller's lock), or null. */
export async function heldProfileOf(tx: Queryable, customerId: string, setId: string): Promise<string | null> {
  const [row] = await tx.query<{ profile_id: string }>(
    'SELECT profile_id FROM customer_profiles WHERE customer_id = $1 AND set_id = $2 FOR UPDATE',
    [customerId, setId],
  );
  return row?.profile_id ?? null;
}

/** The scenarios of the customer's running reminder sequences that follow `profileId` (read to end them once it is gone). */
export async function runningScenariosOfProfile(tx: Queryable, customerIds: readonly string[], profileId: string): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await tx.query<{ scenario_id: string }>(
    `SELECT DISTINCT scenario_id FROM dunning_sequences WHERE customer_id = ANY($1::text[]) AND profile_id = $2 AND state <> 'ended'`,
    [customerIds, profileId],
  );
  return rows.map((row) => row.scenario_id);
}

/**
 * Removes the profile from every holder in one statement, each on their timeline as a
 * profile change to none; the customers, in id order.
 */
export async function disconnectHolders(
  tx: Queryable,
  change: { setId: string; profileId: string; by: string; reason: string; ruleSetVersion: string; batch: string },
): Promise<string[]> {
  const rows = await tx.query<{ customer_id: string }>(
    `WITH gone AS (
       DELETE FROM customer_profiles WHERE set_id = $1 AND profile_id = $2 RETURNING customer_id
     ),
     timeline AS (
       INSERT INTO customer_timeline (customer_id, event_key, kind, detail)
       SELECT customer_id, 'profile-removed:' || $6 || ':' || customer_id, 'profile-changed',
              jsonb_build_object('setId', $1::text, 'from', $2::text, 'to', null, 'by', $3::text, 'reason', $4::text, 'ruleSetVersion', $5::text)
       FROM gone ORDER BY customer_id
     )
     SELECT customer_id FROM gone ORDER BY customer_id`,
    [change.setId, change.profileId, change.by, change.reason, change.ruleSetVersion, change.batch],
  );
  return rows.map((row) => row.customer_id);
}

export interface RecalculationJob {
  id: string;
  ruleSetVersion: string;
  removed: Array<{ setId: string; profileId: string; holders: number }>;
  /** Sets whose decisions the rule change changed: every customer not erased is recalculated in them. */
  changed: Array<{ setId: string; change: SetChange }>;
  total: number;
  done: number;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Records a recalculation job and the customers it is to recalculate: `customerIds`, and with
 * `changed` sets every customer not erased (customer_facts, as a rule impact counts them). How many;
 * a job without any customer (a database without customers yet) is not kept.
 */
export async function createRecalculationJob(
  tx: Queryable,
  job: {
    id: string;
    ruleSetVersion: string;
    removed: RecalculationJob['removed'];
    changed?: RecalculationJob['changed'];
    customerIds: readonly string[];
  },
): Promise<number> {
  const changed = job.changed ?? [];
  await tx.query(`INSERT INTO profile_recalculation_jobs (id, rule_set_version, removed, changed, total) VALUES ($1, $2, $3, $4, 0)`, [
    job.id,
    job.ruleSetVersion,
    JSON.stringify(job.removed),
    JSON.stringify(changed),
  ]);
  await tx.query(
    `INSERT INTO profile_recalculation_customers (job_id, customer_id)
     SELECT $1::text, id FROM unnest($2::text[]) AS id
     UNION SELECT $1::text, customer_id FROM customer_facts WHERE $3::boolean AND NOT erased
     ON CONFLICT DO NOTHING`,
    [job.id, job.customerIds, changed.length > 0],
  );
  const [row] = await tx.query<{ total: number }>(
    `UPDATE profile_recalculation_jobs SET total = (SELECT count(*) FROM profile_recalculation_customers WHERE job_id = $1)
     WHERE id = $1 RETURNING total`,
    [job.id],
  );
  if (row!.total === 0) await tx.query('DELETE FROM profile_recalculation_jobs WHERE id = $1', [job.id]);
  return row!.total;
}

type JobRow = {
  id: string;
  rule_set_version: string;
  removed: RecalculationJob['removed'];
  changed: RecalculationJob['changed'];
  total: number;
  done: number;
  created_at: Date;
  finished_at: Date | null;
};

const toJob = (row: JobRow): RecalculationJob => ({
  id: row.id,
  ruleSetVersion: row.rule_set_version,
  removed: row.removed,
  changed: row.changed,
  total: row.total,
  done: row.done,
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});

const jobColumns = 'id, rule_set_version, removed, changed, total, done, created_at, finished_at';

/** One recalculation job, or undefined. */
export async function getRecalculationJob(db: Queryable, id: string): Promise<RecalculationJob | undefined> {
  const [row] = await db.query<JobRow>(`SELECT ${jobColumns} FROM profile_recalculation_jobs WHERE id = $1`, [id]);
  return row && toJob(row);
}

/** The jobs still running and the latest finished ones, newest first. */
export async function recentRecalculationJobs(db: Queryable, finished = 5): Promise<RecalculationJob[]> {
  const rows = await db.query<JobRow>(
    `(SELECT ${jobColumns} FROM profile_recalculation_jobs WHERE finished_at IS NULL)
     UNION ALL
     (SELECT ${jobColumns} FROM profile_recalculation_jobs WHERE finished_at IS NOT NULL ORDER BY created_at DESC LIMIT $1)
     ORDER BY created_at DESC`,
    [finished],
  );
  return rows.map(toJob);
}

/** The next customers of the job not yet recalculated, in id order. */
export async function pendingRecalculations(db: Queryable, jobId: string, limit: number): Promise<string[]> {
  const rows = await db.query<{ customer_id: string }>(
    `SELECT customer_id FROM profile_recalculation_customers WHERE job_id = $1 AND recalculated_at IS NULL ORDER BY customer_id LIMIT $2`,
    [jobId, limit],
  );
  return rows.map((row) => row.customer_id);
}

/** Marks the customer recalculated (once) and counts it on the job. */
export async function markRecalculated(tx: Queryable, jobId: string, customerId: string): Promise<void> {
  await tx.query(
    `WITH marked AS (
       UPDATE profile_recalculation_customers SET recalculated_at = now()
       WHERE job_id = $1 AND customer_id = $2 AND recalculated_at IS NULL RETURNING 1
     )
     UPDATE profile_recalculation_jobs SET done = done + (SELECT count(*) FROM marked) WHERE id = $1`,
    [jobId, customerId],
  );
}

/** Marks customers recalculated (once each) and counts them on the job: those a batch found deciding as they hold. */
export async function markManyRecalculated(tx: Queryable, jobId: string, customerIds: readonly string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await tx.query(
    `WITH marked AS (
       UPDATE profile_recalculation_customers SET recalculated_at = now()
       WHERE job_id = $1 AND customer_id = ANY($2::text[]) AND recalculated_at IS NULL RETURNING 1
     )
     UPDATE profile_recalculation_jobs SET done = done + (SELECT count(*) FROM marked) WHERE id = $1`,
    [jobId, customerIds],
  );
}

/** Marks the job finished when no customer is left; whether it is. */
export async function finishRecalculationJob(db: Queryable, jobId: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE profile_recalculation_jobs SET finished_at = coalesce(finished_at, now())
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM profile_recalculation_customers WHERE job_id = $1 AND recalculated_at IS NULL)
     RETURNING 1`,
    [jobId],
  );
  return rows.length > 0;
}

/** The set and profile of a database error raised because a customer would get an undefined profile; undefined for any other error. */
export function undefinedProfileOf(error: unknown): DefinedProfileRow | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  if (code !== undefinedProfileSqlState || typeof detail !== 'string') return undefined;
  try {
    const parsed = JSON.parse(detail) as Partial<DefinedProfileRow>;
    return typeof parsed.setId === 'string' && typeof parsed.profileId === 'string'
      ? { setId: parsed.setId, profileId: parsed.profileId }
      : undefined;
  } catch {
    return undefined;
  }
}
