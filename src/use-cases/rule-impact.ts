/**
 * Impact preview of a rule change: on the real customers, how many would change profile or group
 * membership if the candidate rules replaced the base rules — before anyone merges.
 */
import { ValidationError } from '../errors';
import { evaluate, evaluationTime } from '../rules/evaluate';
import { loadRuleSetFromFiles } from '../rules/load-rules';
import type { RuleSet } from '../rules/rule-set';
import { loadCustomerFacts } from '../store/customer-facts-store';
import type { Queryable } from '../store/database';
import { profileHolders } from '../store/profile-reassignment';

/** Rule files by path relative to the rules folder, e.g. "groups/seed-examples.yaml". */
export type RuleFiles = Record<string, string>;

export interface RuleImpact {
  customers: number;
  baseVersion: string;
  candidateVersion: string;
  /** Automatic profile changes, per set and transition; with `customerIds` (in id order) when asked for. */
  profiles: Array<{ setId: string; from: string | null; to: string | null; customers: number; customerIds?: string[] }>;
  /** Group membership changes. */
  groups: Array<{ groupId: string; joined: number; left: number }>;
  /** Profiles that the candidate removes but customers still hold (they need a target first). */
  removedProfilesHeld: Array<{ setId: string; profileId: string; customers: number }>;
}

const allowedPath = /^(settings\.yaml|attributes\.yaml|(profiles|groups|dunning|templates|tests)\/[A-Za-z0-9._-]+\.ya?ml)$/;

/**
 * Compiles a rule set from files sent over the wire (rule-layout paths only). Problems name each
 * file as `label/path`, e.g. candidate/groups/vip.yaml, unless `name` says otherwise.
 */
export function ruleSetFromFiles(files: RuleFiles, label: string, name = (file: string) => `${label}/${file}`): RuleSet {
  const bad = Object.keys(files).filter((file) => !allowedPath.test(file));
  if (bad.length > 0) {
    throw new ValidationError(
      `The ${label} rules name files outside the rules layout: ${bad.join(', ')}.`,
      bad.map((file) => ({
        pointer: `/${label}/${file}`,
        message: 'is not a rule file path (settings.yaml, attributes.yaml, profiles/…, groups/…, dunning/…, templates/…)',
      })),
    );
  }
  const sources = Object.entries(files).map(([file, text]) => ({ path: file, content: text }));
  return loadRuleSetFromFiles(sources, { name });
}

/**
 * Evaluates every customer under both rule sets and counts what would change; with `listCustomers`,
 * each profile transition also names its customers (what a recalculation after the change would move).
 */
export async function ruleImpact(
  db: Queryable,
  base: RuleSet,
  candidate: RuleSet,
  now = new Date(),
  options: { listCustomers?: boolean } = {},
): Promise<RuleImpact> {
  const baseFacts = await loadCustomerFacts(db, base, now);
  const sameFactBasis = JSON.stringify(base.settings) === JSON.stringify(candidate.settings) && sameCatalog(base, candidate);
  const candidateFacts = sameFactBasis ? baseFacts : await loadCustomerFacts(db, candidate, now);
  const transitions = new Map<string, number>();
  const transitionCustomers = new Map<string, string[]>();
  const joined = new Map<string, number>();
  const left = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  // Each rule set at its own settings (time zone, week); one evaluation time each for every customer.
  const baseAt = evaluationTime(base, now);
  const candidateAt = evaluationTime(candidate, now);
  for (const [customerId, facts] of baseFacts) {
    const before = evaluate(base, facts, baseAt);
    const after = evaluate(candidate, candidateFacts.get(customerId) ?? {}, candidateAt);
    for (const set of candidate.profileSets) {
      if (set.assignment !== 'automatic') continue;
      const from = before.profiles[set.id] ?? null;
      const to = after.profiles[set.id] ?? null;
      if (from === to) continue;
      const key = JSON.stringify([set.id, from, to]);
      bump(transitions, key);
      if (options.listCustomers) {
        const listed = transitionCustomers.get(key);
        if (listed) listed.push(customerId);
        else transitionCustomers.set(key, [customerId]);
      }
    }
    for (const id of after.groups) if (!before.groups.includes(id)) bump(joined, id);
    for (const id of before.groups) if (!after.groups.includes(id)) bump(left, id);
  }
  const groupIds = [...new Set([...joined.keys(), ...left.keys()])].sort();
  return {
    customers: baseFacts.size,
    baseVersion: base.version,
    candidateVersion: candidate.version,
    profiles: [...transitions].map(([key, customers]) => {
      const [setId, from, to] = JSON.parse(key) as [string, string | null, string | null];
      // Facts come in customer id order, so each list is too.
      return { setId, from, to, customers, ...(options.listCustomers && { customerIds: transitionCustomers.get(key) ?? [] }) };
    }),
    groups: groupIds.map((groupId) => ({ groupId, joined: joined.get(groupId) ?? 0, left: left.get(groupId) ?? 0 })),
    removedProfilesHeld: await removedProfilesHeld(db, base, candidate),
  };
}

function sameCatalog(base: RuleSet, candidate: RuleSet): boolean {
  return JSON.stringify([...base.attributes]) === JSON.stringify([...candidate.attributes]);
}

async function removedProfilesHeld(db: Queryable, base: RuleSet, candidate: RuleSet) {
  const held: RuleImpact['removedProfilesHeld'] = [];
  for (const set of base.profileSets) {
    const kept = new Set(
      candidate.profileSets.find((candidateSet) => candidateSet.id === set.id)?.profiles.map((profile) => profile.id) ?? [],
    );
    for (const profile of set.profiles) {
      if (kept.has(profile.id)) continue;
      const { count } = await profileHolders(db, set.id, profile.id, 0);
      if (count > 0) held.push({ setId: set.id, profileId: profile.id, customers: count });
    }
  }
  return held;
}
