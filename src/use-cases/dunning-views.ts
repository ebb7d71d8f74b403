/** Payment reminders as the API shows them: an invoice's plan, the tasks for people, the outbox, and receivables. */
import { NotFoundError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import type { Queryable } from '../store/database';
import { getSequence, listTasks, receivables } from '../store/dunning-store';
import { listMessages, type MessageStatus } from '../store/outbox-store';

/** The states a reminder message is listed by. */
export { messageStatuses } from '../store/outbox-store';

/** The invoice's reminder plan: scenario and rule-set version pinned at the start, each step and what it did; NotFoundError when it has none. */
export async function dunningPlan(db: Queryable, invoiceId: string) {
  const sequence = await getSequence(db, invoiceId);
  if (!sequence) {
    throw new NotFoundError(
      `Invoice "${invoiceId}" has no reminder sequence (unknown invoice, or its customer's profile has no scenario: see GET /v1/tasks?kind=manual-handling).`,
    );
  }
  return sequence;
}

/** Open (or done) tasks for people — calls, formal notices, letters, manual handling — filtered. */
export async function dunningTasks(db: Queryable, filters: { kind?: string; scenario?: string; profile?: string; status?: string }) {
  return { tasks: await listTasks(db, filters) };
}

/** Reminder messages in the outbox: pending, given up (dead) or sent. */
export async function outboxMessages(db: Queryable, filters: { status: MessageStatus; channel?: string; limit?: number }) {
  return { notifications: await listMessages(db, filters) };
}

/** Outstanding amounts per profile of the manual profile set (the account type) and per scenario. */
export async function receivablesView(db: Queryable, ruleSet: RuleSet) {
  const manualSet = ruleSet.profileSets.find((set) => set.assignment === 'manual');
  return receivables(db, manualSet?.id ?? 'account-type');
}
