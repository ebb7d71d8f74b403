/** Looking up groups, profile sets and profiles of a rule set by id, with errors that list the ids there are. */
import { NotFoundError } from '../errors';
import type { CompiledGroup, CompiledProfileSet, RuleSet } from './rule-set';

/** The group `id`, or NotFoundError naming the groups. */
export function findGroup(ruleSet: RuleSet, id: string): CompiledGroup {
  const group = ruleSet.groups.find((candidate) => candidate.id === id);
  if (!group) throw new NotFoundError(`No group "${id}". Groups: ${ruleSet.groups.map((candidate) => candidate.id).join(', ')}.`);
  return group;
}

/** The profile set `setId`, checking that it has `profileId` when one is given; else NotFoundError naming what exists. */
export function findProfileSet(ruleSet: RuleSet, setId: string, profileId?: string): CompiledProfileSet {
  const set = ruleSet.profileSets.find((candidate) => candidate.id === setId);
  if (!set) throw new NotFoundError(`No profile set "${setId}". Sets: ${ruleSet.profileSets.map((candidate) => candidate.id).join(', ')}.`);
  if (profileId !== undefined && !set.profiles.some((profile) => profile.id === profileId)) {
    throw new NotFoundError(
      `Profile set "${setId}" has no profile "${profileId}" in the rules in use. Profiles: ${set.profiles.map((profile) => profile.id).join(', ')}.`,
    );
  }
  return set;
}
