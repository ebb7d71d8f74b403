/** The rule set in use: its version, reload, and explained evaluation for one customer's facts. */
import { ruleImpact, ruleSetFromFiles, type RuleFiles } from '../../processes/rule-impact';
import { explain } from '../../rules/explain';
import { RuleSetInvalidError } from '../../rules/rule-problems';
import type { ApiDeps } from '../api-deps';
import type { ApiRoute } from '../api-route';

/** GET /v1/rules, POST /v1/rules/reload, POST /v1/rules/explain. */
export function ruleRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/v1/rules',
      summary: 'The rule set in use',
      description: 'Version (content hash), load time, what it defines, and the outcome of the last reload attempt.',
      tag: 'Rules',
      auth: true,
      responses: { 200: { description: 'The rule set in use.', schema: 'RulesStatus' } },
      handle: (_req, res) => {
        const ruleSet = deps.rules.current;
        res.json({
          ...deps.rules.status(),
          profileSets: ruleSet.profileSets.map((set) => ({ id: set.id, assignment: set.assignment, profiles: set.profiles.map((profile) => profile.id) })),
          groups: ruleSet.groups.map((group) => ({ id: group.id, kind: group.kind })),
          scenarios: ruleSet.scenarios.map((scenario) => ({ id: scenario.id, profile: `${scenario.profile.setId}/${scenario.profile.profileId}` })),
        });
      },
    },
    {
      method: 'post',
      path: '/v1/rules/reload',
      summary: 'Reload the rules from disk',
      description: 'The service also reloads by itself when rule files change. An invalid rule set is refused with every problem (file:line:column) and the previous one stays in use.',
      tag: 'Rules',
      auth: true,
      responses: {
        200: { description: 'Reloaded (or unchanged).', schema: 'RulesStatus' },
        422: { description: 'The rules on disk are invalid; `problems` lists each; the previous rule set stays in use.', schema: 'Problem' },
      },
      handle: (_req, res) => {
        const outcome = deps.rules.reload();
        if (!outcome.ok) throw new RuleSetInvalidError(outcome.problems ?? []);
        res.json(deps.rules.status());
      },
    },
    {
      method: 'post',
      path: '/v1/rules/impact',
      summary: 'Impact preview of a rule change on the real customers',
      description:
        'Send the rule files of the base (what runs, e.g. main) and of the candidate (e.g. a pull request); the answer counts, ' +
        'on the customers in the database, who would change automatic profile or group membership, and which removed ' +
        'profiles customers still hold. `rulebook diff --against REF` sends the files of a git ref and of the working tree. ' +
        'Without `base`, the rules in use are the base.',
      tag: 'Rules',
      auth: true,
      requestBody: 'RuleImpactRequest',
      responses: {
        200: { description: 'Counts of changes.' },
        422: { description: 'The base or candidate rules are invalid; `problems` lists each.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate<{ base?: RuleFiles; candidate: RuleFiles }>('RuleImpactRequest', req.body);
        const base = body.base ? ruleSetFromFiles(body.base, 'base') : deps.rules.current;
        res.json(await ruleImpact(deps.db, base, ruleSetFromFiles(body.candidate, 'candidate')));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/explain',
      summary: 'Explain the decision for given facts',
      description: 'Evaluates the rules in use for one customer\'s facts at `at` (default now) and returns the decision with its decision record.',
      tag: 'Rules',
      auth: true,
      requestBody: 'ExplainRequest',
      responses: { 200: { description: 'Decision and decision record.' } },
      handle: async (req, res) => {
        const body = deps.validator.validate<{ facts: Record<string, unknown>; at?: string }>('ExplainRequest', req.body);
        res.json(await explain(deps.rules.current, body.facts, body.at ? new Date(body.at) : new Date()));
      },
    },
  ];
}
