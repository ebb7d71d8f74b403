/** The profile each customer holds per set, and the decision records behind automatic changes. */
import { randomUUID } from 'node:crypto';
import type { DecisionRecord } from '../rules/decision-record';
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
 * timeline with the decision behind it, or the reason given. Does nothing when the profile does not change.
 */
export async function setProfile(
  db: Queryable,
  change: { customerId: string; setId: string; profileId: string | null; assignedBy: string; decisionId?: string; reason?: string },
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
      ...(change.reason && { reason: change.reason }),
    },
  });
  return true;
}

/** A decision of the rules to keep: its record, and the profile it gives each set it decided (null = none). */
export interface RulesDecision {
  /** The record's id when the caller has already linked it (a return stores it with itself); a new one otherwise. */
  id?: string;
  customerId: string;
  trigger: string;
  record: DecisionRecord;
  profiles: Array<{ setId: string; profileId: string | null }>;
  /** Who the changes are by on the timeline and in customer_profiles, e.g. "rules:return-created". */
  assignedBy: string;
}

/**
 * Keeps a decision in one statement: stores its record, moves every set whose profile differs to
 * the decided one (removing it for null) and puts each change on the timeline with the record's
 * id — what one `setProfile` per set does, in one round trip with the record. The sets that
 * changed, in the order given.
 */
export async function saveDecision(
  db: Queryable,
  decision: RulesDecision,
): Promise<{ decisionRecordId: string; changed: Array<{ setId: string; to: string | null }> }> {
  const id = decision.id ?? randomUUID();
  // Held profiles are locked before they are compared, as setProfile does; the statement's parts
  // all see one snapshot, so each change is worked out once (`changes`) and written from there.
  // The timeline takes the changes in the order given (its ids order a customer's entries).
  const rows = await db.query<{ set_id: string; to_id: string | null }>(
    `WITH record AS (
       INSERT INTO decision_records (id, customer_id, rule_set_version, trigger, record) VALUES ($1, $2, $3, $4, $5)
     ),
     decided AS (
       SELECT set_id, profile_id, ord FROM unnest($6::text[], $7::text[]) WITH ORDINALITY AS d (set_id, profile_id, ord)
     ),
     held AS (
       SELECT set_id, profile_id FROM customer_profiles WHERE customer_id = $2 AND set_id = ANY ($6::text[]) FOR UPDATE
     ),
     changes AS (
       SELECT d.set_id, h.profile_id AS from_id, d.profile_id AS to_id, d.ord
       FROM decided d LEFT JOIN held h ON h.set_id = d.set_id
       WHERE h.profile_id IS DISTINCT FROM d.profile_id
     ),
     assigned AS (
       INSERT INTO customer_profiles (customer_id, set_id, profile_id, assigned_by, decision_id, assigned_at)
       SELECT $2, set_id, to_id, $8, $1, now() FROM changes WHERE to_id IS NOT NULL
       ON CONFLICT (customer_id, set_id) DO UPDATE
         SET profile_id = excluded.profile_id, assigned_by = excluded.assigned_by, decision_id = excluded.decision_id, assigned_at = now()
     ),
     removed AS (
       DELETE FROM customer_profiles p USING changes c WHERE p.customer_id = $2 AND p.set_id = c.set_id AND c.to_id IS NULL
     ),
     timeline AS (
       INSERT INTO customer_timeline (customer_id, event_key, kind, detail)
       SELECT $2, 'profile:' || gen_random_uuid(), 'profile-changed',
              jsonb_build_object('setId', set_id, 'from', from_id, 'to', to_id, 'by', $8::text, 'decisionId', $1::text)
       FROM changes ORDER BY ord
     )
     SELECT set_id, to_id FROM changes ORDER BY ord`,
    [
      id,
      decision.customerId,
      decision.record.ruleSetVersion,
      decision.trigger,
      JSON.stringify(decision.record),
      decision.profiles.map((entry) => entry.setId),
      decision.profiles.map((entry) => entry.profileId),
      decision.assignedBy,
    ],
  );
  return { decisionRecordId: id, changed: rows.map((row) => ({ setId: row.set_id, to: row.to_id })) };
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
