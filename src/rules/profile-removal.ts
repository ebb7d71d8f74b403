/**
 * What a rule change does to the profiles it removes (issue 12): the profiles the database knows as
 * defined are compared with those of the new rule set, and each one gone is
 *
 * - moved, when its manual set has a tombstone for it (`removedProfiles: [{ id, replacedBy }]`);
 * - refused while customers hold it, when its manual set says nothing (the problem names the set,
 *   the profile, how many hold it and the reassign command);
 * - disconnected, in an automatic set (its holders are then recalculated with the new rules), and
 *   when a whole automatic set is gone (there is no profile left in it to hold);
 * - refused while customers hold it, when its whole set is gone and that set is not known to have
 *   been automatic: a manual set's assignments are people's decisions, never dropped silently.
 *
 * Pure: the caller counts the holders and applies the plan in one transaction.
 */
import type { RuleProblem } from './rule-problems';
import type { RuleSet } from './rule-set';

export interface DefinedProfile {
  setId: string;
  profileId: string;
}

export type ProfileRemoval = DefinedProfile &
  (
    | { action: 'move'; to: string }
    | { action: 'refuse-if-held'; setRemoved?: true }
    | { action: 'disconnect'; reason: 'automatic-set' | 'set-removed' }
  );

export interface ProfileChangePlan {
  removals: ProfileRemoval[];
  /** Profiles of the new rule set the database does not know yet. */
  added: DefinedProfile[];
}

/** A removal with who holds its profile (counted by the caller in the commit's transaction). */
export interface HeldRemoval {
  removal: ProfileRemoval;
  count: number;
  /** The first holders' ids, for the refusal's message. */
  sample: readonly string[];
}

/** Holders of a profile removed from a manual set, moved to the tombstone's `replacedBy`. */
export interface MovedHolders {
  setId: string;
  from: string;
  to: string;
  customers: number;
}

/** Holders of a profile removed from an automatic set (or of a removed set), who then hold none in the set. */
export interface DisconnectedHolders {
  setId: string;
  profileId: string;
  customers: number;
  reason: 'automatic-set' | 'set-removed';
}

/**
 * The removals and additions that take the profiles `defined` (as the database knows them) to those
 * of `next`. `automaticSetIds`: the sets known to have been automatic (the rules in use, what the
 * database recorded); a removed set not among them is taken as manual.
 */
export function planProfileChange(
  defined: readonly DefinedProfile[],
  next: RuleSet,
  automaticSetIds: ReadonlySet<string> = new Set(),
): ProfileChangePlan {
  const key = (profile: DefinedProfile) => `${profile.setId}/${profile.profileId}`;
  const nextProfiles = definedProfiles(next);
  const nextKeys = new Set(nextProfiles.map(key));
  const knownKeys = new Set(defined.map(key));
  const removals = [...defined]
    .filter((profile) => !nextKeys.has(key(profile)))
    .sort((a, b) => key(a).localeCompare(key(b)))
    .map((profile): ProfileRemoval => {
      const set = next.profileSets.find((candidate) => candidate.id === profile.setId);
      if (!set)
        return automaticSetIds.has(profile.setId)
          ? { ...profile, action: 'disconnect', reason: 'set-removed' }
          : { ...profile, action: 'refuse-if-held', setRemoved: true };
      if (set.assignment === 'automatic') return { ...profile, action: 'disconnect', reason: 'automatic-set' };
      const tombstone = set.removedProfiles?.find((candidate) => candidate.id === profile.profileId);
      return tombstone ? { ...profile, action: 'move', to: tombstone.replacedBy } : { ...profile, action: 'refuse-if-held' };
    });
  return { removals, added: nextProfiles.filter((profile) => !knownKeys.has(key(profile))) };
}

/** Every profile the rule set defines, set by set. */
export function definedProfiles(ruleSet: RuleSet): DefinedProfile[] {
  return ruleSet.profileSets.flatMap((set) => set.profiles.map((profile) => ({ setId: set.id, profileId: profile.id })));
}

/** The command that empties a profile while the rules in use still define it (the reassign route's CLI). */
export function reassignCommand(setId: string, profileId: string): string {
  return `npx rulebook profiles reassign --set ${setId} --from ${profileId} --to <profile> --apply`;
}

/**
 * One problem per profile removed from a manual set without a tombstone while customers hold it,
 * placed at the set's `profiles` in its file.
 */
export function refusedRemovals(next: RuleSet, held: readonly HeldRemoval[]): RuleProblem[] {
  return held
    .filter(({ removal, count }) => removal.action === 'refuse-if-held' && count > 0)
    .map(({ removal, count, sample }) => {
      const { setId, profileId } = removal;
      const set = next.profileSets.find((candidate) => candidate.id === setId);
      const examples = sample.length > 0 ? ` (${sample.slice(0, 5).join(', ')}${count > Math.min(sample.length, 5) ? ', …' : ''})` : '';
      if (removal.action === 'refuse-if-held' && removal.setRemoved) return removedSetProblem(setId, profileId, count, examples);
      const others = set ? set.profiles.map((profile) => profile.id).join(', ') : '';
      return {
        file: set?.source?.file ?? '',
        line: set?.source?.line ?? 1,
        column: 3,
        pointer: '/profileSet/profiles',
        message:
          `profile "${profileId}" is removed from manual set "${setId}", but ${count} customer${count === 1 ? ' holds' : 's hold'} it${examples}; ` +
          'the rule change is refused and the rules in use stay in place',
        fix:
          `Move them first with \`${reassignCommand(setId, profileId)}\` ` +
          `(POST /v1/profile-sets/${setId}/profiles/${profileId}/reassign) while the rules in use still define it, then reload; ` +
          `or say where they go in the set's file — removedProfiles: [{ id: ${profileId}, replacedBy: <profile> }], <profile> one of ${others} — ` +
          'and the reload moves them',
      };
    });
}

/**
 * What committing the plan would do to customers, from the holders counted now: who would move where
 * (tombstones) and who would be disconnected (automatic sets, removed sets). Refused removals and
 * profiles nobody holds do nothing; a commit reports the same from what it actually did.
 */
export function expectedChanges(held: readonly HeldRemoval[]): { moved: MovedHolders[]; disconnected: DisconnectedHolders[] } {
  const moved: MovedHolders[] = [];
  const disconnected: DisconnectedHolders[] = [];
  for (const { removal, count } of held) {
    if (count === 0) continue;
    if (removal.action === 'move') moved.push({ setId: removal.setId, from: removal.profileId, to: removal.to, customers: count });
    else if (removal.action === 'disconnect')
      disconnected.push({ setId: removal.setId, profileId: removal.profileId, customers: count, reason: removal.reason });
  }
  return { moved, disconnected };
}

/** The refusal of a rule change that drops a whole manual set (its file deleted, or its id renamed) while customers hold its profiles. */
function removedSetProblem(setId: string, profileId: string, count: number, examples: string): RuleProblem {
  return {
    file: 'profiles/',
    line: 1,
    column: 1,
    pointer: '',
    message:
      `manual profile set "${setId}" is gone from the rules (its file deleted or its id changed), but ${count} customer` +
      `${count === 1 ? ' holds' : 's hold'} its profile "${profileId}"${examples}; the rule change is refused and the rules in use stay in place`,
    fix:
      `Restore the set's file (or its id) and move its holders first with \`${reassignCommand(setId, profileId)}\`, ` +
      'or keep the set and mark its profiles removed with removedProfiles: [{ id, replacedBy }]; to rename the set, ' +
      'add the new set next to the old one, move the holders, then remove the old set',
  };
}
