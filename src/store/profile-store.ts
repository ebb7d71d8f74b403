/** The profile each customer holds per set, and the decision records behind automatic changes. */
import { randomUUID } from 'node:crypto';
import type { DecisionRecord } from '../rules/explain';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from './database';
import { appendTimeline } from './timeline-store';

export interface HeldProfile {
  profileId: string;
  assignedAt: string;
  assignedBy: string;
  decisionId: string | null;
}

/** The customer's profiles by set id. */
export async function getCustomerProfiles(db: Queryable, customerId: string): Promise<Record<string, HeldProfile>> {
  const rows = await db.query<{ set_id: string; profile_id: string; assigned_at: Date; assigned_by: string; decision_id: string | null }>(
    'SELECT set_id, profile_id, assigned_at, assigned_by, decision_id FROM customer_profiles WHERE customer_id = $1 ORDER BY set_id',
    [customerId],
  );
  return Object.fromEntries(
    rows.map((row) => [
      row.set_id,
      {
        profileId: row.profile_id,
        assignedAt: new Date(row.assigned_at).toISOString(),
        assignedBy: row.assigned_by,
        decisionId: row.decision_id,
      },
    ]),
  );
}

/** Gives a new customer the default profile of every manual set that has one. */
export async function assignDefaultProfiles(db: Queryable, ruleSet: RuleSet, customerId: string): Promise<void> {
  for (const set of ruleSet.profileSets) {
    if (set.assignment !== 'manual' || !set.defaultProfile) continue;
    await db.query(
      `INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by) VALUES ($1, $2, $3, 'default') ON CONFLICT DO NOTHING`,
      [customerId, set.id, set.defaultProfile],
    );
  }
}

/**
 * Sets (or with null, removes) the customer's profile in a set and records the change on the
 * timeline with the decision behind it. Does nothing when the profile does not change.
 */
export async function setProfile(
  db: Queryable,
  change: { customerId: string; setId: string; profileId: string | null; assignedBy: string; decisionId?: string },
): Promise<boolean> {
  const [current] = await db.query<{ profile_id: string }>(
    'SELECT profile_id FROM customer_profiles WHERE customer_id = $1 AND set_id = $2 FOR UPDATE',
    [change.customerId, change.setId],
  );
  const from = current?.profile_id ?? null;
  if (from === change.profileId) return false;
  if (change.profileId === null) {
    await db.query('DELETE FROM customer_profiles WHERE customer_id = $1 AND set_id = $2', [change.customerId, change.setId]);
  } else {
    await db.query(
      `INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by, decision_id, assigned_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (customer_id, set_id) DO UPDATE SET profile_id = $3, assigned_by = $4, decision_id = $5, assigned_at = now()`,
      [change.customerId, change.setId, change.profileId, change.assignedBy, change.decisionId ?? null],
    );
  }
  await appendTimeline(db, {
    customerId: change.customerId,
    eventKey: `profile:${randomUUID()}`,
    kind: 'profile-changed',
    detail: {
      setId: change.setId,
      from,
      to: change.profileId,
      by: change.assignedBy,
      ...(change.decisionId && { decisionId: change.decisionId }),
    },
  });
  return true;
}

/** Stores a decision record and returns its id. */
export async function saveDecisionRecord(db: Queryable, customerId: string, trigger: string, record: DecisionRecord): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO decision_records (id, customer_id, rule_set_version, trigger, record) VALUES ($1, $2, $3, $4, $5)', [
    id,
    customerId,
    record.ruleSetVersion,
    trigger,
    JSON.stringify(record),
  ]);
  return id;
}

/** A stored decision record, or undefined. */
export async function getDecisionRecord(
  db: Queryable,
  id: string,
): Promise<{ customerId: string; trigger: string; createdAt: string; record: DecisionRecord } | undefined> {
  const [row] = await db.query<{ customer_id: string; trigger: string; created_at: Date; record: DecisionRecord }>(
    'SELECT customer_id, trigger, created_at, record FROM decision_records WHERE id = $1',
    [id],
  );
  return (
    row && { customerId: row.customer_id, trigger: row.trigger, createdAt: new Date(row.created_at).toISOString(), record: row.record }
  );
}
