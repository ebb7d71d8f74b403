/** The rule set in use: its version, reload, and explained evaluation for one customer's facts. */
import { describeRules, explainDecision, previewRuleChange, reloadRules } from '../../use-cases/rules-in-use';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { recalculationJob } from '../../use-cases/rule-change';

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
      handle: async (_req, res) => {
        res.json(await describeRules(deps.db, deps.rules));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/reload',
      summary: 'Reload the rules from disk',
      description:
        'The service also reloads by itself when rule files change. An invalid rule set is refused with every problem (file:line:column) and the previous one stays in use. ' +
        'So is a rule set that removes a profile of a manual set while customers hold it, unless the set names where they go ' +
        "(`removedProfiles: [{ id, replacedBy }]`): then they are moved in the reload's transaction. Holders of a profile removed from an " +
        'automatic set are disconnected and recalculated with the new rules by a durable job (`lastReload.applied.recalculation`, `recalculations`).',
      tag: 'Rules',
      auth: true,
      responses: {
        200: { description: 'Reloaded (or unchanged); `lastReload.applied` says what the change did to customers.', schema: 'RulesStatus' },
        422: {
          description:
            'The rules on disk are invalid, or remove a profile customers hold; `problems` lists each (with the reassign command); the previous rule set stays in use.',
          schema: 'Problem',
        },
      },
      handle: async (_req, res) => {
        res.json(await reloadRules(deps.db, deps.rules));
      },
    },
    {
      method: 'get',
      path: '/v1/rules/recalculations/{jobId}',
      summary: 'A profile recalculation job',
      description:
        'Progress of the job that recalculates, with the new rules, the customers a rule change took a removed automatic profile from.',
      tag: 'Rules',
      auth: true,
      responses: {
        200: { description: 'The job: total, done, finishedAt.', schema: 'ProfileRecalculation' },
        404: { description: 'No such job.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await recalculationJob(deps.db, pathParam(req, 'jobId')));
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
