/**
 * Types of the API's JSON documents, generated from schemas/api/*.json by `npm run api:types`
 * (scripts/generate-api-types.ts). Do not edit: change the schema and generate again.
 */

/**
 * Temporal payloads as the Temporal CLI and Web UI send them to a codec server (`--codec-endpoint`): metadata values and data in base64.
 */
export interface CodecPayloads {
  /**
   * @maxItems 1000
   */
  payloads: {
    metadata?: {
      [k: string]: string;
    };
    data?: string;
  }[];
}

/**
 * A customer as the calling system knows it. The id is the caller's; repeating the same body with the same id changes nothing.
 */
export interface CustomerCreate {
  /**
   * The caller's customer id: letters, digits, '.', '_', ':' or '-', at most 128 characters.
   */
  id: string;
  /**
   * Unique among customers (case-insensitive).
   */
  email?: string;
  /**
   * Unique among customers; with country code, digits and an optional leading '+'.
   */
  phone?: string;
  /**
   * Full name.
   */
  name?: string;
  /**
   * Whether the customer can transact.
   */
  active?: boolean;
}

/**
 * Merges a duplicate into the customer of the path (the survivor). Irreversible.
 */
export interface CustomerMerge {
  duplicateId: string;
  mergedBy: string;
}

/**
 * Changes to a customer. Attributes are checked against rules/attributes.yaml; null removes one. Every attribute change is recorded with who made it.
 */
export interface CustomerUpdate {
  name?: string | null;
  /**
   * Whether the customer can transact (place orders).
   */
  active?: boolean;
  /**
   * Attribute id to typed value (number, text, true/false, "YYYY-MM-DD" date, dropdown option), or null to remove.
   */
  attributes?: {
    [k: string]: unknown;
  };
  /**
   * The user or system making the change.
   */
  changedBy: string;
  /**
   * Cash on delivery allowed (true) or not, per sales channel.
   */
  codEnabled?: {
    pos?: boolean;
    storefront?: boolean;
  };
}

/**
 * A stored customer. Personal fields are null once erased.
 */
export interface Customer {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  active: boolean;
  /**
   * none, pending (in the grace period) or erased.
   */
  erasureState: 'none' | 'pending' | 'erased';
  createdAt: string;
  updatedAt: string;
  /**
   * Typed attributes (rules/attributes.yaml). Attributes declared `encrypted: true` are stored encrypted and always shown masked as `{"encrypted": true}`; a caller allowed to read personal data gets their values from GET /v1/customers/{customerId}/encrypted-attributes.
   */
  attributes: {
    [k: string]:
      | string
      | number
      | boolean
      | {
          encrypted: true;
        };
  };
  /**
   * The profile held per profile set, with who assigned it and the decision record behind it.
   */
  profiles?: {
    [k: string]: unknown;
  };
  /**
   * Groups the customer is in now: conditional ones evaluated in memory, static ones imported.
   */
  groups?: string[];
  /**
   * The survivor this customer was merged into, if any.
   */
  mergedInto?: string | null;
  /**
   * Cash on delivery allowed, per sales channel.
   */
  codEnabled?: {
    pos?: boolean;
    storefront?: boolean;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/**
 * Ends an invoice's reminders for a reason the scenario lists in stopWhen.
 */
export interface DunningStop {
  reason: 'disputed' | 'written-off' | 'promise-to-pay' | 'profile-changed';
}

/**
 * The clear values of a customer's encrypted attributes (declared `encrypted: true` in rules/attributes.yaml), for a caller allowed to read personal data. The reveal is recorded on the customer's timeline.
 */
export interface EncryptedAttributes {
  customerId: string;
  /**
   * Attribute id to clear value, for the encrypted attributes the customer holds.
   */
  attributes: {
    [k: string]: string | number | boolean;
  };
  [k: string]: unknown;
}

/**
 * An erasure request that is waiting out its grace period.
 */
export interface ErasureAccepted {
  customerId: string;
  requestId: string;
  eraseAt: string;
  workflowId: string;
  [k: string]: unknown;
}

/**
 * Cancels a waiting erasure and restores the customer. Same payload as the `cancel` signal.
 */
export interface ErasureCancel {
  /**
   * Why the erasure is cancelled.
   */
  reason: string;
  /**
   * The operator cancelling.
   */
  cancelledBy: string;
}

/**
 * Confirms the erasure of a customer's personal data after the grace period (45 days by default).
 */
export interface ErasureRequest {
  /**
   * Why the data is erased (kept on the timeline and the certificate).
   */
  reason: string;
  /**
   * The operator or system confirming the request.
   */
  requestedBy: string;
}

/**
 * Where an erasure request stands.
 */
export interface ErasureStatus {
  customerId: string;
  requestId: string;
  /**
   * waiting (grace period), blocked (past it, but COD orders, orders in progress or unpaid invoices still need the data; re-checked daily), cancelling (a cancel was accepted; the customer is being restored), cancelled, erasing (past the point where a cancel is accepted), erased, failed (a step failed for good or the workflow was ended by an operator; the reason is the last timeline entry; a cancel restores the customer, a repeated request runs it again).
   */
  state: 'waiting' | 'blocked' | 'cancelling' | 'cancelled' | 'erasing' | 'erased' | 'failed';
  requestedAt: string;
  /**
   * End of the grace period.
   */
  eraseAt: string;
  daysLeft: number;
  timeline: {
    at: string;
    event: string;
    detail?: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}

/**
 * One customer's facts to evaluate: attribute and fact ids to values, optionally `profiles` (manual assignments) and raw `returns` / `orders` events.
 */
export interface ExplainRequest {
  facts: {
    [k: string]: unknown;
  };
  /**
   * Instant of the evaluation (ISO 8601); default now.
   */
  at?: string;
}

/**
 * Exports customers (erased ones left out) to a CSV or XLSX file.
 */
export interface ExportRequest {
  format: 'csv' | 'xlsx';
  requestedBy: string;
  filters?: {
    /**
     * Only members of this group.
     */
    group?: string;
    /**
     * Only active (true) or inactive (false) customers.
     */
    active?: boolean;
  };
}

/**
 * An invoice to a customer.
 */
export interface InvoiceCreate {
  id: string;
  customerId: string;
  amount: number;
  currency: string;
  dueDate: string;
  issuedAt: string;
}

/**
 * A note on a customer by a member of staff.
 */
export interface NoteCreate {
  text: string;
  author: string;
}

/**
 * An order of a customer.
 */
export interface OrderCreate {
  id: string;
  customerId: string;
  value: number;
  currency: string;
  channel: 'pos' | 'storefront';
  /**
   * e.g. cod, card, upi.
   */
  paymentMethod: string;
  items: number;
  placedAt: string;
}

/**
 * A life-cycle event of an order: delivered, cancelled, returned-to-origin (before delivery) or returned (after delivery).
 */
export interface OrderEvent {
  /**
   * The event's id, for idempotency.
   */
  id: string;
  kind: 'delivered' | 'cancelled' | 'returned-to-origin' | 'returned';
  at: string;
}

/**
 * A payment against an invoice.
 */
export interface PaymentCreate {
  id: string;
  amount: number;
  paidAt: string;
}

/**
 * An error as application/problem+json (RFC 9457). `detail` says what is wrong and how to fix it.
 */
export interface Problem {
  /**
   * URI reference naming the kind of problem.
   */
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /**
   * For invalid input: each problem with a JSON Pointer into the request body.
   */
  errors?: {
    pointer: string;
    message: string;
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}

/**
 * Assigns a profile of a manual set.
 */
export interface ProfileAssignment {
  profileId: string;
  assignedBy: string;
}

/**
 * Moves every holder of the profile in the path to the profile `to` of the same set. A dry run (the default) changes nothing.
 */
export interface ProfileReassignment {
  /**
   * The target profile id in the same set.
   */
  to: string;
  reassignedBy: string;
  /**
   * true (default): only show who would move.
   */
  dryRun?: boolean;
}

/**
 * Whether the service can serve requests: each dependency with its state. Degraded: Temporal is unreachable; writes are still accepted and their workflows wait in the outbox until it is back.
 */
export interface Readiness {
  status: 'ready' | 'degraded' | 'not-ready';
  checks: {
    database?: {
      ok: boolean;
      error?: string;
      [k: string]: unknown;
    };
    temporal?: {
      ok: boolean;
      error?: string;
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/**
 * A new return request. The customer is given by id, or by the order contact's email (a customer is created on the fly when none has it). Recalculates the automatic profiles at once.
 */
export interface ReturnCreate {
  /**
   * The return's id in the calling system.
   */
  id: string;
  customerId?: string;
  email?: string;
  orderId?: string;
  /**
   * Number of returned items.
   */
  items: number;
  /**
   * When the return was requested.
   */
  returnedAt: string;
}

/**
 * Two versions of the rule files, by path relative to the rules folder (settings.yaml, attributes.yaml, profiles/*.yaml, groups/*.yaml, dunning/*.yaml).
 */
export interface RuleImpactRequest {
  /**
   * The rules that run now (default: the rules in use by the service).
   */
  base?: {
    [k: string]: string;
  };
  /**
   * The proposed rules.
   */
  candidate: {
    [k: string]: string;
  };
}

/**
 * The rule set in use and the outcome of the last reload attempt.
 */
export interface RulesStatus {
  /**
   * Content hash of the rule files, as named in decision records.
   */
  version: string;
  loadedAt: string;
  lastReload: {
    at: string;
    ok: boolean;
    /**
     * The version in use after the attempt.
     */
    version: string;
    /**
     * When the attempt failed: every problem, with file, line, column, pointer, message and fix.
     */
    problems?: {
      [k: string]: unknown;
    }[];
    [k: string]: unknown;
  };
  profileSets?: {
    [k: string]: unknown;
  }[];
  groups?: {
    [k: string]: unknown;
  }[];
  scenarios?: {
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}

/**
 * What happened to a customer, oldest first.
 */
export interface Timeline {
  customerId: string;
  entries: {
    at: string;
    kind: string;
    detail: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}

/** Each schema's type by its title, as `SchemaValidator.validate` takes it. */
export interface ApiSchemaTypes {
  CodecPayloads: CodecPayloads;
  CustomerCreate: CustomerCreate;
  CustomerMerge: CustomerMerge;
  CustomerUpdate: CustomerUpdate;
  Customer: Customer;
  DunningStop: DunningStop;
  EncryptedAttributes: EncryptedAttributes;
  ErasureAccepted: ErasureAccepted;
  ErasureCancel: ErasureCancel;
  ErasureRequest: ErasureRequest;
  ErasureStatus: ErasureStatus;
  ExplainRequest: ExplainRequest;
  ExportRequest: ExportRequest;
  InvoiceCreate: InvoiceCreate;
  NoteCreate: NoteCreate;
  OrderCreate: OrderCreate;
  OrderEvent: OrderEvent;
  PaymentCreate: PaymentCreate;
  Problem: Problem;
  ProfileAssignment: ProfileAssignment;
  ProfileReassignment: ProfileReassignment;
  Readiness: Readiness;
  ReturnCreate: ReturnCreate;
  RuleImpactRequest: RuleImpactRequest;
  RulesStatus: RulesStatus;
  Timeline: Timeline;
}
