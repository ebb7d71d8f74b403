/**
 * The profile set that payment reminders are viewed by (seed 001: the account type — key account,
 * export, standard, to assign): tasks left to manual handling record the customer's profile in it,
 * receivables are grouped by it, and a `profile` filter without a set means a profile of it.
 */
import type { RuleSet } from '../rules/rule-set';
import type { DunningFilters } from '../store/dunning-store';

/** The set the scenarios follow (the first scenario's), else the first manual set, else account-type. */
export function dunningProfileSetId(ruleSet: RuleSet): string {
  return ruleSet.scenarios[0]?.profile.setId ?? ruleSet.profileSets.find((set) => set.assignment === 'manual')?.id ?? 'account-type';
}

/** The `profile` and `scenario` filters as the API reads them: a profile with or without its set, a scenario id or "none". */
export interface DunningFilterQuery {
  profile?: { setId?: string; profileId: string };
  scenario?: string;
}

/** The word that selects what has no scenario (the invoices left to manual handling) in a `scenario` filter. */
export const noScenario = 'none';

/**
 * The filters with their meaning in `ruleSet`: a profile named without its set is a profile of the
 * reminders' set, and "none" is no scenario. Ids are not checked against the rules, so that tasks
 * made under a profile or scenario since removed stay findable.
 */
export function resolveDunningFilters(ruleSet: RuleSet, query: DunningFilterQuery): DunningFilters {
  return {
    ...(query.profile && { profile: { setId: query.profile.setId ?? dunningProfileSetId(ruleSet), profileId: query.profile.profileId } }),
    ...(query.scenario !== undefined && { scenario: query.scenario === noScenario ? null : query.scenario }),
  };
}
