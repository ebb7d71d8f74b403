/** The rule set in use: its version, reload, and explained evaluation for one customer's facts. */
import { checkRules, describeRules, explainDecision, previewRuleChange, reloadRules, ruleFilesOnDisk } from '../../use-cases/rules-in-use';
import type { ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { recalculationJob } from '../../use-cases/rule-change';
import { responseSchemas } from '../response-schemas';

/** GET /v1/rules, POST /v1/rules/reload, /check, /impact and /explain, GET /v1/rules/recalculations/{jobId}. */
export function ruleRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    {
      method: 'get',
      path: '/v1/rules',
      summary: 'The rule set in use',
      description:
        'Version (content hash) and load time of the rules in use, the version of the rule files on disk now (`onDisk`: whether they differ, ' +
        'i.e. a reload is pending or was refused), what the rules define, the outcome of the last reload attempt, and the recalculation jobs ' +
        'rule changes started (`rulebook status`).',
      tag: 'Rules',
      scope: 'rules:explain',
      query: [],
      responses: { 200: { description: 'The rule set in use.', schema: 'RulesStatus' } },
      handle: async (_req, res) => {
        res.json(await describeRules(deps.db, deps.rules));
      },
    },
    {
      method: 'get',
      path: '/v1/rules/files',
      summary: 'The rule files on disk',
      description:
        'Every rule file of the rules folder now, by its path in the folder (settings.yaml, profiles/account-type.yaml, …), and the ' +
        'version they make (`version`, as `onDisk.version` of GET /v1/rules). Edit some and send them all as the `candidate` of ' +
        'POST /v1/rules/impact to preview a change.',
      tag: 'Rules',
      scope: 'rules:explain',
      query: [],
      responses: {
        200: {
          description: 'The files by path.',
          schema: {
            type: 'object',
            required: ['version', 'files'],
            properties: {
              version: { type: ['string', 'null'], description: 'Content hash of the files; null when the folder is missing.' },
              files: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
      handle: (_req, res) => {
        res.json(ruleFilesOnDisk(deps.rules));
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
        'automatic set are disconnected and recalculated with the new rules by a durable job (`lastReload.applied.recalculation`, `recalculations`), ' +
        'which also recalculates every customer of an automatic set whose decisions the change changes (a profile activated, conditions changed…), ' +
        'unless the set says `recalculateOnRuleChange: false`.',
      tag: 'Rules',
      scope: 'rules:reload',
      query: [],
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
        'Progress of a job that recalculates customers with the new rules after a rule change: those it took a removed automatic profile from, ' +
        'and every customer of the automatic sets whose decisions it changed (`changed`), each profile change with its decision record ' +
        '(`rulebook recalculations <id> --follow`).',
      tag: 'Rules',
      scope: 'rules:explain',
      query: [],
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
        'Without `base`, the rules in use are the base. With `listCustomers`, each profile transition names its customers: after a reload ' +
        'of the candidate, the recalculation job moves exactly those (`rulebook diff --customers`).',
      tag: 'Rules',
      scope: 'rules:explain',
      query: [],
      requestBody: 'RuleImpactRequest',
      responses: {
        200: { description: 'Counts of changes.', schema: responseSchemas.ruleImpact },
        422: { description: 'The base or candidate rules are invalid; `problems` lists each.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('RuleImpactRequest', req.body);
        res.json(await previewRuleChange(deps.db, deps.rules.current, body));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/check',
      summary: 'Would a reload of these rules be refused?',
      description:
        'Send the rule files (as `rulebook validate --against URL` does); the answer says, without changing or locking anything, ' +
        'whether a reload of them would be refused — invalid files, or a profile removed from a manual set while customers hold it ' +
        'without a `removedProfiles` tombstone — with the problems a reload would give (file relative to the rules folder, line, column, ' +
        "message, fix with the reassign command), and what it would do to customers now: holders moved to the tombstone's replacement, " +
        'holders of removed automatic profiles disconnected and recalculated. The removals are planned against the profiles the database ' +
        'knows as defined, exactly as a reload plans them.',
      tag: 'Rules',
      scope: 'rules:reload',
      query: [],
      requestBody: 'RuleCheckRequest',
      responses: {
        200: { description: 'The check ran: `ok` false with `problems` when a reload would be refused.', schema: 'RuleCheck' },
        422: { description: 'A file path is outside the rules layout; `errors` lists each.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = deps.validator.validate('RuleCheckRequest', req.body);
        res.json(await checkRules(deps.db, body.rules, deps.rules.current));
      },
    },
    {
      method: 'post',
      path: '/v1/rules/explain',
      summary: 'Explain the decision for given facts',
      description:
        "Evaluates the rules in use for one customer's facts at `at` (default now) and returns the decision with its decision record.",
      tag: 'Rules',
      scope: 'rules:explain',
      query: [],
      requestBody: 'ExplainRequest',
      responses: { 200: { description: 'Decision and decision record.', schema: responseSchemas.explanation } },
      handle: async (req, res) => {
        const body = deps.validator.validate('ExplainRequest', req.body);
        res.json(await explainDecision(deps.rules.current, body.facts, body.at));
      },
    },
  ];
}
