/** The rule set in use: its version, reload, and explained evaluation for one customer's facts. */
import { describeRules, explainDecision, previewRuleChange, reloadRules } from '../../use-cases/rules-in-use';
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
        res.json(describeRules(deps.rules));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/reload',
      summary: 'Reload the rules from disk',
      description:
        'The service also reloads by itself when rule files change. An invalid rule set is refused with every problem (file:line:column) and the previous one stays in use.',
      tag: 'Rules',
      auth: true,
      responses: {
        200: { description: 'Reloaded (or unchanged).', schema: 'RulesStatus' },
        422: {
          description: 'The rules on disk are invalid; `problems` lists each; the previous rule set stays in use.',
          schema: 'Problem',
        },
      },
      handle: (_req, res) => {
        res.json(reloadRules(deps.rules));
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
        const body = deps.validator.validate('RuleImpactRequest', req.body);
        res.json(await previewRuleChange(deps.db, deps.rules.current, body));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/explain',
      summary: 'Explain the decision for given facts',
      description:
        "Evaluates the rules in use for one customer's facts at `at` (default now) and returns the decision with its decision record.",
      tag: 'Rules',
      auth: true,
      requestBody: 'ExplainRequest',
      responses: { 200: { description: 'Decision and decision record.' } },
      handle: async (req, res) => {
        const body = deps.validator.validate('ExplainRequest', req.body);
        res.json(await explainDecision(deps.rules.current, body.facts, body.at));
      },
    },
  ];
}
