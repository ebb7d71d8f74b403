/**
 * JSON Schemas of the answers that have no schema file in schemas/api, for the OpenAPI document. They
 * follow what the use cases return (src/use-cases); fields are listed as required when always present.
 */
import type { InlineSchema } from './api-route';

const text = { type: 'string' };
const integer = { type: 'integer' };
const number = { type: 'number' };
const boolean = { type: 'boolean' };
const instant = { type: 'string', format: 'date-time' };
const day = { type: 'string', format: 'date' };
const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const list = (items: unknown) => ({ type: 'array', items });
const counts = { type: 'object', additionalProperties: { type: 'integer' } };
const ref = (title: string) => ({ $ref: `#/components/schemas/${title}` });

/** An object whose properties are all required but those named in `optional`. */
function object(properties: Record<string, unknown>, optional: readonly string[] = [], description?: string): InlineSchema {
  return {
    type: 'object',
    ...(description && { description }),
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

const next = { type: 'string', description: 'Present on a full page: pass it as `after` for the next page.' };
const profileChanges = list(object({ setId: text, to: nullable('string') }));
const eventOutcome = {
  decisionRecordId: { type: 'string', description: 'The decision record of the recalculation this event caused, if any.' },
  changed: { ...profileChanges, description: 'The profile sets whose profile changed, and to what.' },
  created: { type: 'boolean', description: 'False when an identical request had already recorded it.' },
};
const eventOptional = ['decisionRecordId', 'changed'];

const conditionTrace = { description: 'Each condition with the value it saw (a tree of all/any/not and leaves).' };
const decisionRecordBody = object(
  {
    ruleSetVersion: text,
    evaluatedAt: instant,
    today: day,
    timeZone: text,
    facts: { type: 'object', description: 'The facts the rules saw.' },
    profiles: list(
      object({
        setId: text,
        assignment: { enum: ['automatic', 'manual'] },
        profileId: nullable('string'),
        reason: text,
        candidates: list(
          object(
            {
              profileId: text,
              priority: integer,
              active: boolean,
              matched: { enum: [true, false, 'not-evaluated'] },
              conditions: conditionTrace,
            },
            ['conditions'],
          ),
        ),
      }),
    ),
    groups: list(
      object(
        {
          groupId: text,
          kind: { enum: ['conditional', 'static'] },
          matched: { enum: [true, false, 'not-evaluated'] },
          conditions: conditionTrace,
        },
        ['conditions'],
      ),
    ),
    scenario: object({ scenarioId: nullable('string'), reason: text }),
  },
  [],
  'Why the rules decided as they did.',
);

const importJob = object({
  id: text,
  target: { enum: ['customers', 'group-members'] },
  groupId: nullable('string'),
  mode: { enum: ['add', 'replace'] },
  filename: text,
  format: { enum: ['csv', 'xlsx'] },
  requestedBy: text,
  status: { enum: ['in-process', 'complete', 'partial', 'failed'] },
  totalRows: nullable('integer'),
  processedRows: integer,
  okRows: integer,
  errorRows: integer,
  failure: nullable('string'),
  createdAt: instant,
  finishedAt: nullable('string', { format: 'date-time' }),
  processingMs: nullable('integer'),
});

const credential = object({
  name: text,
  scopes: list(text),
  createdAt: instant,
  createdBy: text,
  revokedAt: nullable('string', { format: 'date-time' }),
  revokedBy: nullable('string'),
});
const auditEntry = object({
  id: integer,
  at: instant,
  actor: { type: 'string', description: 'The credential that made the request (`token-<n>` for a token of API_TOKENS).' },
  onBehalfOf: nullable('string', {
    description: "The person the credential acted for (On-Behalf-Of, or a delegate's deprecated body field).",
  }),
  method: text,
  route: { type: 'string', description: 'The route pattern, e.g. /v1/customers/{customerId}/erasure/cancel.' },
  ids: { type: 'object', additionalProperties: { type: 'string' }, description: 'The ids in the path, by parameter name.' },
  status: integer,
  outcome: { enum: ['done', 'refused', 'failed'] },
  requestId: nullable('string'),
});

const exportJob = object({
  id: text,
  format: { enum: ['csv', 'xlsx'] },
  filters: object({ group: text, active: boolean }, ['group', 'active']),
  requestedBy: text,
  status: { enum: ['in-process', 'complete', 'failed'] },
  totalRows: nullable('integer'),
  processedRows: integer,
  failure: nullable('string'),
  createdAt: instant,
  finishedAt: nullable('string', { format: 'date-time' }),
  processingMs: nullable('integer'),
  fileRemovedAt: nullable('string', { format: 'date-time' }),
  masked: { type: 'boolean', description: 'Email, phone and name masked in the file (started without customers:read-personal).' },
});

const sequence = {
  sequenceNo: integer,
  workflowId: text,
  scenarioId: text,
  profileSetId: nullable('string'),
  profileId: text,
  ruleSetVersion: text,
  state: { type: 'string', description: '`running`, `paused` or `ended`.' },
  endReason: nullable('string'),
  startedOn: { enum: ['invoice-created', 'profile-changed'] },
  startedAt: nullable('string', { format: 'date-time' }),
};

const dunningPlan = object({
  invoiceId: text,
  customerId: text,
  ...sequence,
  dueDate: day,
  steps: list(
    object(
      {
        id: text,
        offsetDays: integer,
        action: { enum: ['email', 'sms', 'call-task', 'formal-notice', 'letter'] },
        template: text,
        at: instant,
        outcome: text,
        ranAt: instant,
        detail: text,
        when: { description: 'The condition of the step, if any.' },
      },
      ['ranAt', 'detail', 'when'],
    ),
  ),
  previousSequences: list(object({ ...sequence, endedAt: nullable('string', { format: 'date-time' }) })),
});

const invoiceSummary = object({
  invoiceId: text,
  customerId: text,
  amount: { type: 'number' },
  currency: text,
  dueDate: day,
  outstanding: { type: 'number', description: 'What the invoice still owes: its amount less its payments.' },
  profileId: nullable('string', { description: "The profile the customer holds now in the receivables' profile set." }),
  scenarioId: nullable('string', { description: 'The scenario of its current reminder sequence; null: left to manual handling.' }),
  sequenceState: nullable('string', { description: 'running, paused or ended; null: no sequence.' }),
});

const outboxEntry = {
  queuedAt: nullable('string', { format: 'date-time' }),
  attempts: integer,
  lastError: nullable('string'),
  nextAttemptAt: nullable('string', { format: 'date-time' }),
  deadAt: nullable('string', { format: 'date-time' }),
};

/** The answers by name, as the routes declare them. */
export const responseSchemas = {
  health: object({ status: { const: 'alive' } }),
  customerPage: object({ customers: list(ref('Customer')), next }, ['next']),
  attributeChanges: object({
    customerId: text,
    changes: list(object({ attribute: text, oldValue: {}, newValue: {}, changedBy: text, changedAt: instant })),
  }),
  reencryption: object({ currentKeyId: text, customers: integer, attributeChanges: integer, unreadable: counts }),
  codPosition: object({
    customerId: text,
    enabled: object({ pos: boolean, storefront: boolean }),
    totalLimit: number,
    available: number,
    openHolds: list(object({ orderId: text, amount: number, heldAt: instant })),
  }),
  decisionRecord: object({ customerId: text, trigger: text, createdAt: instant, record: decisionRecordBody }),
  merge: object({
    merge: object({
      survivorId: text,
      duplicateId: text,
      mergedBy: text,
      moved: counts,
      attributesTakenOver: list(text),
      profilesRemoved: list(object({ setId: text, profileId: text })),
    }),
    customer: ref('Customer'),
  }),
  note: object({ id: text, text, author: text, createdAt: instant }),
  notes: object({ notes: list(object({ id: text, text, author: text, createdAt: instant })) }),
  returnRecorded: object(
    {
      returnId: text,
      customerId: text,
      created: boolean,
      customerCreated: boolean,
      profiles: { type: 'object', additionalProperties: nullable('string'), description: 'The profile of each set after the return.' },
      decisionRecordId: nullable('string'),
      changed: profileChanges,
      nextRecalculation: { ...instant, description: 'When the oldest counted return leaves the window.' },
    },
    ['nextRecalculation'],
  ),
  orderRecorded: object({ orderId: text, ...eventOutcome, codHoldWorkflowId: text, codHoldDueAt: instant }, [
    ...eventOptional,
    'codHoldWorkflowId',
    'codHoldDueAt',
  ]),
  orderEventRecorded: object({ orderId: text, eventId: text, codReleased: boolean, ...eventOutcome }, eventOptional),
  invoiceRecorded: object(
    {
      invoiceId: text,
      dunning: object({ scenarioId: nullable('string'), workflowId: text, manualHandling: boolean }, ['workflowId', 'manualHandling']),
      ...eventOutcome,
    },
    eventOptional,
  ),
  paymentRecorded: object({ invoiceId: text, paymentId: text, ...eventOutcome }, eventOptional),
  groups: object({
    groups: list(
      object({
        id: text,
        name: text,
        description: text,
        kind: { enum: ['conditional', 'static'] },
        conditions: { description: 'The condition as the rule file writes it (all/any/not and leaves); null for a static group.' },
      }),
    ),
  }),
  groupCount: object({ groupId: text, count: integer, at: instant }),
  groupMembers: object({ groupId: text, customerIds: list(text), next }, ['next']),
  profileHolders: object({ setId: text, profileId: text, count: integer, sample: list(text) }),
  profileReassignment: object({ setId: text, from: text, to: text, dryRun: boolean, count: integer, sample: list(text), moved: integer }),
  importJob,
  importHistory: object({ imports: list(importJob), next }, ['next']),
  importErrorList: object({ importId: text, header: list(text), rows: list(object({ row: integer, cells: list(text), error: text })) }),
  exportJob,
  erasurePreview: object({
    customerId: text,
    fields: list(text),
    related: counts,
    erasureState: { enum: ['none', 'pending', 'erased'] },
  }),
  dunningPlan,
  credential,
  credentialWithToken: object({
    ...(credential.properties as Record<string, unknown>),
    token: { type: 'string', description: 'Shown this once.' },
  }),
  credentialList: object({ credentials: list(credential) }),
  auditTrail: object({ entries: list(auditEntry), next }, ['next']),
  task: ref('Task'),
  taskList: object({ tasks: list(ref('Task')), next }, ['next'], 'Tasks for people (GET /v1/tasks), oldest first.'),
  invoice: invoiceSummary,
  unpaidInvoices: object(
    {
      invoices: list(invoiceSummary),
      next,
    },
    ['next'],
    'Unpaid invoices (GET /v1/invoices), by invoice id.',
  ),
  notifications: object({
    notifications: list(
      object({
        id: text,
        customerId: text,
        channel: text,
        template: text,
        invoiceId: nullable('string'),
        status: { enum: ['pending', 'dead', 'sent'] },
        ...outboxEntry,
        sentAt: nullable('string', { format: 'date-time' }),
      }),
    ),
  }),
  workflowIntents: object({
    intents: list(
      object({
        id: text,
        workflowId: text,
        workflowType: text,
        action: text,
        signal: nullable('string'),
        status: { enum: ['pending', 'delivered', 'dead'] },
        ...outboxEntry,
        deliveredAt: nullable('string', { format: 'date-time' }),
      }),
    ),
  }),
  explanation: object({
    decision: object({
      profiles: { type: 'object', additionalProperties: nullable('string') },
      groups: list(text),
      scenario: nullable('string'),
    }),
    record: decisionRecordBody,
  }),
  ruleImpact: object({
    customers: integer,
    baseVersion: text,
    candidateVersion: text,
    profiles: list(
      object({ setId: text, from: nullable('string'), to: nullable('string'), customers: integer, customerIds: list(text) }, [
        'customerIds',
      ]),
    ),
    groups: list(object({ groupId: text, joined: integer, left: integer })),
    removedProfilesHeld: list(object({ setId: text, profileId: text, customers: integer })),
  }),
  codecPayloads: ref('CodecPayloads'),
} satisfies Record<string, InlineSchema>;
