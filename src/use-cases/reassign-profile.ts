/** Emptying a profile before it is removed from the rules: who holds it, and moving them all to another profile of the set. */
import { ConflictError } from '../errors';
import { findProfileSet } from '../rules/find-in-rule-set';
import type { RuleSet } from '../rules/rule-set';
import type { Database, Queryable } from '../store/database';
import { profileHolders } from '../store/profile-reassignment';
import { moveHoldersIn } from './manual-profile-change';

/** How many customers hold the profile, and the first of them; NotFoundError for an unknown set or profile. */
export async function profileHoldersOf(db: Queryable, ruleSet: RuleSet, setId: string, profileId: string) {
  findProfileSet(ruleSet, setId, profileId);
  return { setId, profileId, ...(await profileHolders(db, setId, profileId)) };
}

/**
 * Moves every holder of `from` to `to` in one transaction, each as a change by hand moves one (on
 * their timeline; the reminders of `from` end with profile-changed and those of `to` start for what
 * is still owed) — or, in a dry run (the default), only tells who would move.
 */
export async function reassignProfileHolders(
  db: Database,
  ruleSet: RuleSet,
  change: { setId: string; from: string; to: string; reassignedBy: string; dryRun?: boolean },
) {
  const { setId, from, to } = change;
  findProfileSet(ruleSet, setId, from);
  findProfileSet(ruleSet, setId, to);
  if (to === from) throw new ConflictError('The target profile is the profile being emptied; choose another target.');
  const dryRun = change.dryRun ?? true;
  const holders = await profileHolders(db, setId, from);
  const moved = dryRun
    ? 0
    : await db.transaction((tx) =>
        moveHoldersIn(tx, ruleSet, { setId, from, to, by: change.reassignedBy, reason: 'profile reassigned before removal' }),
      );
  return { setId, from, to, dryRun, ...holders, moved };
}
