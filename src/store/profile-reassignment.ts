/** Moving every holder of a profile to another profile of the same set, e.g. before removing it. */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from './database';
import { appendTimeline } from './timeline-store';

/** Who holds `setId/profileId` now: the count and the first ids. */
export async function profileHolders(
  db: Queryable,
  setId: string,
  profileId: string,
  sample = 20,
): Promise<{ count: number; sample: string[] }> {
  const [row] = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM customer_profiles WHERE set_id = $1 AND profile_id = $2',
    [setId, profileId],
  );
  const ids = await db.query<{ customer_id: string }>(
    'SELECT customer_id FROM customer_profiles WHERE set_id = $1 AND profile_id = $2 ORDER BY customer_id LIMIT $3',
    [setId, profileId, sample],
  );
  return { count: row!.count, sample: ids.map((id) => id.customer_id) };
}

/** Moves every holder of `from` to `to` in one transaction, each move on the customer's timeline. */
export async function reassignProfile(
  db: Database,
  change: { setId: string; from: string; to: string; reassignedBy: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const moved = await tx.query<{ customer_id: string }>(
      `UPDATE customer_profiles SET profile_id = $3, assigned_by = $4, assigned_at = now(), decision_id = NULL
       WHERE set_id = $1 AND profile_id = $2 RETURNING customer_id`,
      [change.setId, change.from, change.to, change.reassignedBy],
    );
    const batch = randomUUID();
    for (const { customer_id: customerId } of moved) {
      await appendTimeline(tx, {
        customerId,
        eventKey: `reassign:${batch}:${customerId}`,
        kind: 'profile-changed',
        detail: {
          setId: change.setId,
          from: change.from,
          to: change.to,
          by: change.reassignedBy,
          reason: 'profile reassigned before removal',
        },
      });
    }
    return moved.length;
  });
}
