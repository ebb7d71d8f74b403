/**
 * Types of the API's routes for the console, generated from the OpenAPI document by `npm run api:types`
 * (scripts/generate-api-types.ts). Do not edit: change the route or schema and generate again.
 */

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process is up */
    get: operations['getHealthz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: the database and Temporal are reachable
     * @description Answers 503 naming each unreachable dependency.
     */
    get: operations['getReadyz'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics of this API process
     * @description Requests by route pattern and status, their durations, the rule set in use and whether its last reload was refused, reminders waiting in the outbox, and Node process metrics. No personal data: routes are patterns.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The rule set in use
     * @description Version (content hash) and load time of the rules in use, the version of the rule files on disk now (`onDisk`: whether they differ, i.e. a reload is pending or was refused), what the rules define, the outcome of the last reload attempt, and the recalculation jobs rule changes started (`rulebook status`).
     */
    get: operations['getV1Rules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The rule files on disk
     * @description Every rule file of the rules folder now, by its path in the folder (settings.yaml, profiles/account-type.yaml, …), and the version they make (`version`, as `onDisk.version` of GET /v1/rules). Edit some and send them all as the `candidate` of POST /v1/rules/impact to preview a change.
     */
    get: operations['getV1RulesFiles'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/reload': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reload the rules from disk
     * @description The service also reloads by itself when rule files change. An invalid rule set is refused with every problem (file:line:column) and the previous one stays in use. So is a rule set that removes a profile of a manual set while customers hold it, unless the set names where they go (`removedProfiles: [{ id, replacedBy }]`): then they are moved in the reload's transaction. Holders of a profile removed from an automatic set are disconnected and recalculated with the new rules by a durable job (`lastReload.applied.recalculation`, `recalculations`), which also recalculates every customer of an automatic set whose decisions the change changes (a profile activated, conditions changed…), unless the set says `recalculateOnRuleChange: false`.
     */
    post: operations['postV1RulesReload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/recalculations/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A profile recalculation job
     * @description Progress of a job that recalculates customers with the new rules after a rule change: those it took a removed automatic profile from, and every customer of the automatic sets whose decisions it changed (`changed`), each profile change with its decision record (`rulebook recalculations <id> --follow`).
     */
    get: operations['getV1RulesRecalculationsJobId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/impact': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Impact preview of a rule change on the real customers
     * @description Send the rule files of the base (what runs, e.g. main) and of the candidate (e.g. a pull request); the answer counts, on the customers in the database, who would change automatic profile or group membership, and which removed profiles customers still hold. `rulebook diff --against REF` sends the files of a git ref and of the working tree. Without `base`, the rules in use are the base. With `listCustomers`, each profile transition names its customers: after a reload of the candidate, the recalculation job moves exactly those (`rulebook diff --customers`).
     */
    post: operations['postV1RulesImpact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Would a reload of these rules be refused?
     * @description Send the rule files (as `rulebook validate --against URL` does); the answer says, without changing or locking anything, whether a reload of them would be refused — invalid files, or a profile removed from a manual set while customers hold it without a `removedProfiles` tombstone — with the problems a reload would give (file relative to the rules folder, line, column, message, fix with the reassign command), and what it would do to customers now: holders moved to the tombstone's replacement, holders of removed automatic profiles disconnected and recalculated. The removals are planned against the profiles the database knows as defined, exactly as a reload plans them.
     */
    post: operations['postV1RulesCheck'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rules/explain': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Explain the decision for given facts
     * @description Evaluates the rules in use for one customer's facts at `at` (default now) and returns the decision with its decision record.
     */
    post: operations['postV1RulesExplain'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Search customers
     * @description Filters (all optional, AND-ed): `email` or `phone` (exact; email in any letter case, phone in any spelling of the number: it is read as POST /v1/customers reads it, and a phone that is no valid number answers 422), `q` (a name part, a customer id, or a receipt = order id), `group` (a group id), `active` (true/false). Pages of `limit` (default 50, at most 500) in id order; pass the last id as `after` for the next page. A customer merged into another is found only by its id (`q`), with `mergedInto` naming the survivor.
     */
    get: operations['getV1Customers'];
    put?: never;
    /**
     * Create a customer
     * @description Email and phone are unique. The phone may be written as people write it ("+91 98765 43210"; without country code, it is read in `defaultPhoneRegion` of rules/settings.yaml) and is stored and returned in E.164 ("+919876543210"): every spelling of a number is the same. Repeating the same body with the same id answers 200 with the stored customer; the same id with a different body, or an email or phone held by another customer, is a 409. New customers get the default profile of every manual profile set.
     */
    post: operations['postV1Customers'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Get a customer with profiles and groups
     * @description Encrypted attributes are masked as `{"encrypted": true}`; GET /v1/customers/{customerId}/encrypted-attributes reveals them to callers allowed to.
     */
    get: operations['getV1CustomersCustomerId'];
    put?: never;
    post?: never;
    /**
     * Delete a customer
     * @description Refused (409) while orders or invoices are linked: deactivate or erase such customers instead. The duplicates merged into the customer, which hold nothing of their own, are deleted with it.
     */
    delete: operations['deleteV1CustomersCustomerId'];
    options?: never;
    head?: never;
    /**
     * Change a customer
     * @description Name, active switch, typed attributes (checked against rules/attributes.yaml; null removes one).
     */
    patch: operations['patchV1CustomersCustomerId'];
    trace?: never;
  };
  '/v1/customers/{customerId}/attribute-changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who changed which attribute, when
     * @description Old and new values of encrypted attributes are masked as `{"encrypted": true}` (null when not set).
     */
    get: operations['getV1CustomersCustomerIdAttributeChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/encrypted-attributes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reveal a customer's encrypted attributes
     * @description The clear values of the attributes declared `encrypted: true` that the customer holds. Needs the scope `customers:read-personal` (a token of API_TOKENS holds it when listed in API_PERSONAL_DATA_TOKENS). Every reveal is recorded on the customer's timeline (`encrypted-attributes-revealed`, with the caller and the attribute ids, never the values).
     */
    get: operations['getV1CustomersCustomerIdEncryptedAttributes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/encrypted-attributes/re-encrypt': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move encrypted attribute values to the current key
     * @description After a payload-key rotation (or after declaring an attribute encrypted), seals every stored value of an encrypted attribute — customers and attribute history — under RULEBOOK_PAYLOAD_KEY. Every API process also does this once at start. Idempotent; reveals nothing. `unreadable` counts values per key id whose key is not configured: keep a former key in RULEBOOK_PAYLOAD_OLD_KEYS until this answers with no value under it.
     */
    post: operations['postV1EncryptedAttributesReEncrypt'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/cod': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Cash on delivery: switches, limit, available amount, open holds
     * @description available = Total COD Limit Per User (rules/settings.yaml) − the values of undelivered COD orders.
     */
    get: operations['getV1CustomersCustomerIdCod'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/profiles/{setId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Assign a profile of a manual set */
    put: operations['putV1CustomersCustomerIdProfilesSetId'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer's timeline
     * @description What happened to the customer, newest first: sign-up, orders and their events, COD holds and their releases, returns, invoices, payments, profile changes (with the decision record), notes (their id and author, not their text), merges and the erasure's steps — with ids and amounts, never a personal value. Pages of `limit` (default 50, at most 500); pass `next` as `after` for the following page.
     */
    get: operations['getV1CustomersCustomerIdTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/decisions/{decisionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A decision record
     * @description Why the rules decided as they did: rule-set version, the facts used, each condition with the value it saw.
     */
    get: operations['getV1DecisionsDecisionId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/merge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Merge a duplicate into this customer (irreversible)
     * @description Returns, orders, invoices (with payments), COD holds, notes, reminder sequences, tasks, queued messages and static group memberships of `duplicateId` move to this customer, which also takes over the attributes, email, phone and name it lacks; its automatic profiles are decided again (decision record trigger `customers-merged`) and the moved reminders follow its profile (sequences of another profile end with profile-changed, its scenario starts for what is owed). The duplicate is deactivated, keeps no personal data and no profile, and points here: `GET /v1/customers/{duplicateId}` answers with `mergedInto`, a search finds it by its id only, and it counts in no group, profile or export; changes, notes, returns, invoices, profile assignments and erasure requests naming it are refused (409 with `mergedInto`). Recorded on both timelines, with ids only. All of it happens in one transaction.
     */
    post: operations['postV1CustomersCustomerIdMerge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Notes, newest first */
    get: operations['getV1CustomersCustomerIdNotes'];
    put?: never;
    /** Add a note */
    post: operations['postV1CustomersCustomerIdNotes'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/obfuscation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replace personal data with fake values at once
     * @description Unlike the erasure, at once and the customer stays: its id, orders, invoices, returns, groups and metrics are kept. Name, email, phone and the attributes marked personal in rules/attributes.yaml (encrypted ones too) get fake values seeded by the customer id — an email under `obfuscated.invalid`, a fictional phone number (+1 NPA 555-01XX), each unique — and notes get fake text; the former values are removed from the attribute history, decision records, import error rows, delivery errors and return requests, every export file is removed, unsent messages are given up. Recorded on the timeline with field names only. Refused (409, naming each in `active` with how to end it) while COD orders, orders in progress, unpaid invoices or an erasure are active. A repeat answers 200 with the same obfuscation (`repeated: true`).
     */
    post: operations['postV1CustomersCustomerIdObfuscation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/returns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a return request (recalculates profiles)
     * @description Finds the customer by `customerId`, or by the order contact's `email` (creating a customer on the fly when none has it), records the return and recalculates the automatic profile sets in the same transaction. The answer carries the profiles and the id of the decision record. Repeating the request answers the same. The profiles are recalculated again, by the workflow returns-window-{customerId}, at `nextRecalculation`: the moment the oldest counted return leaves the returns window.
     */
    post: operations['postV1Returns'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record an order */
    post: operations['postV1Orders'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/orders/{orderId}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a life-cycle event of an order
     * @description delivered, cancelled or returned-to-origin after placement; returned after delivery.
     */
    post: operations['postV1OrdersOrderIdEvents'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who owes what: the unpaid invoices, filtered as receivables are
     * @description Each unpaid invoice with what it still owes, the profile its customer holds now and the scenario and state of its current reminder sequence. The rows of GET /v1/receivables with the same `profile` and `scenario`; `customerId` keeps one customer's. By invoice id, paged with `limit` and `after` (the `next` of the previous page).
     */
    get: operations['getV1Invoices'];
    put?: never;
    /** Record an invoice */
    post: operations['postV1Invoices'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a payment */
    post: operations['postV1InvoicesInvoiceIdPayments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The groups of the rule set in use */
    get: operations['getV1Groups'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/groups/{groupId}/count': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * How many customers are in the group now
     * @description Conditional groups are counted in the database from their condition (same semantics as the rules in memory).
     */
    get: operations['getV1GroupsGroupIdCount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/groups/{groupId}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The customers in the group now
     * @description Pages of `limit` (default 50, at most 500) customer ids in id order; pass the last id as `after`.
     */
    get: operations['getV1GroupsGroupIdMembers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/profile-sets/{setId}/profiles/{profileId}/holders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How many customers hold a profile, and the first of them */
    get: operations['getV1ProfileSetsSetIdProfilesProfileIdHolders'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/profile-sets/{setId}/profiles/{profileId}/reassign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move every holder of a profile to another profile of the set
     * @description The step before removing a profile from the rules: with `dryRun: true` (the default) nothing changes and the answer says who would move where; with `dryRun: false` they all move in one transaction, each as by `PUT /v1/customers/{customerId}/profiles/{setId}`: on their timeline, the reminder sequences of the old profile end with `profile-changed` and the new profile's scenario starts for what is still owed.
     */
    post: operations['postV1ProfileSetsSetIdProfilesProfileIdReassign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import customers from a CSV or XLSX file
     * @description Columns: id (optional), email, phone, name, active, and attribute ids from rules/attributes.yaml. Send the file itself as the body, with Content-Type text/csv (UTF-8, or the `charset` it declares) or the .xlsx type; at most 2 MB and 50,000 rows. Query: `filename`, `requestedBy`. Answers 202 with the job; follow `GET /v1/imports/{importId}` until its status is complete, partial or failed; rejected rows are in `GET /v1/imports/{importId}/errors` with an ERROR column.
     */
    post: operations['postV1CustomersImports'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/groups/{groupId}/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Import the members of a static group (emails or phones)
     * @description A column email or phone (or both) naming existing customers; `mode=replace` replaces the member list, `add` (default) adds. Identifiers that match no customer are rejected rows. Send the file itself as the body, with Content-Type text/csv (UTF-8, or the `charset` it declares) or the .xlsx type; at most 2 MB and 50,000 rows. Query: `filename`, `requestedBy`. Answers 202 with the job; follow `GET /v1/imports/{importId}` until its status is complete, partial or failed; rejected rows are in `GET /v1/imports/{importId}/errors` with an ERROR column.
     */
    post: operations['postV1GroupsGroupIdImports'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Import history, newest first
     * @description Pages of `limit` (default 50, at most 500) imports, the newest first; a full page has `next`: pass it as `after` for the next page (422 when `after` names no job of the list). Each job: status, format, `requestedBy`, `createdAt` (start), `finishedAt` (end, null while in process), `processingMs` (from start to end), `totalRows` and `processedRows`. An import's status is in-process, complete, partial or failed, as `GET /v1/imports/{importId}` says.
     */
    get: operations['getV1Imports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/imports/{importId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Status and progress of an import
     * @description status: in-process, complete (every row imported), partial (some rows rejected) or failed (none imported, or the file could not be read: see `failure`).
     */
    get: operations['getV1ImportsImportId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/imports/{importId}/errors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The error file: rejected rows with an ERROR column
     * @description In the format of the upload, or `?format=csv|xlsx`; `?format=json` lists each rejected row with its row number in the uploaded file. The rows are the cells as uploaded (emails, phones, names): reading them needs `customers:read-personal` too.
     */
    get: operations['getV1ImportsImportIdErrors'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Export customers to CSV or XLSX
     * @description Answers 202 with the job; the file is at `GET /v1/exports/{exportId}/file` once complete. Cells that a spreadsheet would run as formulas are neutralised.
     */
    post: operations['postV1CustomersExports'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/exports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Export history, newest first
     * @description Pages of `limit` (default 50, at most 500) exports, the newest first; a full page has `next`: pass it as `after` for the next page (422 when `after` names no job of the list). Each job: status, format, `requestedBy`, `createdAt` (start), `finishedAt` (end, null while in process), `processingMs` (from start to end), `totalRows` and `processedRows`. An export's status is in-process, complete or failed (see `failure`); `fileRemovedAt` says when its file was removed by an erasure.
     */
    get: operations['getV1Exports'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/exports/{exportId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status and progress of an export */
    get: operations['getV1ExportsExportId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/exports/{exportId}/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an exported file */
    get: operations['getV1ExportsExportIdFile'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/erasure/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What an erasure would remove */
    get: operations['getV1CustomersCustomerIdErasurePreview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/erasure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status of the latest erasure request */
    get: operations['getV1CustomersCustomerIdErasure'];
    put?: never;
    /**
     * Request the erasure of personal data
     * @description Starts the grace period (erasure.gracePeriodDays in rules/settings.yaml, 45 days by default). A repeated request while one is waiting answers 200 with the running one.
     */
    post: operations['postV1CustomersCustomerIdErasure'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/customers/{customerId}/erasure/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a waiting erasure (restore)
     * @description Asks the workflow `erasure-{customerId}` (update `cancel`), which answers at once: 200 means the erasure will not happen (state `cancelling` until the customer is restored, then `cancelled`); 409 says why a cancel is refused (the erasure is already erasing, erased or being cancelled). A failed erasure is cancelled by restoring the customer.
     */
    post: operations['postV1CustomersCustomerIdErasureCancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/erasures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Erasures by state (e.g. every blocked one)
     * @description Lists erasure requests newest first, as Temporal indexes them by the search attributes the erasure workflow keeps current (RulebookErasureState, RulebookCustomerId, RulebookEraseAt): the state is the one GET /v1/customers/{customerId}/erasure reports. The same list in Temporal: `temporal workflow list --query "RulebookErasureState='blocked'"`. Erasures started before this release carry no search attributes and are not listed. Pages with `limit` and `after` (the `next` of the previous page).
     */
    get: operations['getV1Erasures'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An invoice: what it still owes and who handles its reminders
     * @description The invoice, paid or not, as GET /v1/invoices lists it: amount, due date, what it still owes, the profile its customer holds now, and the scenario and state of its current reminder sequence (`scenarioId` null: left to manual handling).
     */
    get: operations['getV1InvoicesInvoiceId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}/dunning': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An invoice's reminder plan
     * @description The invoice's current sequence (`sequenceNo`, `workflowId`, `startedOn`: invoice-created or profile-changed): the scenario, the profile it follows (`profileSetId`, `profileId`) and the rule-set version pinned at its start, and each step with its offset, action and what it did (steps due before a profile change started the sequence are skipped); `previousSequences` lists the ones before it, oldest first, each with its `endReason`.
     */
    get: operations['getV1InvoicesInvoiceIdDunning'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}/dunning/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Pause the reminders (e.g. a dispute)
     * @description Sends the Update `pause` to the invoice's current sequence (workflow dunning-{invoiceId}, or dunning-{invoiceId}~{n} once a profile change started another), which answers at once with the plan or says why it refuses.
     */
    post: operations['postV1InvoicesInvoiceIdDunningPause'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}/dunning/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume paused reminders
     * @description Sends the Update `resume` to the invoice's current sequence (workflow dunning-{invoiceId}, or dunning-{invoiceId}~{n} once a profile change started another), which answers at once with the plan or says why it refuses.
     */
    post: operations['postV1InvoicesInvoiceIdDunningResume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/invoices/{invoiceId}/dunning/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the reminders for a reason of the scenario (written-off, promise-to-pay, …)
     * @description Sends the Update `stop` to the invoice's current sequence, which answers once it has ended. The reason must be one the scenario lists in `stopWhen` (other than paid, which payments decide).
     */
    post: operations['postV1InvoicesInvoiceIdDunningStop'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tasks for people: calls, formal notices, letters, manual handling
     * @description Each task records the scenario (none for manual handling) and the profile in force when it was made, and is listed under them even after the customer moves to another profile. Filters: `kind`, `status` (open by default; done: closed by a person; cancelled: closed by Rulebook because the invoice was paid in full, or reminders started for an invoice left to manual handling), `profile` and `scenario` with the values GET /v1/receivables takes, and `customerId`. Oldest first, paged with `limit` and `after` (the `next` of the previous page).
     */
    get: operations['getV1Tasks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tasks/{taskId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One task, open or closed
     * @description The task as GET /v1/tasks lists it, with who closed it, when, why and what came of it.
     */
    get: operations['getV1TasksTaskId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tasks/{taskId}/done': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mark a task done (the call made, the letter sent, the invoice handled by hand)
     * @description Closes an open task as done by `doneBy`, with an optional `outcome` (what came of it). Marking a done task again answers it unchanged. A task Rulebook cancelled (the invoice was paid, reminders started) cannot be marked done: 409.
     */
    post: operations['postV1TasksTaskIdDone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Reminder messages in the outbox: waiting, given up (dead) or sent
     * @description Filters: `status` (pending by default, dead, sent), `channel` (email, sms), `limit` (1–1000, 100 by default); sent messages newest first, the others oldest first. A pending message shows its attempts, the last error and when it is tried next; a dead one was still unsent when the delivery horizon passed.
     */
    get: operations['getV1Notifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/receivables': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Outstanding amounts in total, per account-type profile and per scenario
     * @description Unpaid invoices, filtered by `profile` (the customer's profile now) and `scenario` (the invoice's reminder sequence; `none`: left to manual handling), with the same values as GET /v1/tasks.
     */
    get: operations['getV1Receivables'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/temporal-codec/encode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Encrypt payloads for Temporal (codec server)
     * @description The codec server protocol of the Temporal CLI and Web UI: `temporal … --codec-endpoint <API>/v1/temporal-codec --codec-auth "Bearer <token>"` reads encrypted answers and histories, and encrypts the input it sends.
     */
    post: operations['postV1TemporalCodecEncode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/temporal-codec/decode': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Decrypt payloads from Temporal (codec server)
     * @description The codec server protocol of the Temporal CLI and Web UI: `temporal … --codec-endpoint <API>/v1/temporal-codec --codec-auth "Bearer <token>"` reads encrypted answers and histories, and encrypts the input it sends.
     */
    post: operations['postV1TemporalCodecDecode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/workflow-intents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Workflow starts and signals in the outbox to Temporal: waiting, given up (dead) or delivered
     * @description Every write that starts or signals a workflow queues that intent in its own transaction; the workers deliver it. Filters: `status` (pending by default, dead, delivered), `workflowId`, `limit` (1–1000, 100 by default). A pending intent shows its attempts, the last error and when it is tried next (Temporal unreachable: the backlog drains once it is back); a dead one was still undelivered when the horizon (WORKFLOW_INTENT_HORIZON) passed. Delivered intents are kept a day.
     */
    get: operations['getV1WorkflowIntents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credentials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every credential, revoked ones too, without tokens */
    get: operations['getV1Credentials'];
    put?: never;
    /**
     * Make an API credential with a name and scopes; its token is shown once
     * @description The token is in this answer only (`Cache-Control: no-store`); Rulebook keeps its SHA-256. The name is what timelines and the audit trail record as the actor. A credential holds at most the scopes of the credential that makes it.
     */
    post: operations['postV1Credentials'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/credentials/{credentialName}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke a credential: its token stops working within 5 seconds
     * @description The credential stays listed, with who revoked it and when: the audit trail keeps naming it. A repeat answers it unchanged.
     */
    post: operations['postV1CredentialsCredentialNameRevoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail: every write through the API, who made it, when, and how it ended
     * @description Oldest first, paged with `limit` and `after` (the `next` of the previous page); `actor` keeps one credential. Each entry: the credential (`actor`) and the person it acted for (`onBehalfOf`), the method and route pattern, the ids in the path, the status and `outcome` (done, refused, failed), the request id. Reads that reveal personal data (encrypted attributes, export files, rejected import rows) are recorded too, and writes refused before a route is chosen (token, rate limit). Never a personal value. Append-only: no route changes it, and the database refuses UPDATE, DELETE and TRUNCATE from the application. `format=csv` answers the page as CSV.
     */
    get: operations['getV1Audit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/problems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The kinds of problem the API answers with
     * @description Every `type` of a problem+json answer, with its status and title, each linking to its page.
     */
    get: operations['getProblems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/problems/{problemType}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a kind of problem means and how to fix it
     * @description The page a problem `type` (`/problems/<type>`) resolves to.
     */
    get: operations['getProblemsProblemType'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * CodecPayloads
     * @description Temporal payloads as the Temporal CLI and Web UI send them to a codec server (`--codec-endpoint`): metadata values and data in base64.
     */
    CodecPayloads: {
      payloads: {
        metadata?: {
          [key: string]: string;
        };
        data?: string;
      }[];
    };
    /**
     * CredentialCreate
     * @description A new API credential: its name (recorded as the actor of what it does) and its scopes (at most those of the credential making it).
     */
    CredentialCreate: {
      /** @example shop-orders */
      name: string;
      /**
       * @example [
       *       "events:write",
       *       "customers:read"
       *     ]
       */
      scopes: string[];
    };
    /**
     * CustomerCreate
     * @description A customer as the calling system knows it. The id is the caller's; repeating the same body with the same id changes nothing.
     * @example {
     *       "id": "C-1001",
     *       "email": "aarav.sharma@example.com",
     *       "phone": "+919876543210",
     *       "name": "Aarav Sharma"
     *     }
     */
    CustomerCreate: {
      /**
       * @description The caller's customer id: letters, digits, '.', '_', ':' or '-', at most 128 characters.
       * @example C-1001
       */
      id: string;
      /**
       * Format: email
       * @description Unique among customers (case-insensitive).
       * @example aarav.sharma@example.com
       */
      email?: string;
      /**
       * @description Unique among customers. Written as people write it ("+91 98765 43210", "+91-98765-43210", "+919876543210"); without its country code it is read in settings.defaultPhoneRegion of rules/settings.yaml ("98765 43210" with IN). Stored and returned in E.164 ("+919876543210"), so every spelling of a number is the same customer. A number that is not valid for its country answers 422 naming /phone, what is wrong and how to write it.
       * @example +91 98765 43210
       * @example +919876543210
       */
      phone?: string;
      /**
       * @description Full name.
       * @example Aarav Sharma
       */
      name?: string;
      /**
       * @description Whether the customer can transact.
       * @default true
       */
      active: boolean;
    };
    /**
     * CustomerMerge
     * @description Merges a duplicate into the customer of the path (the survivor). Irreversible.
     */
    CustomerMerge: {
      duplicateId: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      mergedBy?: string;
    };
    /**
     * CustomerUpdate
     * @description Changes to a customer. Attributes are checked against rules/attributes.yaml; null removes one. Every attribute change is recorded with who made it.
     * @example {
     *       "attributes": {
     *         "city": "Mumbai",
     *         "birthdate": "1990-01-02",
     *         "premium_member": true
     *       },
     *       "changedBy": "crm-sync"
     *     }
     */
    CustomerUpdate: {
      name?: string | null;
      /** @description Whether the customer can transact (place orders). */
      active?: boolean;
      /** @description Attribute id to typed value (number, text, true/false, "YYYY-MM-DD" date, dropdown option), or null to remove. */
      attributes?: Record<string, never>;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      changedBy?: string;
      /** @description Cash on delivery allowed (true) or not, per sales channel. */
      codEnabled?: {
        pos?: boolean;
        storefront?: boolean;
      };
    };
    /**
     * Customer
     * @description A stored customer. Personal fields are null once erased.
     */
    Customer: {
      id: string;
      email: string | null;
      /**
       * @description E.164 form ("+919876543210"), whatever spelling it was given in.
       * @example +919876543210
       */
      phone: string | null;
      name: string | null;
      active: boolean;
      /**
       * @description none, pending (in the grace period) or erased.
       * @enum {unknown}
       */
      erasureState: 'none' | 'pending' | 'erased';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Typed attributes (rules/attributes.yaml). Attributes declared `encrypted: true` are stored encrypted and always shown masked as `{"encrypted": true}`; a caller allowed to read personal data gets their values from GET /v1/customers/{customerId}/encrypted-attributes. */
      attributes: {
        [key: string]:
          | (string | number | boolean)
          | {
              /** @constant */
              encrypted: true;
            };
      };
      /** @description The attributes of the rules that hold personal data (rules/attributes.yaml `personal: true`): shown as `•••` to a caller without customers:read-personal, erased with the customer. */
      personalAttributes?: string[];
      /** @description The profile held per profile set, with who assigned it and the decision record behind it. */
      profiles?: Record<string, never>;
      /** @description Groups the customer is in now: conditional ones evaluated in memory, static ones imported. */
      groups?: string[];
      /** @description What the customer's orders, invoices and cash-on-delivery holds add up to: the derived facts group conditions use (total_spent, transaction_count, average_transaction_value, last_transaction_value, last_transaction_date, outstanding_amount), kept in the database as each event arrives. In the answers that show one customer (GET, POST and PATCH /v1/customers/{customerId}, profile assignment, merge), not in search results. Orders that were cancelled or returned to origin do not count. An erasure keeps them: they hold no personal data, and the orders and invoices they come from stay for accounting. */
      metrics?: {
        /** @description ISO 4217 code of every amount here: `currency` of rules/settings.yaml. */
        currency: string;
        /** @description Sum of the values of the orders that count (total_spent). */
        totalSpent: number;
        /** @description Number of orders that count (transaction_count). */
        transactionCount: number;
        /** @description totalSpent / transactionCount (average_transaction_value); null without transactions. */
        averageTransactionValue: number | null;
        /** @description Value of the most recently placed order that counts (last_transaction_value); null without transactions. */
        lastTransactionValue: number | null;
        /**
         * Format: date-time
         * @description When that order was placed, as an instant; null without transactions.
         */
        lastTransactionAt: string | null;
        /**
         * Format: date
         * @description The day of lastTransactionAt in the `timeZone` of rules/settings.yaml, as conditions on last_transaction_date see it; null without transactions.
         */
        lastTransactionDate: string | null;
        /** @description Unpaid amounts of the customer's invoices (outstanding_amount). */
        outstandingAmount: number;
        /** @description Held by undelivered cash-on-delivery orders; GET /v1/customers/{customerId}/cod gives the limit and what is available. */
        codHeldAmount: number;
      };
      /** @description The survivor this customer was merged into, if any. A merged customer keeps its id, so that systems holding it find the survivor here, but nothing else: no personal data, no profile, no group; it counts nowhere and a search finds it by its id only. */
      mergedInto?: string | null;
      /** @description Cash on delivery allowed, per sales channel. */
      codEnabled?: {
        pos?: boolean;
        storefront?: boolean;
      };
    };
    /**
     * DunningPause
     * @description Pauses an invoice's reminders (e.g. a dispute); the reason goes on the customer's timeline with who paused them. No body, or no reason, records "paused".
     */
    DunningPause: {
      /** @example disputed */
      reason?: string;
    };
    /**
     * DunningStop
     * @description Ends an invoice's reminders for a reason the scenario lists in stopWhen.
     */
    DunningStop: {
      /**
       * @example written-off
       * @enum {string}
       */
      reason: 'disputed' | 'written-off' | 'promise-to-pay' | 'profile-changed';
    };
    /**
     * EncryptedAttributes
     * @description The clear values of a customer's encrypted attributes (declared `encrypted: true` in rules/attributes.yaml), for a caller allowed to read personal data. The reveal is recorded on the customer's timeline.
     * @example {
     *       "customerId": "C-1001",
     *       "attributes": {
     *         "national_id": "ABCDE1234F"
     *       }
     *     }
     */
    EncryptedAttributes: {
      customerId: string;
      /** @description Attribute id to clear value, for the encrypted attributes the customer holds. */
      attributes: {
        [key: string]: string | number | boolean;
      };
    };
    /**
     * ErasureAccepted
     * @description An erasure request that is waiting out its grace period.
     */
    ErasureAccepted: {
      customerId: string;
      requestId: string;
      /** Format: date-time */
      eraseAt: string;
      /** @example erasure-C-1001 */
      workflowId: string;
    };
    /**
     * ErasureCancel
     * @description Cancels a waiting erasure and restores the customer. Same payload as the `cancel` signal.
     */
    ErasureCancel: {
      /**
       * @description Why the erasure is cancelled.
       * @example Requested by mistake
       */
      reason: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       * @example ops.priya
       */
      cancelledBy?: string;
    };
    /**
     * ErasureRequest
     * @description Confirms the erasure of a customer's personal data after the grace period (45 days by default).
     */
    ErasureRequest: {
      /**
       * @description Why the data is erased (kept on the timeline and the certificate).
       * @example Customer asked for deletion by e-mail, ticket 4711
       */
      reason: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       * @example ops.priya
       */
      requestedBy?: string;
    };
    /**
     * ErasureStatus
     * @description Where an erasure request stands.
     */
    ErasureStatus: {
      customerId: string;
      requestId: string;
      /**
       * @description waiting (grace period), blocked (past it, but COD orders, orders in progress or unpaid invoices still need the data; re-checked daily), cancelling (a cancel was accepted; the customer is being restored), cancelled, erasing (past the point where a cancel is accepted), erased, failed (a step failed for good or the workflow was ended by an operator; the reason is the last timeline entry; a cancel restores the customer, a repeated request runs it again).
       * @enum {unknown}
       */
      state: 'waiting' | 'blocked' | 'cancelling' | 'cancelled' | 'erasing' | 'erased' | 'failed';
      /** Format: date-time */
      requestedAt: string;
      /**
       * Format: date-time
       * @description End of the grace period.
       */
      eraseAt: string;
      daysLeft: number;
      timeline: {
        at: string;
        event: string;
        detail?: Record<string, never>;
      }[];
    };
    /**
     * ExplainRequest
     * @description One customer's facts to evaluate: attribute and fact ids to values, optionally `profiles` (manual assignments) and raw `returns` / `orders` events.
     */
    ExplainRequest: {
      /**
       * @example {
       *       "total_spent": 6000,
       *       "city": "Mumbai",
       *       "birthdate": "1990-01-02",
       *       "profiles": {
       *         "account-type": "export"
       *       }
       *     }
       */
      facts: Record<string, never>;
      /**
       * Format: date-time
       * @description Instant of the evaluation (ISO 8601); default now.
       */
      at?: string;
    };
    /**
     * ExportHistory
     * @description A page of the export history, newest first (GET /v1/exports), paged like the import history (GET /v1/imports).
     */
    ExportHistory: {
      exports: {
        id: string;
        /** @enum {unknown} */
        format: 'csv' | 'xlsx';
        /** @description The filters the export was asked with. */
        filters: {
          group?: string;
          active?: boolean;
        };
        /** @description Who started the export. */
        requestedBy: string;
        /**
         * @description in-process, complete or failed (see `failure`): the names imports use.
         * @enum {unknown}
         */
        status: 'in-process' | 'complete' | 'failed';
        /** @description Rows in the file; null until complete. */
        totalRows: number | null;
        /** @description Rows written so far. */
        processedRows: number;
        /** @description Why a failed export failed. */
        failure: string | null;
        /**
         * Format: date-time
         * @description When the export was started.
         */
        createdAt: string;
        /**
         * Format: date-time
         * @description When it ended; null while in process.
         */
        finishedAt: string | null;
        /** @description Milliseconds from start to end; null while in process. */
        processingMs: number | null;
        /**
         * Format: date-time
         * @description When the file was removed because it held personal data of a customer erased since.
         */
        fileRemovedAt: string | null;
        /** @description Email, phone and name masked in the file (started without customers:read-personal). */
        masked: boolean;
      }[];
      /** @description Present when the page is full: pass it as `after` for the next page. */
      next?: string;
    };
    /**
     * ExportRequest
     * @description Exports customers (erased ones left out) to a CSV or XLSX file.
     */
    ExportRequest: {
      /** @enum {unknown} */
      format: 'csv' | 'xlsx';
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      requestedBy?: string;
      filters?: {
        /** @description Only members of this group. */
        group?: string;
        /** @description Only active (true) or inactive (false) customers. */
        active?: boolean;
      };
    };
    /**
     * InvoiceCreate
     * @description An invoice to a customer.
     */
    InvoiceCreate: {
      id: string;
      customerId: string;
      amount: number;
      currency: string;
      /** Format: date */
      dueDate: string;
      /** Format: date-time */
      issuedAt: string;
    };
    /**
     * NoteCreate
     * @description A note on a customer by a member of staff.
     */
    NoteCreate: {
      text: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      author?: string;
    };
    /**
     * ObfuscationRequest
     * @description Replaces a customer's personal data with fake values at once (no grace period, unlike the erasure). Refused while related orders, COD holds, unpaid invoices or an erasure are active.
     */
    ObfuscationRequest: {
      /**
       * @description Why the data is obfuscated (kept with the obfuscation's record).
       * @example Retention period over, ticket 4711
       */
      reason: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       * @example dpo.anita
       */
      requestedBy?: string;
    };
    /**
     * Obfuscation
     * @description What an obfuscation replaced: field names and record counts, never a value (old or fake). Read the customer for its fake values.
     */
    Obfuscation: {
      obfuscationId: string;
      customerId: string;
      requestedBy: string;
      reason: string;
      /** Format: date-time */
      obfuscatedAt: string;
      /**
       * @description Fields that now hold fake values: email, phone, name, attributes.<id>.
       * @example [
       *       "email",
       *       "phone",
       *       "name",
       *       "attributes.city",
       *       "attributes.national_id"
       *     ]
       */
      replacedFields: string[];
      /** @description Related records replaced or removed, by kind: notes (fake text), attributeHistory (personal attributes' changes removed), decisionRecords, deliveryErrors, unsentMessages, taskOutcomes (what came of a task: replaced), returnRequestEmails, importErrorRows, exportFiles, mergedDuplicates, mergedContacts, staticGroupMemberships (always 0: kept). */
      replacedRecords: {
        [key: string]: number;
      };
      /** @description True when nothing was left to replace: this is the earlier obfuscation, and nothing changed. */
      repeated: boolean;
    };
    /**
     * OrderCreate
     * @description An order of a customer.
     */
    OrderCreate: {
      id: string;
      customerId: string;
      value: number;
      currency: string;
      /** @enum {unknown} */
      channel: 'pos' | 'storefront';
      /** @description e.g. cod, card, upi. */
      paymentMethod: string;
      items: number;
      /** Format: date-time */
      placedAt: string;
    };
    /**
     * OrderEvent
     * @description A life-cycle event of an order: delivered, cancelled, returned-to-origin (before delivery) or returned (after delivery).
     */
    OrderEvent: {
      /** @description The event's id, for idempotency. */
      id: string;
      /** @enum {unknown} */
      kind: 'delivered' | 'cancelled' | 'returned-to-origin' | 'returned';
      /** Format: date-time */
      at: string;
    };
    /**
     * PaymentCreate
     * @description A payment against an invoice.
     */
    PaymentCreate: {
      id: string;
      amount: number;
      /** Format: date-time */
      paidAt: string;
    };
    /**
     * Problem
     * @description An error as application/problem+json (RFC 9457). `detail` says what is wrong and how to fix it.
     */
    Problem: {
      /** @description URI reference naming the kind of problem. */
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      /** @description For invalid input: each problem with a JSON Pointer into the request body. */
      errors?: {
        pointer: string;
        message: string;
      }[];
    };
    /**
     * ProfileAssignment
     * @description Assigns a profile of a manual set.
     */
    ProfileAssignment: {
      profileId: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      assignedBy?: string;
    };
    /**
     * ProfileReassignment
     * @description Moves every holder of the profile in the path to the profile `to` of the same set. A dry run (the default) changes nothing.
     */
    ProfileReassignment: {
      /** @description The target profile id in the same set. */
      to: string;
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      reassignedBy?: string;
      /**
       * @description true (default): only show who would move.
       * @default true
       */
      dryRun: boolean;
    };
    /**
     * ProfileRecalculation
     * @description A durable job recalculating customers with the new rules after a rule change (workflow `profile-recalculation-{id}`): those a rule change took a removed profile of an automatic set from, and every customer (not erased) of the automatic sets whose decisions the change changed. Each profile change has its decision record. It survives restarts: the database records each customer done.
     */
    ProfileRecalculation: {
      id: string;
      /** @description The rule set whose commit disconnected the customers. */
      ruleSetVersion: string;
      /** @description The removed profiles, and how many customers held each. */
      removed: {
        setId: string;
        profileId: string;
        holders: number;
      }[];
      /** @description The automatic sets whose decisions the rule change changed (`set-added`: a set the rules did not have; `rules-changed`: a profile activated, deactivated or added, conditions, priorities, default profile, returns window or a fact's definition changed); empty for a job after removals only. */
      changed: {
        setId: string;
        /** @enum {string} */
        change: 'set-added' | 'rules-changed';
      }[];
      /** @description Customers to recalculate. */
      total: number;
      /** @description Customers recalculated so far. */
      done: number;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the last customer was recalculated; null while the job runs.
       */
      finishedAt: string | null;
    };
    /**
     * Readiness
     * @description Whether the service can serve requests: each dependency with its state. Degraded: Temporal is unreachable; writes are still accepted and their workflows wait in the outbox until it is back.
     */
    Readiness: {
      /** @enum {unknown} */
      status: 'ready' | 'degraded' | 'not-ready';
      checks: {
        database?: {
          ok: boolean;
          error?: string;
        };
        temporal?: {
          ok: boolean;
          error?: string;
        };
      };
    };
    /**
     * Receivables
     * @description What the customers owe (GET /v1/receivables): the unpaid invoices matching the `profile` and `scenario` filters, in total, per profile the customers hold now and per scenario of the invoices' reminder sequences. `invoices` counts unpaid invoices, `outstanding` is what they still owe.
     */
    Receivables: {
      /** @description The profile set `byProfile` is grouped by: the set the scenarios follow (the account type in the shipped rules). */
      profileSetId: string;
      total: {
        invoices: number;
        outstanding: number;
      };
      byProfile: {
        /** @description null: customers holding no profile of the set. */
        profileId: string | null;
        invoices: number;
        outstanding: number;
      }[];
      byScenario: {
        /** @description null: invoices without a reminder sequence (left to manual handling). */
        scenarioId: string | null;
        invoices: number;
        outstanding: number;
      }[];
    };
    /**
     * ReturnCreate
     * @description A new return request. The customer is given by id, or by the order contact's email (a customer is created on the fly when none has it). Recalculates the automatic profiles at once.
     * @example {
     *       "id": "R-5001",
     *       "email": "aarav.sharma@example.com",
     *       "orderId": "O-9001",
     *       "items": 1,
     *       "returnedAt": "2026-11-23T10:00:00+05:30"
     *     }
     */
    ReturnCreate: {
      /** @description The return's id in the calling system. */
      id: string;
      customerId?: string;
      /** Format: email */
      email?: string;
      orderId?: string;
      /** @description Number of returned items. */
      items: number;
      /**
       * Format: date-time
       * @description When the return was requested.
       */
      returnedAt: string;
    };
    /**
     * RuleCheckRequest
     * @description Rule files to check against the database before they are committed, by path relative to the rules folder (settings.yaml, attributes.yaml, profiles/*.yaml, groups/*.yaml, dunning/*.yaml, templates/*.yaml).
     */
    RuleCheckRequest: {
      /** @description The rule files, as a reload would read them from the rules folder. */
      rules: {
        [key: string]: string;
      };
    };
    /**
     * RuleCheck
     * @description Whether a reload of the rules checked would be refused, and what it would do to customers now. Nothing was changed.
     */
    RuleCheck: {
      /** @description False when a reload of these rules would be refused; `problems` says why. */
      ok: boolean;
      /**
       * @description Content hash of the rules checked; absent when their files are invalid.
       * @example sha256:9825f909620febbb
       */
      version?: string;
      /** @description Version of the rules last committed to the database (the rules in force), if any. */
      committedVersion?: string;
      /** @description Every problem a reload would refuse the rules with — invalid files, or a profile removed from a manual set while customers hold it without a `removedProfiles` tombstone — with file (relative to the rules folder), line, column, pointer, message and fix. */
      problems: {
        file: string;
        line: number;
        column: number;
        pointer: string;
        message: string;
        fix: string;
      }[];
      /** @description What a reload would accept but is worth knowing, in the same form: message templates these rules no longer define (or no longer give a channel's part) while reminders still to go out name them (steps of running sequences not yet run, unsent messages), which would be sent with the generic text. */
      warnings: {
        file: string;
        line: number;
        column: number;
        pointer: string;
        message: string;
        fix: string;
      }[];
      /** @description What a reload would do to customers, counted now: as `lastReload.applied` of GET /v1/rules, with the number of customers a recalculation job would take. */
      wouldApply: {
        /** @description Holders of profiles removed from manual sets, to move to the tombstone's `replacedBy`. */
        moved: {
          setId: string;
          from: string;
          to: string;
          customers: number;
        }[];
        /** @description Holders of profiles removed from automatic sets (or of removed sets), to be left without a profile in the set. */
        disconnected: {
          setId: string;
          profileId: string;
          customers: number;
          /** @enum {unknown} */
          reason: 'automatic-set' | 'set-removed';
        }[];
        /** @description How many customers a durable job would recalculate with the new rules: the disconnected customers of automatic sets, and every customer (not erased) when automatic sets would decide differently (`changed`). */
        recalculation?: {
          customers: number;
          /** @description The automatic sets whose decisions the change would change (a profile activated, conditions changed…): all their customers are recalculated. */
          changed?: {
            setId: string;
            /** @enum {string} */
            change: 'set-added' | 'rules-changed';
          }[];
        };
      };
    };
    /**
     * RuleImpactRequest
     * @description Two versions of the rule files, by path relative to the rules folder (settings.yaml, attributes.yaml, profiles/*.yaml, groups/*.yaml, dunning/*.yaml).
     */
    RuleImpactRequest: {
      /** @description The rules that run now (default: the rules in use by the service). */
      base?: {
        [key: string]: string;
      };
      /** @description The proposed rules. */
      candidate: {
        [key: string]: string;
      };
      /**
       * @description Also name the customers of each automatic profile transition (`profiles[].customerIds`, in id order): who a recalculation after the change would move (`rulebook diff --customers`).
       * @default false
       */
      listCustomers: boolean;
    };
    /**
     * RulesStatus
     * @description The rule set in use and the outcome of the last reload attempt.
     */
    RulesStatus: {
      /**
       * @description Content hash of the rule files, as named in decision records.
       * @example sha256:9825f909620febbb
       */
      version: string;
      /** Format: date-time */
      loadedAt: string;
      /** @description The rule files on disk now, next to the version in use: `differs` is true while a reload is pending (the watcher reloads within seconds) or after one was refused (`lastReload.problems`). */
      onDisk: {
        /**
         * @description Content hash of the rule files on disk now (the version a reload would use when they are valid); null when the rules folder is missing.
         * @example sha256:99bf0c2a61d4e7f3
         */
        version: string | null;
        /** @description Whether the files on disk differ from the rules in use. */
        differs: boolean;
        /** @description Whether this process reloads by itself when the files change (RULEBOOK_WATCH_RULES); otherwise POST /v1/rules/reload. */
        watched: boolean;
      };
      lastReload: {
        /** Format: date-time */
        at: string;
        ok: boolean;
        /** @description The version in use after the attempt. */
        version: string;
        /** @description When the attempt failed (invalid rules, or a change refused such as a profile removed from a manual set while customers hold it): every problem, with file, line, column, pointer, message and fix. */
        problems?: Record<string, never>[];
        /** @description What committing the new rules changed: holders of removed manual profiles `moved` to the tombstone's replacement, holders of removed automatic profiles (or of removed sets) `disconnected`, and the `recalculation` job that recalculates the former and every customer of the automatic sets whose decisions the change changed (`changed`). */
        applied?: {
          moved?: Record<string, never>[];
          disconnected?: Record<string, never>[];
          recalculation?: {
            id?: string;
            customers?: number;
            /** @description The automatic sets whose decisions the change changed (a profile activated, conditions changed…), whose customers are all recalculated. */
            changed?: {
              setId: string;
              /** @enum {string} */
              change: 'set-added' | 'rules-changed';
            }[];
          };
          /** @description Accepted, but worth knowing: message templates the new rules no longer define (or no longer give a channel's part) while reminders still to go out name them; those are sent with the generic text. Each with file, line, column, pointer, message and fix. */
          warnings?: Record<string, never>[];
        };
      };
      /** @description Profile recalculation jobs that follow rule changes (removed automatic profiles, automatic sets deciding differently): those running and the latest finished, newest first. */
      recalculations?: Record<string, never>[];
      profileSets?: Record<string, never>[];
      groups?: Record<string, never>[];
      scenarios?: Record<string, never>[];
    };
    /**
     * TaskDone
     * @description A task marked done by a person (POST /v1/tasks/{taskId}/done).
     */
    TaskDone: {
      /**
       * @deprecated
       * @description Deprecated: the actor is the credential's name (a delegate names the person it acts for in On-Behalf-Of). A credential holding `delegate` (every token of API_TOKENS) may still name the person here; any other credential may only give its own name (403 otherwise).
       */
      doneBy?: string;
      /** @description What came of it (e.g. "promised to pay by Friday"). */
      outcome?: string;
    };
    /**
     * Task
     * @description A task for people: a call, formal notice or letter of a reminder sequence, or an invoice left to manual handling. It records the scenario and the profile in force when it was made, and once closed, who closed it, when, why and what came of it.
     */
    Task: {
      id: string;
      /** @enum {string} */
      kind: 'call' | 'formal-notice' | 'letter' | 'manual-handling';
      customerId: string;
      invoiceId: string | null;
      /** @description The scenario of the sequence whose step made the task; null for an invoice left to manual handling (its customer's profile has no scenario). */
      scenarioId: string | null;
      /** @description The profile set of `profileId`: the set the scenario follows (the account type in the shipped rules). */
      profileSetId: string | null;
      /** @description The customer's profile in `profileSetId` when the task was made (a step's task: the profile its sequence follows); null when they held none. It stays when the customer's profile changes later. */
      profileId: string | null;
      template: string | null;
      /**
       * @description open; done: closed by a person (POST /v1/tasks/{taskId}/done); cancelled: closed by Rulebook because it no longer applies (`closeReason`).
       * @enum {string}
       */
      status: 'open' | 'done' | 'cancelled';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      closedAt: string | null;
      /** @description Who marked it done; `rulebook` for a task Rulebook cancelled. */
      closedBy: string | null;
      /**
       * @description done: by a person; invoice-paid: the invoice owes nothing any more; reminders-started: a profile change started reminders for the invoice left to manual handling.
       * @enum {string|null}
       */
      closeReason: 'done' | 'invoice-paid' | 'reminders-started' | null;
      /** @description What came of it, as the person who did it wrote. */
      outcome: string | null;
    };
    /**
     * Timeline
     * @description What happened to a customer, newest first, a page at a time.
     */
    Timeline: {
      customerId: string;
      entries: {
        /** Format: date-time */
        at: string;
        /** @description signed-up, order-placed, order-delivered, order-cancelled, order-returned-to-origin, order-returned, cod-hold-placed, cod-hold-released, return-recorded, invoice-issued, payment-received, profile-changed, note-added, merged, customer-obfuscated, reminders-paused and reminders-resumed (with reason and who), erasure-… and the other steps of the processes. */
        kind: string;
        /** @description Ids and amounts of the entry; never a personal value. */
        detail: Record<string, never>;
      }[];
      /** @description Present when the page is full: pass it as `after` for the next page. */
      next?: string;
    };
  };
  responses: never;
  parameters: {
    /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
    IdempotencyKey: string;
  };
  requestBodies: never;
  headers: {
    /**
     * @description What is left of the quota of this token in the current window, as `"<limit>-in-1min"; r=<remaining>; t=<seconds until the window resets>` (draft-ietf-httpapi-ratelimit-headers-08). Sent on every answer to an authenticated request while API_RATE_LIMIT is not 0.
     * @example "600-in-1min"; r=599; t=60
     */
    RateLimit: string;
    /**
     * @description The quota of each token: `"<limit>-in-1min"; q=<requests>; w=60` (draft-ietf-httpapi-ratelimit-headers-08). Sent with RateLimit.
     * @example "600-in-1min"; q=600; w=60; pk=:ZmE2YTZkNjA2Mzg2:
     */
    'RateLimit-Policy': string;
    /**
     * @description Seconds to wait before repeating the same request.
     * @example 5
     */
    'Retry-After': number;
    /** @description `true` when this is the stored answer of an earlier request with the same `Idempotency-Key` and body, replayed: nothing was done again. */
    'Idempotent-Replayed': 'true';
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealthz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process answers. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'alive';
          };
        };
      };
      /** @description A body was sent that is not JSON (a probe takes no body). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReadyz: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description A body was sent that is not JSON (a probe takes no body). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A dependency is unreachable; `checks` says which. */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format (version 0.0.4). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description A body was sent that is not JSON (a probe takes no body). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Rules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The rule set in use. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RulesStatus'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:explain` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1RulesFiles: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The files by path. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Content hash of the files; null when the folder is missing. */
            version: string | null;
            files: {
              [key: string]: string;
            };
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:explain` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1RulesReload: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Reloaded (or unchanged); `lastReload.applied` says what the change did to customers. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RulesStatus'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:reload` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The rules on disk are invalid, or remove a profile customers hold; `problems` lists each (with the reassign command); the previous rule set stays in use. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1RulesRecalculationsJobId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The job id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        jobId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job: total, done, finishedAt. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProfileRecalculation'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:explain` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such job. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1RulesImpact: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RuleImpactRequest'];
      };
    };
    responses: {
      /** @description Counts of changes. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customers: number;
            baseVersion: string;
            candidateVersion: string;
            profiles: {
              setId: string;
              from: string | null;
              to: string | null;
              customers: number;
              customerIds?: string[];
            }[];
            groups: {
              groupId: string;
              joined: number;
              left: number;
            }[];
            removedProfilesHeld: {
              setId: string;
              profileId: string;
              customers: number;
            }[];
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:explain` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The base or candidate rules are invalid; `problems` lists each. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1RulesCheck: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RuleCheckRequest'];
      };
    };
    responses: {
      /** @description The check ran: `ok` false with `problems` when a reload would be refused. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleCheck'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:reload` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A file path is outside the rules layout; `errors` lists each. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1RulesExplain: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExplainRequest'];
      };
    };
    responses: {
      /** @description Decision and decision record. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            decision: {
              profiles: {
                [key: string]: string | null;
              };
              groups: string[];
              scenario: string | null;
            };
            /** @description Why the rules decided as they did. */
            record: {
              ruleSetVersion: string;
              /** Format: date-time */
              evaluatedAt: string;
              /** Format: date */
              today: string;
              timeZone: string;
              /** @description The facts the rules saw. */
              facts: Record<string, never>;
              profiles: {
                setId: string;
                /** @enum {unknown} */
                assignment: 'automatic' | 'manual';
                profileId: string | null;
                reason: string;
                candidates: {
                  profileId: string;
                  priority: number;
                  active: boolean;
                  /** @enum {unknown} */
                  matched: true | false | 'not-evaluated';
                  /** @description Each condition with the value it saw (a tree of all/any/not and leaves). */
                  conditions?: unknown;
                }[];
              }[];
              groups: {
                groupId: string;
                /** @enum {unknown} */
                kind: 'conditional' | 'static';
                /** @enum {unknown} */
                matched: true | false | 'not-evaluated';
                /** @description Each condition with the value it saw (a tree of all/any/not and leaves). */
                conditions?: unknown;
              }[];
              scenario: {
                scenarioId: string | null;
                reason: string;
              };
            };
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:explain` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Customers: {
    parameters: {
      query?: {
        /** @description Exact email, in any letter case. */
        email?: string;
        /** @description Exact phone number, in any spelling (read as POST /v1/customers reads it). */
        phone?: string;
        /** @description A name part, a customer id, or a receipt (order id). */
        q?: string;
        /** @description A group id: only its members. */
        group?: string;
        /** @description Only active (`true`) or inactive (`false`) customers. */
        active?: boolean;
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of customers. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customers: components['schemas']['Customer'][];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A query parameter is invalid (`limit`, a `phone` that is no valid number); `errors` names it. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1Customers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerCreate'];
      };
    };
    responses: {
      /** @description Already created by an identical request. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The customer. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description Created. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The customer: `/v1/customers/{customerId}`. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Clashes with an existing customer; the problem names the field and the customer. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema, or the phone is no valid number (`errors` names /phone, what is wrong and how to write it). */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteV1CustomersCustomerId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted. */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:delete` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Orders or invoices are linked. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  patchV1CustomersCustomerId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerUpdate'];
      };
    };
    responses: {
      /** @description The changed customer. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The customer is erased, or was merged into another (`mergedInto` names it). */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdAttributeChanges: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customerId: string;
            changes: {
              attribute: string;
              oldValue: unknown;
              newValue: unknown;
              changedBy: string;
              /** Format: date-time */
              changedAt: string;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdEncryptedAttributes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The clear values. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EncryptedAttributes'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token lacks `customers:read-personal`; the problem says how an operator grants it. */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A value is sealed under a key that is not configured (`encryption-key-missing`, naming the key id). */
      500: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1EncryptedAttributesReEncrypt: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description How many values were sealed again, and the values per key id whose key is not configured. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            currentKeyId: string;
            customers: number;
            attributeChanges: number;
            unreadable: {
              [key: string]: number;
            };
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `rules:reload` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdCod: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Switches per channel, total limit, available amount and open holds. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customerId: string;
            enabled: {
              pos: boolean;
              storefront: boolean;
            };
            totalLimit: number;
            available: number;
            openHolds: {
              orderId: string;
              amount: number;
              /** Format: date-time */
              heldAt: string;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  putV1CustomersCustomerIdProfilesSetId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
        /** @description The set id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        setId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProfileAssignment'];
      };
    };
    responses: {
      /** @description The customer with the new profile. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `profiles:assign` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer or profile set. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The set is assigned by rules, not by hand, or the customer was merged into another (`mergedInto` names it). */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdTimeline: {
    parameters: {
      query?: {
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Timeline'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description `limit` is not a whole number from 1 to 500. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1DecisionsDecisionId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The decision id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        decisionId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The decision record. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customerId: string;
            trigger: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Why the rules decided as they did. */
            record: {
              ruleSetVersion: string;
              /** Format: date-time */
              evaluatedAt: string;
              /** Format: date */
              today: string;
              timeZone: string;
              /** @description The facts the rules saw. */
              facts: Record<string, never>;
              profiles: {
                setId: string;
                /** @enum {unknown} */
                assignment: 'automatic' | 'manual';
                profileId: string | null;
                reason: string;
                candidates: {
                  profileId: string;
                  priority: number;
                  active: boolean;
                  /** @enum {unknown} */
                  matched: true | false | 'not-evaluated';
                  /** @description Each condition with the value it saw (a tree of all/any/not and leaves). */
                  conditions?: unknown;
                }[];
              }[];
              groups: {
                groupId: string;
                /** @enum {unknown} */
                kind: 'conditional' | 'static';
                /** @enum {unknown} */
                matched: true | false | 'not-evaluated';
                /** @description Each condition with the value it saw (a tree of all/any/not and leaves). */
                conditions?: unknown;
              }[];
              scenario: {
                scenarioId: string | null;
                reason: string;
              };
            };
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such decision record. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersCustomerIdMerge: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerMerge'];
      };
    };
    responses: {
      /** @description What moved, and the survivor. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            merge: {
              survivorId: string;
              duplicateId: string;
              mergedBy: string;
              moved: {
                [key: string]: number;
              };
              attributesTakenOver: string[];
              profilesRemoved: {
                setId: string;
                profileId: string;
              }[];
            };
            customer: components['schemas']['Customer'];
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:merge` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Same customer, already merged, or erasure pending. Or: the first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. Or: the `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdNotes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The notes. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            notes: {
              id: string;
              text: string;
              author: string;
              /** Format: date-time */
              createdAt: string;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersCustomerIdNotes: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NoteCreate'];
      };
    };
    responses: {
      /** @description The note. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            text: string;
            author: string;
            /** Format: date-time */
            createdAt: string;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The customer is erased, or was merged into another (`mergedInto` names it). Or: the first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. Or: the `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersCustomerIdObfuscation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ObfuscationRequest'];
      };
    };
    responses: {
      /** @description Obfuscated (or already): the fields and records replaced, never a value. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Obfuscation'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `erasure:request` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Related entities are active (`active`: kind, id, fix), an erasure is pending, or the customer is erased. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1Returns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReturnCreate'];
      };
    };
    responses: {
      /** @description Already recorded by an identical request. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            returnId: string;
            customerId: string;
            created: boolean;
            customerCreated: boolean;
            /** @description The profile of each set after the return. */
            profiles: {
              [key: string]: string | null;
            };
            decisionRecordId: string | null;
            changed: {
              setId: string;
              to: string | null;
            }[];
            /**
             * Format: date-time
             * @description When the oldest counted return leaves the window.
             */
            nextRecalculation?: string;
          };
        };
      };
      /** @description Recorded and recalculated. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            returnId: string;
            customerId: string;
            created: boolean;
            customerCreated: boolean;
            /** @description The profile of each set after the return. */
            profiles: {
              [key: string]: string | null;
            };
            decisionRecordId: string | null;
            changed: {
              setId: string;
              to: string | null;
            }[];
            /**
             * Format: date-time
             * @description When the oldest counted return leaves the window.
             */
            nextRecalculation?: string;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `events:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged into another is refused, `mergedInto` naming the customer to send it for. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1Orders: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OrderCreate'];
      };
    };
    responses: {
      /** @description Already recorded. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            orderId: string;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
            codHoldWorkflowId?: string;
            /** Format: date-time */
            codHoldDueAt?: string;
          };
        };
      };
      /** @description Recorded. A cash-on-delivery order also answers `codHoldDueAt` (when its hold is released for review if still open: the end of this minute plus the longest transit time) and `codHoldWorkflowId` (the workflow that releases the holds due then). */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            orderId: string;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
            codHoldWorkflowId?: string;
            /** Format: date-time */
            codHoldDueAt?: string;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `events:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged into another is refused, `mergedInto` naming the customer to send it for. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1OrdersOrderIdEvents: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The order id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        orderId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OrderEvent'];
      };
    };
    responses: {
      /** @description Already recorded. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            orderId: string;
            eventId: string;
            codReleased: boolean;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description Recorded. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            orderId: string;
            eventId: string;
            codReleased: boolean;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `events:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such order. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged into another is refused, `mergedInto` naming the customer to send it for. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Invoices: {
    parameters: {
      query?: {
        /** @description A profile of the set the scenarios follow (`to-assign`: the account type in the shipped rules), or of any set as `<set id>/<profile id>` (`account-type/to-assign`). */
        profile?: string;
        /** @description A scenario id (`standard`), or `none` for what no scenario covers: the invoices left to manual handling. */
        scenario?: string;
        /** @description Only this customer's invoices. */
        customerId?: string;
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of unpaid invoices; `next` when there may be more. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoices: {
              invoiceId: string;
              customerId: string;
              amount: number;
              currency: string;
              /** Format: date */
              dueDate: string;
              /** @description What the invoice still owes: its amount less its payments. */
              outstanding: number;
              /** @description The profile the customer holds now in the receivables' profile set. */
              profileId: string | null;
              /** @description The scenario of its current reminder sequence; null: left to manual handling. */
              scenarioId: string | null;
              /** @description running, paused or ended; null: no sequence. */
              sequenceState: string | null;
            }[];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A malformed or repeated filter, or a limit out of range. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1Invoices: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InvoiceCreate'];
      };
    };
    responses: {
      /** @description Already recorded. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            dunning: {
              scenarioId: string | null;
              workflowId?: string;
              manualHandling?: boolean;
            };
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description Recorded. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            dunning: {
              scenarioId: string | null;
              workflowId?: string;
              manualHandling?: boolean;
            };
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `events:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged into another is refused, `mergedInto` naming the customer to send it for. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1InvoicesInvoiceIdPayments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PaymentCreate'];
      };
    };
    responses: {
      /** @description Already recorded. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            paymentId: string;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description Recorded. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            paymentId: string;
            /** @description The decision record of the recalculation this event caused, if any. */
            decisionRecordId?: string;
            /** @description The profile sets whose profile changed, and to what. */
            changed?: {
              setId: string;
              to: string | null;
            }[];
            /** @description False when an identical request had already recorded it. */
            created: boolean;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `events:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such invoice. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The same id was recorded with other values, or the event cannot follow; a return or invoice naming a customer merged into another is refused, `mergedInto` naming the customer to send it for. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Groups: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The groups. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            groups: {
              id: string;
              name: string;
              description: string;
              /** @enum {unknown} */
              kind: 'conditional' | 'static';
              /** @description The condition as the rule file writes it (all/any/not and leaves); null for a static group. */
              conditions: unknown;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1GroupsGroupIdCount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The group id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        groupId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The count, and when it was taken. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            groupId: string;
            count: number;
            /** Format: date-time */
            at: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such group. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1GroupsGroupIdMembers: {
    parameters: {
      query?: {
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path: {
        /** @description The group id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        groupId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of member ids. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            groupId: string;
            customerIds: string[];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such group. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1ProfileSetsSetIdProfilesProfileIdHolders: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The set id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        setId: string;
        /** @description The profile id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        profileId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The count and the first holders. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            setId: string;
            profileId: string;
            count: number;
            sample: string[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such set or profile. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1ProfileSetsSetIdProfilesProfileIdReassign: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The set id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        setId: string;
        /** @description The profile id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        profileId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProfileReassignment'];
      };
    };
    responses: {
      /** @description Who moves (or moved) where. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            setId: string;
            from: string;
            to: string;
            dryRun: boolean;
            count: number;
            sample: string[];
            moved: number;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `profiles:assign` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such set or profile. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. Or: the `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersImports: {
    parameters: {
      query?: {
        /** @description The name of the uploaded file, kept with the job (at most 200 characters). */
        filename?: string;
        /** @description Who started the import, kept with the job (default `api`). */
        requestedBy?: string;
      };
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'text/csv': string;
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
      };
    };
    responses: {
      /** @description Accepted; the import runs as a job. */
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The job: `/v1/imports/{importId}`. */
          Location?: string;
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            target: 'customers' | 'group-members';
            groupId: string | null;
            /** @enum {unknown} */
            mode: 'add' | 'replace';
            filename: string;
            /** @enum {unknown} */
            format: 'csv' | 'xlsx';
            requestedBy: string;
            /** @enum {unknown} */
            status: 'in-process' | 'complete' | 'partial' | 'failed';
            totalRows: number | null;
            processedRows: number;
            okRows: number;
            errorRows: number;
            failure: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            processingMs: number | null;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `imports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Larger than 2 MB. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not CSV or XLSX. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1GroupsGroupIdImports: {
    parameters: {
      query?: {
        /** @description `add` (the default) adds the members; `replace` replaces the member list. */
        mode?: 'add' | 'replace';
        /** @description The name of the uploaded file, kept with the job (at most 200 characters). */
        filename?: string;
        /** @description Who started the import, kept with the job (default `api`). */
        requestedBy?: string;
      };
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The group id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        groupId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'text/csv': string;
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
      };
    };
    responses: {
      /** @description Accepted; the import runs as a job. */
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The job: `/v1/imports/{importId}`. */
          Location?: string;
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            target: 'customers' | 'group-members';
            groupId: string | null;
            /** @enum {unknown} */
            mode: 'add' | 'replace';
            filename: string;
            /** @enum {unknown} */
            format: 'csv' | 'xlsx';
            requestedBy: string;
            /** @enum {unknown} */
            status: 'in-process' | 'complete' | 'partial' | 'failed';
            totalRows: number | null;
            processedRows: number;
            okRows: number;
            errorRows: number;
            failure: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            processingMs: number | null;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `imports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such group. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not a static group. Or: the first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The file is larger than the limit. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The file is not CSV or XLSX. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Imports: {
    parameters: {
      query?: {
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of imports. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            imports: {
              id: string;
              /** @enum {unknown} */
              target: 'customers' | 'group-members';
              groupId: string | null;
              /** @enum {unknown} */
              mode: 'add' | 'replace';
              filename: string;
              /** @enum {unknown} */
              format: 'csv' | 'xlsx';
              requestedBy: string;
              /** @enum {unknown} */
              status: 'in-process' | 'complete' | 'partial' | 'failed';
              totalRows: number | null;
              processedRows: number;
              okRows: number;
              errorRows: number;
              failure: string | null;
              /** Format: date-time */
              createdAt: string;
              /** Format: date-time */
              finishedAt: string | null;
              processingMs: number | null;
            }[];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `imports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description `limit` is not 1–500, or `after` names no job of the list. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1ImportsImportId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The import id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            target: 'customers' | 'group-members';
            groupId: string | null;
            /** @enum {unknown} */
            mode: 'add' | 'replace';
            filename: string;
            /** @enum {unknown} */
            format: 'csv' | 'xlsx';
            requestedBy: string;
            /** @enum {unknown} */
            status: 'in-process' | 'complete' | 'partial' | 'failed';
            totalRows: number | null;
            processedRows: number;
            okRows: number;
            errorRows: number;
            failure: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            processingMs: number | null;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `imports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such import. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1ImportsImportIdErrors: {
    parameters: {
      query?: {
        /** @description `csv` or `xlsx` (default: the format of the upload); `json` lists each rejected row with its row number. */
        format?: 'csv' | 'xlsx' | 'json';
      };
      header?: never;
      path: {
        /** @description The import id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The error file (CSV or XLSX), or with `format=json` the rejected rows with their row numbers. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The caller lacks customers:read-personal. */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such import. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersExports: {
    parameters: {
      query?: never;
      header?: {
        /** @description A key the client makes up (a UUID) to repeat this request safely: the same key with the same body, by the same token within 24 hours, answers the stored answer again (`Idempotent-Replayed: true`) without doing anything again; the same key with another body answers 422; while the first request with the key is still running, a repeat answers 409. Only successful answers are kept: after an error the key may be used again. 1 to 255 printable ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ExportRequest'];
      };
    };
    responses: {
      /** @description Accepted; the export runs as a job. */
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The job: `/v1/exports/{exportId}`. */
          Location?: string;
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            format: 'csv' | 'xlsx';
            filters: {
              group?: string;
              active?: boolean;
            };
            requestedBy: string;
            /** @enum {unknown} */
            status: 'in-process' | 'complete' | 'failed';
            totalRows: number | null;
            processedRows: number;
            failure: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            processingMs: number | null;
            /** Format: date-time */
            fileRemovedAt: string | null;
            /** @description Email, phone and name masked in the file (started without customers:read-personal). */
            masked: boolean;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `exports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The first request with this `Idempotency-Key` is still running: repeat it after `Retry-After` seconds. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. Or: the `Idempotency-Key` was used with another request (method, path, query or body) by this token. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Exports: {
    parameters: {
      query?: {
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of exports. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportHistory'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `exports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description `limit` is not 1–500, or `after` names no job of the list. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1ExportsExportId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The export id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        exportId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            id: string;
            /** @enum {unknown} */
            format: 'csv' | 'xlsx';
            filters: {
              group?: string;
              active?: boolean;
            };
            requestedBy: string;
            /** @enum {unknown} */
            status: 'in-process' | 'complete' | 'failed';
            totalRows: number | null;
            processedRows: number;
            failure: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            processingMs: number | null;
            /** Format: date-time */
            fileRemovedAt: string | null;
            /** @description Email, phone and name masked in the file (started without customers:read-personal). */
            masked: boolean;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `exports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such export. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1ExportsExportIdFile: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The export id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        exportId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, as an attachment. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `exports` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such export. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not complete yet. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdErasurePreview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The personal fields and attributes that would be erased, and counts of related records (notes, attribute history, decision records, memberships, import error rows). */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            customerId: string;
            fields: string[];
            related: {
              [key: string]: number;
            };
            /** @enum {unknown} */
            erasureState: 'none' | 'pending' | 'erased';
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `erasure:request` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer, or no erasure request. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1CustomersCustomerIdErasure: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description State, erase-at, days left and timeline. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureStatus'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer, or no erasure request. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersCustomerIdErasure: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ErasureRequest'];
      };
    };
    responses: {
      /** @description An erasure is already waiting; this is it. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The erasure. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureAccepted'];
        };
      };
      /** @description Accepted: erasure planned at `eraseAt`. */
      202: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          /** @description The erasure: `/v1/customers/{customerId}/erasure`. */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureAccepted'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `erasure:request` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer, or no erasure request. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The customer is already erased, or was merged into another (`mergedInto`), whose erasure also covers it. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Temporal is unreachable, or a previous erasure is still finishing: repeat the same request; the request is kept. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CustomersCustomerIdErasureCancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The customer id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        customerId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ErasureCancel'];
      };
    };
    responses: {
      /** @description Cancel accepted: the erasure will not happen; the status is `cancelling` or `cancelled`. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureStatus'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `erasure:cancel` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such customer, or no erasure request. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The cancel is refused: the erasure is erasing, erased, or already cancelled or being cancelled. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Erasures: {
    parameters: {
      query?: {
        /** @description Only the erasures in this state. */
        state?: 'waiting' | 'blocked' | 'cancelling' | 'cancelled' | 'erasing' | 'erased' | 'failed';
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The erasures of this page, and `next` when more follow. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            erasures: {
              customerId: string;
              /** @enum {string} */
              state: 'waiting' | 'blocked' | 'cancelling' | 'cancelled' | 'erasing' | 'erased' | 'failed';
              /** Format: date-time */
              eraseAt?: string;
              workflowId: string;
              workflowStatus: string;
              /** Format: date-time */
              startedAt?: string;
            }[];
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `operations:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An unknown state, or a limit out of range. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1InvoicesInvoiceId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The invoice. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            customerId: string;
            amount: number;
            currency: string;
            /** Format: date */
            dueDate: string;
            /** @description What the invoice still owes: its amount less its payments. */
            outstanding: number;
            /** @description The profile the customer holds now in the receivables' profile set. */
            profileId: string | null;
            /** @description The scenario of its current reminder sequence; null: left to manual handling. */
            scenarioId: string | null;
            /** @description running, paused or ended; null: no sequence. */
            sequenceState: string | null;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such invoice. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1InvoicesInvoiceIdDunning: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            customerId: string;
            sequenceNo: number;
            workflowId: string;
            scenarioId: string;
            profileSetId: string | null;
            profileId: string;
            ruleSetVersion: string;
            /** @description `running`, `paused` or `ended`. */
            state: string;
            endReason: string | null;
            /** @enum {unknown} */
            startedOn: 'invoice-created' | 'profile-changed';
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date */
            dueDate: string;
            steps: {
              id: string;
              offsetDays: number;
              /** @enum {unknown} */
              action: 'email' | 'sms' | 'call-task' | 'formal-notice' | 'letter';
              template: string;
              /** Format: date-time */
              at: string;
              outcome: string;
              /** Format: date-time */
              ranAt?: string;
              detail?: string;
              /** @description The condition of the step, if any. */
              when?: unknown;
            }[];
            previousSequences: {
              sequenceNo: number;
              workflowId: string;
              scenarioId: string;
              profileSetId: string | null;
              profileId: string;
              ruleSetVersion: string;
              /** @description `running`, `paused` or `ended`. */
              state: string;
              endReason: string | null;
              /** @enum {unknown} */
              startedOn: 'invoice-created' | 'profile-changed';
              /** Format: date-time */
              startedAt: string | null;
              /** Format: date-time */
              endedAt: string | null;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No sequence. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1InvoicesInvoiceIdDunningPause: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DunningPause'];
      };
    };
    responses: {
      /** @description The plan, paused (`state`, `endReason`, each step), as GET /v1/invoices/{invoiceId}/dunning shows it. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            customerId: string;
            sequenceNo: number;
            workflowId: string;
            scenarioId: string;
            profileSetId: string | null;
            profileId: string;
            ruleSetVersion: string;
            /** @description `running`, `paused` or `ended`. */
            state: string;
            endReason: string | null;
            /** @enum {unknown} */
            startedOn: 'invoice-created' | 'profile-changed';
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date */
            dueDate: string;
            steps: {
              id: string;
              offsetDays: number;
              /** @enum {unknown} */
              action: 'email' | 'sms' | 'call-task' | 'formal-notice' | 'letter';
              template: string;
              /** Format: date-time */
              at: string;
              outcome: string;
              /** Format: date-time */
              ranAt?: string;
              detail?: string;
              /** @description The condition of the step, if any. */
              when?: unknown;
            }[];
            previousSequences: {
              sequenceNo: number;
              workflowId: string;
              scenarioId: string;
              profileSetId: string | null;
              profileId: string;
              ruleSetVersion: string;
              /** @description `running`, `paused` or `ended`. */
              state: string;
              endReason: string | null;
              /** @enum {unknown} */
              startedOn: 'invoice-created' | 'profile-changed';
              /** Format: date-time */
              startedAt: string | null;
              /** Format: date-time */
              endedAt: string | null;
            }[];
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No sequence. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Refused: the sequence has ended (paid, all steps done, stopped); `detail` says why. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body does not match the schema; `errors` lists each problem. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1InvoicesInvoiceIdDunningResume: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The plan, running (`state`, `endReason`, each step), as GET /v1/invoices/{invoiceId}/dunning shows it. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            customerId: string;
            sequenceNo: number;
            workflowId: string;
            scenarioId: string;
            profileSetId: string | null;
            profileId: string;
            ruleSetVersion: string;
            /** @description `running`, `paused` or `ended`. */
            state: string;
            endReason: string | null;
            /** @enum {unknown} */
            startedOn: 'invoice-created' | 'profile-changed';
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date */
            dueDate: string;
            steps: {
              id: string;
              offsetDays: number;
              /** @enum {unknown} */
              action: 'email' | 'sms' | 'call-task' | 'formal-notice' | 'letter';
              template: string;
              /** Format: date-time */
              at: string;
              outcome: string;
              /** Format: date-time */
              ranAt?: string;
              detail?: string;
              /** @description The condition of the step, if any. */
              when?: unknown;
            }[];
            previousSequences: {
              sequenceNo: number;
              workflowId: string;
              scenarioId: string;
              profileSetId: string | null;
              profileId: string;
              ruleSetVersion: string;
              /** @description `running`, `paused` or `ended`. */
              state: string;
              endReason: string | null;
              /** @enum {unknown} */
              startedOn: 'invoice-created' | 'profile-changed';
              /** Format: date-time */
              startedAt: string | null;
              /** Format: date-time */
              endedAt: string | null;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No sequence. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Refused: the sequence has ended (paid, all steps done, stopped); `detail` says why. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1InvoicesInvoiceIdDunningStop: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The invoice id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        invoiceId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DunningStop'];
      };
    };
    responses: {
      /** @description The plan, ended, with the reason as `endReason` (`state`, `endReason`, each step), as GET /v1/invoices/{invoiceId}/dunning shows it. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            invoiceId: string;
            customerId: string;
            sequenceNo: number;
            workflowId: string;
            scenarioId: string;
            profileSetId: string | null;
            profileId: string;
            ruleSetVersion: string;
            /** @description `running`, `paused` or `ended`. */
            state: string;
            endReason: string | null;
            /** @enum {unknown} */
            startedOn: 'invoice-created' | 'profile-changed';
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date */
            dueDate: string;
            steps: {
              id: string;
              offsetDays: number;
              /** @enum {unknown} */
              action: 'email' | 'sms' | 'call-task' | 'formal-notice' | 'letter';
              template: string;
              /** Format: date-time */
              at: string;
              outcome: string;
              /** Format: date-time */
              ranAt?: string;
              detail?: string;
              /** @description The condition of the step, if any. */
              when?: unknown;
            }[];
            previousSequences: {
              sequenceNo: number;
              workflowId: string;
              scenarioId: string;
              profileSetId: string | null;
              profileId: string;
              ruleSetVersion: string;
              /** @description `running`, `paused` or `ended`. */
              state: string;
              endReason: string | null;
              /** @enum {unknown} */
              startedOn: 'invoice-created' | 'profile-changed';
              /** Format: date-time */
              startedAt: string | null;
              /** Format: date-time */
              endedAt: string | null;
            }[];
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No sequence. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Refused: the sequence has ended (paid, all steps done, stopped); `detail` says why. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not a stop reason of the scenario. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Tasks: {
    parameters: {
      query?: {
        /** @description `call`, `formal-notice`, `letter` or `manual-handling`. */
        kind?: string;
        /** @description `open` (the default), `done` or `cancelled`. */
        status?: 'open' | 'done' | 'cancelled';
        /** @description A profile of the set the scenarios follow (`to-assign`: the account type in the shipped rules), or of any set as `<set id>/<profile id>` (`account-type/to-assign`). */
        profile?: string;
        /** @description A scenario id (`standard`), or `none` for what no scenario covers: the invoices left to manual handling. */
        scenario?: string;
        /** @description Only this customer's tasks. */
        customerId?: string;
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of tasks, oldest first; `next` when there may be more. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            tasks: components['schemas']['Task'][];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A malformed or repeated filter, an unknown status, or a limit out of range. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1TasksTaskId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The task id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        taskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such task. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1TasksTaskIdDone: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The task id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        taskId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TaskDone'];
      };
    };
    responses: {
      /** @description The task, done. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:write` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such task. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The task was cancelled by Rulebook; `detail` says when and why. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A body that is not a TaskDone. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Notifications: {
    parameters: {
      query?: {
        /** @description `pending` (the default), `dead` or `sent`. */
        status?: 'pending' | 'dead' | 'sent';
        /** @description `email` or `sms`. */
        channel?: 'email' | 'sms';
        /** @description At most this many: 1–1000 (default 100). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The messages. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            notifications: {
              id: string;
              customerId: string;
              channel: string;
              template: string;
              invoiceId: string | null;
              /** @enum {unknown} */
              status: 'pending' | 'dead' | 'sent';
              /** Format: date-time */
              queuedAt: string | null;
              attempts: number;
              lastError: string | null;
              /** Format: date-time */
              nextAttemptAt: string | null;
              /** Format: date-time */
              deadAt: string | null;
              /** Format: date-time */
              sentAt: string | null;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `operations:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An unknown status or channel. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Receivables: {
    parameters: {
      query?: {
        /** @description A profile of the set the scenarios follow (`to-assign`: the account type in the shipped rules), or of any set as `<set id>/<profile id>` (`account-type/to-assign`). */
        profile?: string;
        /** @description A scenario id (`standard`), or `none` for what no scenario covers: the invoices left to manual handling. */
        scenario?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The total, and the amounts per profile of `profileSetId` and per scenario. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Receivables'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `customers:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A malformed or repeated filter. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1TemporalCodecEncode: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodecPayloads'];
      };
    };
    responses: {
      /** @description The payloads, converted. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodecPayloads'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Decoding needs the scope customers:read-personal (or the token `npm start` generated). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A payload of another installation or key. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1TemporalCodecDecode: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodecPayloads'];
      };
    };
    responses: {
      /** @description The payloads, converted. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CodecPayloads'];
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Decoding needs the scope customers:read-personal (or the token `npm start` generated). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A payload of another installation or key. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1WorkflowIntents: {
    parameters: {
      query?: {
        /** @description `pending` (the default), `dead` or `delivered`. */
        status?: 'pending' | 'dead' | 'delivered';
        /** @description Only the intents of this workflow. */
        workflowId?: string;
        /** @description At most this many: 1–1000 (default 100). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The intents. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            intents: {
              id: string;
              workflowId: string;
              workflowType: string;
              action: string;
              signal: string | null;
              /** @enum {unknown} */
              status: 'pending' | 'delivered' | 'dead';
              /** Format: date-time */
              queuedAt: string | null;
              attempts: number;
              lastError: string | null;
              /** Format: date-time */
              nextAttemptAt: string | null;
              /** Format: date-time */
              deadAt: string | null;
              /** Format: date-time */
              deliveredAt: string | null;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `operations:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description An unknown status, or a repeated parameter. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Credentials: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description By name. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            credentials: {
              name: string;
              scopes: string[];
              /** Format: date-time */
              createdAt: string;
              createdBy: string;
              /** Format: date-time */
              revokedAt: string | null;
              revokedBy: string | null;
            }[];
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `credentials:admin` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1Credentials: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CredentialCreate'];
      };
    };
    responses: {
      /** @description The credential, with its `token`. */
      201: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            scopes: string[];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            revokedAt: string | null;
            revokedBy: string | null;
            /** @description Shown this once. */
            token: string;
          };
        };
      };
      /** @description The body is not valid JSON, or cannot be read as its Content-Encoding says. */
      400: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `credentials:admin` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The name is (or was) in use. */
      409: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than 1 MB, or holds more than 10,000 values. */
      413: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not sent as application/json. */
      415: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A bad name, an unknown scope, or a scope the maker does not hold. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  postV1CredentialsCredentialNameRevoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The credentialName id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        credentialName: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The credential, revoked. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            scopes: string[];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            revokedAt: string | null;
            revokedBy: string | null;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `credentials:admin` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No credential of that name. */
      404: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getV1Audit: {
    parameters: {
      query?: {
        /** @description Page size: a whole number from 1 to 500 (default 50). */
        limit?: number;
        /** @description Where the page starts: the `next` (or last id) of the previous page. */
        after?: string;
        /** @description Only the entries of this credential. */
        actor?: string;
        /** @description `json` (the default) or `csv`. */
        format?: 'json' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of entries. */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entries: {
              id: number;
              /** Format: date-time */
              at: string;
              /** @description The credential that made the request (`token-<n>` for a token of API_TOKENS). */
              actor: string;
              /** @description The person the credential acted for (On-Behalf-Of, or a delegate's deprecated body field). */
              onBehalfOf: string | null;
              method: string;
              /** @description The route pattern, e.g. /v1/customers/{customerId}/erasure/cancel. */
              route: string;
              /** @description The ids in the path, by parameter name. */
              ids: {
                [key: string]: string;
              };
              status: number;
              /** @enum {unknown} */
              outcome: 'done' | 'refused' | 'failed';
              requestId: string | null;
            }[];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
          'text/csv': {
            entries: {
              id: number;
              /** Format: date-time */
              at: string;
              /** @description The credential that made the request (`token-<n>` for a token of API_TOKENS). */
              actor: string;
              /** @description The person the credential acted for (On-Behalf-Of, or a delegate's deprecated body field). */
              onBehalfOf: string | null;
              method: string;
              /** @description The route pattern, e.g. /v1/customers/{customerId}/erasure/cancel. */
              route: string;
              /** @description The ids in the path, by parameter name. */
              ids: {
                [key: string]: string;
              };
              status: number;
              /** @enum {unknown} */
              outcome: 'done' | 'refused' | 'failed';
              requestId: string | null;
            }[];
            /** @description Present on a full page: pass it as `after` for the next page. */
            next?: string;
          };
        };
      };
      /** @description Missing or invalid bearer token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The credential does not hold the scope `audit:read` (`requiredScope` names it). */
      403: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A malformed `limit`, `after` or `format`. */
      422: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The token sent more requests than API_RATE_LIMIT allows; retry after `Retry-After` seconds. */
      429: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The database (or Temporal, for a route that asks a workflow) cannot be reached: repeat the same request after `Retry-After` seconds. */
      503: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Retry-After': components['headers']['Retry-After'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProblems: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page (HTML; Markdown with `Accept: text/markdown`). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
          'text/markdown': string;
        };
      };
      /** @description A body was sent that is not JSON (a probe takes no body). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getProblemsProblemType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The problemType id: 1 to 128 letters, digits, ".", "_", ":" or "-". */
        problemType: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page (HTML; Markdown with `Accept: text/markdown`). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
          'text/markdown': string;
        };
      };
      /** @description No such kind of problem. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
