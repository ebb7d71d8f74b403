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
 * A new API credential: its name (recorded as the actor of what it does) and its scopes (at most those of the credential making it).
 */
export interface CredentialCreate {
  name: string;
  /**
   * @minItems 1
   * @maxItems 32
   */
  scopes: [string, ...string[]];
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
   * Unique among customers. Written as people write it ("+91 98765 43210", "+91-98765-43210", "+919876543210"); without its country code it is read in settings.defaultPhoneRegion of rules/settings.yaml ("98765 43210" with IN). Stored and returned in E.164 ("+919876543210"), so every spelling of a number is the same customer. A number that is not valid for its country answers 422 naming /phone, what is wrong and how to write it.
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
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  mergedBy?: string;
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
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  changedBy?: string;
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
  /**
   * E.164 form ("+919876543210"), whatever spelling it was given in.
   */
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
   * The attributes of the rules that hold personal data (rules/attributes.yaml `personal: true`): shown as `•••` to a caller without customers:read-personal, erased with the customer.
   */
  personalAttributes?: string[];
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
   * What the customer's orders, invoices and cash-on-delivery holds add up to: the derived facts group conditions use (total_spent, transaction_count, average_transaction_value, last_transaction_value, last_transaction_date, outstanding_amount), kept in the database as each event arrives. In the answers that show one customer (GET, POST and PATCH /v1/customers/{customerId}, profile assignment, merge), not in search results. Orders that were cancelled or returned to origin do not count. An erasure keeps them: they hold no personal data, and the orders and invoices they come from stay for accounting.
   */
  metrics?: {
    /**
     * ISO 4217 code of every amount here: `currency` of rules/settings.yaml.
     */
    currency: string;
    /**
     * Sum of the values of the orders that count (total_spent).
     */
    totalSpent: number;
    /**
     * Number of orders that count (transaction_count).
     */
    transactionCount: number;
    /**
     * totalSpent / transactionCount (average_transaction_value); null without transactions.
     */
    averageTransactionValue: number | null;
    /**
     * Value of the most recently placed order that counts (last_transaction_value); null without transactions.
     */
    lastTransactionValue: number | null;
    /**
     * When that order was placed, as an instant; null without transactions.
     */
    lastTransactionAt: string | null;
    /**
     * The day of lastTransactionAt in the `timeZone` of rules/settings.yaml, as conditions on last_transaction_date see it; null without transactions.
     */
    lastTransactionDate: string | null;
    /**
     * Unpaid amounts of the customer's invoices (outstanding_amount).
     */
    outstandingAmount: number;
    /**
     * Held by undelivered cash-on-delivery orders; GET /v1/customers/{customerId}/cod gives the limit and what is available.
     */
    codHeldAmount: number;
    [k: string]: unknown;
  };
  /**
   * The survivor this customer was merged into, if any. A merged customer keeps its id, so that systems holding it find the survivor here, but nothing else: no personal data, no profile, no group; it counts nowhere and a search finds it by its id only.
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
 * Pauses an invoice's reminders (e.g. a dispute); the reason goes on the customer's timeline with who paused them. No body, or no reason, records "paused".
 */
export interface DunningPause {
  reason?: string;
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
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  cancelledBy?: string;
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
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  requestedBy?: string;
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
 * A page of the export history, newest first (GET /v1/exports), paged like the import history (GET /v1/imports).
 */
export interface ExportHistory {
  /**
   * Items: An export job, as GET /v1/exports/{exportId} shows it.
   */
  exports: {
    id: string;
    format: 'csv' | 'xlsx';
    /**
     * The filters the export was asked with.
     */
    filters: {
      group?: string;
      active?: boolean;
      [k: string]: unknown;
    };
    /**
     * Who started the export.
     */
    requestedBy: string;
    /**
     * in-process, complete or failed (see `failure`): the names imports use.
     */
    status: 'in-process' | 'complete' | 'failed';
    /**
     * Rows in the file; null until complete.
     */
    totalRows: number | null;
    /**
     * Rows written so far.
     */
    processedRows: number;
    /**
     * Why a failed export failed.
     */
    failure: string | null;
    /**
     * When the export was started.
     */
    createdAt: string;
    /**
     * When it ended; null while in process.
     */
    finishedAt: string | null;
    /**
     * Milliseconds from start to end; null while in process.
     */
    processingMs: number | null;
    /**
     * When the file was removed because it held personal data of a customer erased since.
     */
    fileRemovedAt: string | null;
    /**
     * Email, phone and name masked in the file (started without customers:read-personal).
     */
    masked: boolean;
    [k: string]: unknown;
  }[];
  /**
   * Present when the page is full: pass it as `after` for the next page.
   */
  next?: string;
  [k: string]: unknown;
}

/**
 * Exports customers (erased ones left out) to a CSV or XLSX file.
 */
export interface ExportRequest {
  format: 'csv' | 'xlsx';
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  requestedBy?: string;
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
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  author?: string;
}

/**
 * Replaces a customer's personal data with fake values at once (no grace period, unlike the erasure). Refused while related orders, COD holds, unpaid invoices or an erasure are active.
 */
export interface ObfuscationRequest {
  /**
   * Why the data is obfuscated (kept with the obfuscation's record).
   */
  reason: string;
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  requestedBy?: string;
}

/**
 * What an obfuscation replaced: field names and record counts, never a value (old or fake). Read the customer for its fake values.
 */
export interface Obfuscation {
  obfuscationId: string;
  customerId: string;
  requestedBy: string;
  reason: string;
  obfuscatedAt: string;
  /**
   * Fields that now hold fake values: email, phone, name, attributes.<id>.
   */
  replacedFields: string[];
  /**
   * Related records replaced or removed, by kind: notes (fake text), attributeHistory (personal attributes' changes removed), decisionRecords, deliveryErrors, unsentMessages, taskOutcomes (what came of a task: replaced), returnRequestEmails, importErrorRows, exportFiles, mergedDuplicates, mergedContacts, staticGroupMemberships (always 0: kept).
   */
  replacedRecords: {
    [k: string]: number;
  };
  /**
   * True when nothing was left to replace: this is the earlier obfuscation, and nothing changed.
   */
  repeated: boolean;
  [k: string]: unknown;
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
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  assignedBy?: string;
}

/**
 * Moves every holder of the profile in the path to the profile `to` of the same set. A dry run (the default) changes nothing.
 */
export interface ProfileReassignment {
  /**
   * The target profile id in the same set.
   */
  to: string;
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  reassignedBy?: string;
  /**
   * true (default): only show who would move.
   */
  dryRun?: boolean;
}

/**
 * A durable job recalculating customers with the new rules after a rule change (workflow `profile-recalculation-{id}`): those a rule change took a removed profile of an automatic set from, and every customer (not erased) of the automatic sets whose decisions the change changed. Each profile change has its decision record. It survives restarts: the database records each customer done.
 */
export interface ProfileRecalculation {
  id: string;
  /**
   * The rule set whose commit disconnected the customers.
   */
  ruleSetVersion: string;
  /**
   * The removed profiles, and how many customers held each.
   */
  removed: {
    setId: string;
    profileId: string;
    holders: number;
    [k: string]: unknown;
  }[];
  /**
   * The automatic sets whose decisions the rule change changed (`set-added`: a set the rules did not have; `rules-changed`: a profile activated, deactivated or added, conditions, priorities, default profile, returns window or a fact's definition changed); empty for a job after removals only.
   */
  changed: {
    setId: string;
    change: 'set-added' | 'rules-changed';
    [k: string]: unknown;
  }[];
  /**
   * Customers to recalculate.
   */
  total: number;
  /**
   * Customers recalculated so far.
   */
  done: number;
  createdAt: string;
  /**
   * When the last customer was recalculated; null while the job runs.
   */
  finishedAt: string | null;
  [k: string]: unknown;
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
 * What the customers owe (GET /v1/receivables): the unpaid invoices matching the `profile` and `scenario` filters, in total, per profile the customers hold now and per scenario of the invoices' reminder sequences. `invoices` counts unpaid invoices, `outstanding` is what they still owe.
 */
export interface Receivables {
  /**
   * The profile set `byProfile` is grouped by: the set the scenarios follow (the account type in the shipped rules).
   */
  profileSetId: string;
  total: {
    invoices: number;
    outstanding: number;
    [k: string]: unknown;
  };
  byProfile: {
    /**
     * null: customers holding no profile of the set.
     */
    profileId: string | null;
    invoices: number;
    outstanding: number;
    [k: string]: unknown;
  }[];
  byScenario: {
    /**
     * null: invoices without a reminder sequence (left to manual handling).
     */
    scenarioId: string | null;
    invoices: number;
    outstanding: number;
    [k: string]: unknown;
  }[];
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
 * Rule files to check against the database before they are committed, by path relative to the rules folder (settings.yaml, attributes.yaml, profiles/*.yaml, groups/*.yaml, dunning/*.yaml, templates/*.yaml).
 */
export interface RuleCheckRequest {
  /**
   * The rule files, as a reload would read them from the rules folder.
   */
  rules: {
    [k: string]: string;
  };
}

/**
 * Whether a reload of the rules checked would be refused, and what it would do to customers now. Nothing was changed.
 */
export interface RuleCheck {
  /**
   * False when a reload of these rules would be refused; `problems` says why.
   */
  ok: boolean;
  /**
   * Content hash of the rules checked; absent when their files are invalid.
   */
  version?: string;
  /**
   * Version of the rules last committed to the database (the rules in force), if any.
   */
  committedVersion?: string;
  /**
   * Every problem a reload would refuse the rules with — invalid files, or a profile removed from a manual set while customers hold it without a `removedProfiles` tombstone — with file (relative to the rules folder), line, column, pointer, message and fix.
   */
  problems: {
    file: string;
    line: number;
    column: number;
    pointer: string;
    message: string;
    fix: string;
    [k: string]: unknown;
  }[];
  /**
   * What a reload would accept but is worth knowing, in the same form: message templates these rules no longer define (or no longer give a channel's part) while reminders still to go out name them (steps of running sequences not yet run, unsent messages), which would be sent with the generic text.
   */
  warnings: {
    file: string;
    line: number;
    column: number;
    pointer: string;
    message: string;
    fix: string;
    [k: string]: unknown;
  }[];
  /**
   * What a reload would do to customers, counted now: as `lastReload.applied` of GET /v1/rules, with the number of customers a recalculation job would take.
   */
  wouldApply: {
    /**
     * Holders of profiles removed from manual sets, to move to the tombstone's `replacedBy`.
     */
    moved: {
      setId: string;
      from: string;
      to: string;
      customers: number;
      [k: string]: unknown;
    }[];
    /**
     * Holders of profiles removed from automatic sets (or of removed sets), to be left without a profile in the set.
     */
    disconnected: {
      setId: string;
      profileId: string;
      customers: number;
      reason: 'automatic-set' | 'set-removed';
      [k: string]: unknown;
    }[];
    /**
     * How many customers a durable job would recalculate with the new rules: the disconnected customers of automatic sets, and every customer (not erased) when automatic sets would decide differently (`changed`).
     */
    recalculation?: {
      customers: number;
      /**
       * The automatic sets whose decisions the change would change (a profile activated, conditions changed…): all their customers are recalculated.
       */
      changed?: {
        setId: string;
        change: 'set-added' | 'rules-changed';
        [k: string]: unknown;
      }[];
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  [k: string]: unknown;
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
  /**
   * Also name the customers of each automatic profile transition (`profiles[].customerIds`, in id order): who a recalculation after the change would move (`rulebook diff --customers`).
   */
  listCustomers?: boolean;
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
  /**
   * The rule files on disk now, next to the version in use: `differs` is true while a reload is pending (the watcher reloads within seconds) or after one was refused (`lastReload.problems`).
   */
  onDisk: {
    /**
     * Content hash of the rule files on disk now (the version a reload would use when they are valid); null when the rules folder is missing.
     */
    version: string | null;
    /**
     * Whether the files on disk differ from the rules in use.
     */
    differs: boolean;
    /**
     * Whether this process reloads by itself when the files change (RULEBOOK_WATCH_RULES); otherwise POST /v1/rules/reload.
     */
    watched: boolean;
    [k: string]: unknown;
  };
  lastReload: {
    at: string;
    ok: boolean;
    /**
     * The version in use after the attempt.
     */
    version: string;
    /**
     * When the attempt failed (invalid rules, or a change refused such as a profile removed from a manual set while customers hold it): every problem, with file, line, column, pointer, message and fix.
     */
    problems?: {
      [k: string]: unknown;
    }[];
    /**
     * What committing the new rules changed: holders of removed manual profiles `moved` to the tombstone's replacement, holders of removed automatic profiles (or of removed sets) `disconnected`, and the `recalculation` job that recalculates the former and every customer of the automatic sets whose decisions the change changed (`changed`).
     */
    applied?: {
      moved?: {
        [k: string]: unknown;
      }[];
      disconnected?: {
        [k: string]: unknown;
      }[];
      recalculation?: {
        id?: string;
        customers?: number;
        /**
         * The automatic sets whose decisions the change changed (a profile activated, conditions changed…), whose customers are all recalculated.
         */
        changed?: {
          setId: string;
          change: 'set-added' | 'rules-changed';
          [k: string]: unknown;
        }[];
        [k: string]: unknown;
      };
      /**
       * Accepted, but worth knowing: message templates the new rules no longer define (or no longer give a channel's part) while reminders still to go out name them; those are sent with the generic text. Each with file, line, column, pointer, message and fix.
       */
      warnings?: {
        [k: string]: unknown;
      }[];
      [k: string]: unknown;
    };
    [k: string]: unknown;
  };
  /**
   * Profile recalculation jobs that follow rule changes (removed automatic profiles, automatic sets deciding differently): those running and the latest finished, newest first.
   *
   * Items: A ProfileRecalculation (GET /v1/rules/recalculations/{jobId}).
   */
  recalculations?: {
    [k: string]: unknown;
  }[];
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
 * A task marked done by a person (POST /v1/tasks/{taskId}/done).
 */
export interface TaskDone {
  /**
   * @deprecated
   * Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
   */
  doneBy?: string;
  /**
   * What came of it (e.g. "promised to pay by Friday").
   */
  outcome?: string;
}

/**
 * A task for people: a call, formal notice or letter of a reminder sequence, or an invoice left to manual handling. It records the scenario and the profile in force when it was made, and once closed, who closed it, when, why and what came of it.
 */
export interface Task {
  id: string;
  kind: 'call' | 'formal-notice' | 'letter' | 'manual-handling';
  customerId: string;
  invoiceId: string | null;
  /**
   * The scenario of the sequence whose step made the task; null for an invoice left to manual handling (its customer's profile has no scenario).
   */
  scenarioId: string | null;
  /**
   * The profile set of `profileId`: the set the scenario follows (the account type in the shipped rules).
   */
  profileSetId: string | null;
  /**
   * The customer's profile in `profileSetId` when the task was made (a step's task: the profile its sequence follows); null when they held none. It stays when the customer's profile changes later.
   */
  profileId: string | null;
  template: string | null;
  /**
   * open; done: closed by a person (POST /v1/tasks/{taskId}/done); cancelled: closed by Rulebook because it no longer applies (`closeReason`).
   */
  status: 'open' | 'done' | 'cancelled';
  createdAt: string;
  closedAt: string | null;
  /**
   * Who marked it done; `rulebook` for a task Rulebook cancelled.
   */
  closedBy: string | null;
  /**
   * done: by a person; invoice-paid: the invoice owes nothing any more; reminders-started: a profile change started reminders for the invoice left to manual handling.
   */
  closeReason: 'done' | 'invoice-paid' | 'reminders-started' | null;
  /**
   * What came of it, as the person who did it wrote.
   */
  outcome: string | null;
  [k: string]: unknown;
}

/**
 * What happened to a customer, newest first, a page at a time.
 */
export interface Timeline {
  customerId: string;
  entries: {
    at: string;
    /**
     * signed-up, order-placed, order-delivered, order-cancelled, order-returned-to-origin, order-returned, cod-hold-placed, cod-hold-released, return-recorded, invoice-issued, payment-received, profile-changed, note-added, merged, customer-obfuscated, reminders-paused and reminders-resumed (with reason and who), erasure-… and the other steps of the processes.
     */
    kind: string;
    /**
     * Ids and amounts of the entry; never a personal value.
     */
    detail: {
      [k: string]: unknown;
    };
    [k: string]: unknown;
  }[];
  /**
   * Present when the page is full: pass it as `after` for the next page.
   */
  next?: string;
  [k: string]: unknown;
}

/** Each schema's type by its title, as `SchemaValidator.validate` takes it. */
export interface ApiSchemaTypes {
  CodecPayloads: CodecPayloads;
  CredentialCreate: CredentialCreate;
  CustomerCreate: CustomerCreate;
  CustomerMerge: CustomerMerge;
  CustomerUpdate: CustomerUpdate;
  Customer: Customer;
  DunningPause: DunningPause;
  DunningStop: DunningStop;
  EncryptedAttributes: EncryptedAttributes;
  ErasureAccepted: ErasureAccepted;
  ErasureCancel: ErasureCancel;
  ErasureRequest: ErasureRequest;
  ErasureStatus: ErasureStatus;
  ExplainRequest: ExplainRequest;
  ExportHistory: ExportHistory;
  ExportRequest: ExportRequest;
  InvoiceCreate: InvoiceCreate;
  NoteCreate: NoteCreate;
  ObfuscationRequest: ObfuscationRequest;
  Obfuscation: Obfuscation;
  OrderCreate: OrderCreate;
  OrderEvent: OrderEvent;
  PaymentCreate: PaymentCreate;
  Problem: Problem;
  ProfileAssignment: ProfileAssignment;
  ProfileReassignment: ProfileReassignment;
  ProfileRecalculation: ProfileRecalculation;
  Readiness: Readiness;
  Receivables: Receivables;
  ReturnCreate: ReturnCreate;
  RuleCheckRequest: RuleCheckRequest;
  RuleCheck: RuleCheck;
  RuleImpactRequest: RuleImpactRequest;
  RulesStatus: RulesStatus;
  TaskDone: TaskDone;
  Task: Task;
  Timeline: Timeline;
}
