/** Payment reminders as the API shows them: an invoice's plan, the tasks for people, the outbox, and receivables. */
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { NotFoundError, ValidationError } from '../errors';
import {
  getInvoiceSummary,
  getSequence,
  getTask,
  listTasks,
  listUnpaidInvoices,
  receivables,
  type TaskStatus,
} from '../store/dunning-store';
import { listMessages, type MessageStatus } from '../store/outbox-store';
import { dunningProfileSetId, resolveDunningFilters, type DunningFilterQuery } from './dunning-profile-set';

/** The states a reminder message is listed by. */
export { messageStatuses } from '../store/outbox-store';

/** The states a task is listed by. */
export { taskStatuses } from '../store/dunning-store';

/**
 * The invoice's reminder plan — its current sequence (the latest: a profile change ends one and may
 * start another): scenario and rule-set version pinned at its start, each step and what it did — and
 * the sequences before it, each with its end reason; NotFoundError when it never had one.
 */
export async function dunningPlan(db: Queryable, invoiceId: string) {
  const sequence = await getSequence(db, invoiceId);
  if (!sequence) {
    throw new NotFoundError(
      `Invoice "${invoiceId}" has no reminder sequence (unknown invoice, or its customer's profile has no scenario: see GET /v1/tasks?kind=manual-handling).`,
    );
  }
  return sequence;
}

/**
 * A page of tasks for people — calls, formal notices, letters, manual handling — open by default,
 * filtered by kind, status, and the profile and scenario in force when each task was made; `next`
 * when there may be more.
 */
export async function dunningTasks(
  db: Queryable,
  ruleSet: RuleSet,
  query: DunningFilterQuery & { kind?: string; status?: TaskStatus; customerId?: string },
  page: { limit: number; after?: string },
) {
  const { kind, status, customerId, ...filters } = query;
  if (page.after !== undefined && !(await getTask(db, page.after))) {
    throw new ValidationError(`"after" names no task ("${page.after}"): pass the \`next\` of the previous page.`, [
      { pointer: '/after', message: 'names no task' },
    ]);
  }
  const tasks = await listTasks(
    db,
    { ...resolveDunningFilters(ruleSet, filters), ...(kind && { kind }), ...(status && { status }), ...(customerId && { customerId }) },
    page,
  );
  const next = tasks.length === page.limit ? tasks.at(-1)?.id : undefined;
  return { tasks, ...(next && { next }) };
}

/** Reminder messages in the outbox: pending, given up (dead) or sent. */
export async function outboxMessages(db: Queryable, filters: { status: MessageStatus; channel?: string; limit?: number }) {
  return { notifications: await listMessages(db, filters) };
}

/**
 * Outstanding amounts of the invoices whose customer holds the `profile` now and whose sequence
 * follows the `scenario` (none: left to manual handling): in total, per profile of the reminders'
 * set (the account type) and per scenario.
 */
export async function receivablesView(db: Queryable, ruleSet: RuleSet, query: DunningFilterQuery = {}) {
  return receivables(db, dunningProfileSetId(ruleSet), resolveDunningFilters(ruleSet, query));
}

/** A page of unpaid invoices (who owes what), by invoice id, with the same filters as receivables, and of one customer if given. */
export async function unpaidInvoices(
  db: Queryable,
  ruleSet: RuleSet,
  query: DunningFilterQuery & { customerId?: string },
  page: { limit: number; after?: string },
) {
  const filters = { ...resolveDunningFilters(ruleSet, query), ...(query.customerId !== undefined && { customerId: query.customerId }) };
  const invoices = await listUnpaidInvoices(db, dunningProfileSetId(ruleSet), filters, page);
  const last = invoices.length === page.limit ? invoices.at(-1) : undefined;
  return { invoices, ...(last && { next: last.invoiceId }) };
}

/** One invoice, paid or not: what it still owes, its customer's profile now, and its reminders' scenario and state; NotFoundError when unknown. */
export async function invoiceView(db: Queryable, ruleSet: RuleSet, invoiceId: string) {
  const invoice = await getInvoiceSummary(db, dunningProfileSetId(ruleSet), invoiceId);
  if (!invoice) throw new NotFoundError(`No invoice has the id "${invoiceId}".`);
  return invoice;
}
