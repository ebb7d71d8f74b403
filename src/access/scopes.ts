/**
 * What a credential may do: one scope per kind of act, in the style of Stripe's restricted keys.
 * Every authenticated route names the one scope it needs (src/api/api-route.ts); a token lacking it
 * is answered 403 naming the scope. Tokens of API_TOKENS hold every scope.
 */
export const scopes = {
  'events:write': 'Record returns, orders and their events, invoices and payments (a shop system).',
  'customers:read': 'Read customers, their timelines, COD positions, decisions, notes; search; groups, profiles, tasks, receivables.',
  'customers:write': 'Create and change customers, add notes, mark tasks done, steer reminder sequences.',
  'customers:read-personal': 'See email, phone, name and encrypted attributes unmasked (without it, reads and exports mask them).',
  'profiles:assign': 'Assign manual profiles to customers, and reassign every holder of a profile.',
  'erasure:request': 'Preview and request the 45-day erasure of a customer, and obfuscate a customer at once.',
  'erasure:cancel': 'Cancel a pending erasure (with a reason).',
  'customers:merge': 'Merge a duplicate into a customer (irreversible).',
  'customers:delete': 'Delete a customer.',
  imports: 'Import customers and static group members from files, and read the import history.',
  exports: 'Export customers to files, download them, and read the export history.',
  'rules:reload': 'Reload the rules, check a candidate rule change, re-encrypt attributes under a new key.',
  'rules:explain': 'Read the rules in use, explain a decision, the impact of a candidate change, recalculation jobs.',
  'operations:read': 'Read the workflow-intent outbox, the reminder outbox and the erasures list; decode Temporal payloads.',
  'audit:read': 'Read and export the audit trail.',
  'credentials:admin': 'Create, list and revoke API credentials.',
  delegate: 'Act for a person: send On-Behalf-Of (a console, a back office), recorded next to the token name.',
} as const;

export type Scope = keyof typeof scopes;

/** Every scope, in the order above. */
export const allScopes = Object.keys(scopes) as Scope[];

/** Whether `name` is a scope. */
export function isScope(name: string): name is Scope {
  return Object.hasOwn(scopes, name);
}
