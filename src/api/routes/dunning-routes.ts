/** Payment reminders (seed 001): an invoice's plan, pause, resume and stop, tasks, and receivables. */
import { pauseDunning, resumeDunning, stopDunning } from '../../use-cases/dunning-commands';
import {
  dunningPlan,
  dunningTasks,
  messageStatuses,
  outboxMessages,
  receivablesView,
  taskStatuses,
  invoiceView,
  unpaidInvoices,
} from '../../use-cases/dunning-views';
import { markTaskDone, taskView } from '../../use-cases/task-commands';
import type { TaskStatus } from '../../store/dunning-store';
import { ValidationError } from '../../errors';
import { pageParameters, pageQuery } from '../page-query';
import { customerIdParameter, customerIdQuery, dunningFilterParameters, dunningFilterQuery, single } from '../dunning-query';
import { outboxQuery } from '../outbox-query';
import { processDeps, type ApiDeps } from '../api-deps';
import { pathParam, type ApiRoute } from '../api-route';
import { responseSchemas } from '../response-schemas';
import { actorOf, withActor } from '../actor';

/** The answers of pause, resume and stop: the workflow answers the Update at once. */
const commandResponses = (changed: string) => ({
  200: {
    description: `The plan, ${changed} (\`state\`, \`endReason\`, each step), as GET /v1/invoices/{invoiceId}/dunning shows it.`,
    schema: responseSchemas.dunningPlan,
  },
  404: { description: 'No sequence.', schema: 'Problem' },
  409: { description: 'Refused: the sequence has ended (paid, all steps done, stopped); `detail` says why.', schema: 'Problem' },
});

/** GET /v1/invoices/{invoiceId}/dunning (+ pause, resume, stop), GET /v1/tasks (+ one, done), GET /v1/receivables. */
export function dunningRoutes(deps: ApiDeps): ApiRoute[] {
  const process = processDeps(deps);
  /** A route sending an Update to the invoice's sequence with `send` (the body is the pause's reason, if any). */
  const command = (name: 'pause' | 'resume', send: (invoiceId: string, body: unknown, by: string) => Promise<unknown>): ApiRoute => ({
    method: 'post',
    path: `/v1/invoices/{invoiceId}/dunning/${name}`,
    summary: name === 'pause' ? 'Pause the reminders (e.g. a dispute)' : 'Resume paused reminders',
    description:
      `Sends the Update \`${name}\` to the invoice's current sequence (workflow dunning-{invoiceId}, or dunning-{invoiceId}~{n} once a ` +
      'profile change started another), which answers at once with the plan or says why it refuses.',
    tag: 'Dunning',
    scope: 'customers:write',
    query: [],
    ...(name === 'pause' && { requestBody: 'DunningPause' as const, requestBodyOptional: true as const }),
    responses: commandResponses(name === 'pause' ? 'paused' : 'running'),
    handle: async (req, res) => {
      res.json(await send(pathParam(req, 'invoiceId'), req.body, actorOf(res, name === 'pause' ? 'pausedBy' : 'resumedBy', undefined)));
    },
  });
  return [
    {
      method: 'get',
      path: '/v1/invoices/{invoiceId}',
      summary: 'An invoice: what it still owes and who handles its reminders',
      description:
        'The invoice, paid or not, as GET /v1/invoices lists it: amount, due date, what it still owes, the profile its customer ' +
        'holds now, and the scenario and state of its current reminder sequence (`scenarioId` null: left to manual handling).',
      tag: 'Dunning',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'The invoice.', schema: responseSchemas.invoice },
        404: { description: 'No such invoice.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await invoiceView(deps.db, deps.rules.current, pathParam(req, 'invoiceId')));
      },
    },
    {
      method: 'get',
      path: '/v1/invoices/{invoiceId}/dunning',
      summary: "An invoice's reminder plan",
      description:
        "The invoice's current sequence (`sequenceNo`, `workflowId`, `startedOn`: invoice-created or profile-changed): the scenario, " +
        'the profile it follows (`profileSetId`, `profileId`) and the rule-set version pinned at its start, and each step with its ' +
        'offset, action and what it did (steps due before a profile change started the sequence are skipped); `previousSequences` ' +
        'lists the ones before it, oldest first, each with its `endReason`.',
      tag: 'Dunning',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'The plan.', schema: responseSchemas.dunningPlan },
        404: { description: 'No sequence.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await dunningPlan(deps.db, pathParam(req, 'invoiceId')));
      },
    },
    command('pause', (invoiceId, body, by) => pauseDunning(process, invoiceId, pauseReason(deps, body), by)),
    command('resume', (invoiceId, _body, by) => resumeDunning(process, invoiceId, by)),
    {
      method: 'post',
      path: '/v1/invoices/{invoiceId}/dunning/stop',
      summary: 'End the reminders for a reason of the scenario (written-off, promise-to-pay, …)',
      description:
        "Sends the Update `stop` to the invoice's current sequence, which answers once it has ended. The reason must be one " +
        'the scenario lists in `stopWhen` (other than paid, which payments decide).',
      tag: 'Dunning',
      scope: 'customers:write',
      query: [],
      requestBody: 'DunningStop',
      responses: {
        ...commandResponses('ended, with the reason as `endReason`'),
        422: { description: 'Not a stop reason of the scenario.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const invoiceId = pathParam(req, 'invoiceId');
        const { reason } = deps.validator.validate('DunningStop', req.body);
        res.json(await stopDunning(process, deps.rules.current, invoiceId, reason));
      },
    },
    {
      method: 'get',
      path: '/v1/tasks',
      summary: 'Tasks for people: calls, formal notices, letters, manual handling',
      description:
        'Each task records the scenario (none for manual handling) and the profile in force when it was made, and is listed under ' +
        'them even after the customer moves to another profile. Filters: `kind`, `status` (open by default; done: closed by a ' +
        'person; cancelled: closed by Rulebook because the invoice was paid in full, or reminders started for an invoice left to ' +
        'manual handling), `profile` and `scenario` with the values GET /v1/receivables takes, and `customerId`. Oldest first, paged with ' +
        '`limit` and `after` (the `next` of the previous page).',
      tag: 'Dunning',
      scope: 'customers:read',
      query: [
        { name: 'kind', description: '`call`, `formal-notice`, `letter` or `manual-handling`.' },
        { name: 'status', description: '`open` (the default), `done` or `cancelled`.', enum: taskStatuses },
        ...dunningFilterParameters,
        { ...customerIdParameter, description: "Only this customer's tasks." },
        ...pageParameters,
      ],
      responses: {
        200: { description: 'A page of tasks, oldest first; `next` when there may be more.', schema: responseSchemas.taskList },
        422: { description: 'A malformed or repeated filter, an unknown status, or a limit out of range.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const kind = single(query, 'kind');
        const status = taskStatus(single(query, 'status'));
        const customerId = customerIdQuery(query);
        const filters = {
          ...dunningFilterQuery(query),
          ...(kind && { kind }),
          ...(status && { status }),
          ...(customerId && { customerId }),
        };
        res.json(await dunningTasks(deps.db, deps.rules.current, filters, pageQuery(query)));
      },
    },
    {
      method: 'get',
      path: '/v1/tasks/{taskId}',
      summary: 'One task, open or closed',
      description: 'The task as GET /v1/tasks lists it, with who closed it, when, why and what came of it.',
      tag: 'Dunning',
      scope: 'customers:read',
      query: [],
      responses: {
        200: { description: 'The task.', schema: responseSchemas.task },
        404: { description: 'No such task.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await taskView(deps.db, pathParam(req, 'taskId')));
      },
    },
    {
      method: 'post',
      path: '/v1/tasks/{taskId}/done',
      summary: 'Mark a task done (the call made, the letter sent, the invoice handled by hand)',
      description:
        'Closes an open task as done by `doneBy`, with an optional `outcome` (what came of it). Marking a done task again answers ' +
        'it unchanged. A task Rulebook cancelled (the invoice was paid, reminders started) cannot be marked done: 409.',
      tag: 'Dunning',
      scope: 'customers:write',
      query: [],
      requestBody: 'TaskDone',
      responses: {
        200: { description: 'The task, done.', schema: responseSchemas.task },
        404: { description: 'No such task.', schema: 'Problem' },
        409: { description: 'The task was cancelled by Rulebook; `detail` says when and why.', schema: 'Problem' },
        422: { description: 'A body that is not a TaskDone.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const body = withActor(res, deps.validator.validate('TaskDone', req.body), 'doneBy');
        res.json(await markTaskDone(deps.db, pathParam(req, 'taskId'), body));
      },
    },
    {
      method: 'get',
      path: '/v1/notifications',
      summary: 'Reminder messages in the outbox: waiting, given up (dead) or sent',
      description:
        'Filters: `status` (pending by default, dead, sent), `channel` (email, sms), `limit` (1–1000, 100 by default); sent ' +
        'messages newest first, the others oldest first. A pending message shows its ' +
        'attempts, the last error and when it is tried next; a dead one was still unsent when the delivery horizon passed.',
      tag: 'Dunning',
      scope: 'operations:read',
      query: [
        { name: 'status', description: '`pending` (the default), `dead` or `sent`.', enum: messageStatuses },
        { name: 'channel', description: '`email` or `sms`.', enum: ['email', 'sms'] },
        { name: 'limit', type: 'integer', description: 'At most this many: 1–1000 (default 100).' },
      ],
      responses: {
        200: { description: 'The messages.', schema: responseSchemas.notifications },
        422: { description: 'An unknown status or channel.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const {
          status,
          filter: channel,
          limit,
        } = outboxQuery(req.query as Record<string, unknown>, messageStatuses, {
          name: 'channel',
          values: ['email', 'sms'],
        });
        res.json(await outboxMessages(deps.db, { status, ...(channel && { channel }), ...(limit && { limit }) }));
      },
    },
    {
      method: 'get',
      path: '/v1/receivables',
      summary: 'Outstanding amounts in total, per account-type profile and per scenario',
      description:
        "Unpaid invoices, filtered by `profile` (the customer's profile now) and `scenario` (the invoice's reminder sequence; " +
        '`none`: left to manual handling), with the same values as GET /v1/tasks.',
      tag: 'Dunning',
      scope: 'customers:read',
      query: dunningFilterParameters,
      responses: {
        200: { description: 'The total, and the amounts per profile of `profileSetId` and per scenario.', schema: 'Receivables' },
        422: { description: 'A malformed or repeated filter.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        res.json(await receivablesView(deps.db, deps.rules.current, dunningFilterQuery(req.query)));
      },
    },
    {
      method: 'get',
      path: '/v1/invoices',
      summary: 'Who owes what: the unpaid invoices, filtered as receivables are',
      description:
        'Each unpaid invoice with what it still owes, the profile its customer holds now and the scenario and state of its ' +
        'current reminder sequence. The rows of GET /v1/receivables with the same `profile` and `scenario`; `customerId` keeps one ' +
        "customer's. By invoice id, paged with `limit` and `after` (the `next` of the previous page).",
      tag: 'Dunning',
      scope: 'customers:read',
      query: [...dunningFilterParameters, customerIdParameter, ...pageParameters],
      responses: {
        200: { description: 'A page of unpaid invoices; `next` when there may be more.', schema: responseSchemas.unpaidInvoices },
        422: { description: 'A malformed or repeated filter, or a limit out of range.', schema: 'Problem' },
      },
      handle: async (req, res) => {
        const query = req.query as Record<string, unknown>;
        const customerId = customerIdQuery(query);
        const filters = { ...dunningFilterQuery(query), ...(customerId !== undefined && { customerId }) };
        res.json(await unpaidInvoices(deps.db, deps.rules.current, filters, pageQuery(query)));
      },
    },
  ];
}

/** The `status` filter of GET /v1/tasks, checked against the task states. */
function taskStatus(status: string | undefined): TaskStatus | undefined {
  if (status === undefined) return undefined;
  if (!(taskStatuses as readonly string[]).includes(status)) {
    throw new ValidationError(`Unknown task status "${status}"; use one of: ${taskStatuses.join(', ')}.`, [
      { pointer: '/status', message: `must be one of: ${taskStatuses.join(', ')}` },
    ]);
  }
  return status as TaskStatus;
}

/** The pause's reason as given, or "paused" without one; a body that is not a DunningPause is refused (422). */
function pauseReason(deps: ApiDeps, body: unknown): string {
  if (body === undefined) return 'paused';
  return deps.validator.validate('DunningPause', body).reason ?? 'paused';
}
