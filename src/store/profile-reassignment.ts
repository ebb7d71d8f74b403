/** Who holds a profile, e.g. before it is removed (moving them: src/use-cases/reassign-profile.ts). */
import type { Queryable } from './database';

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
