/**
 * A new return request (seed 000, POST /v1/returns): find the customer — by id, or by the order
 * contact's email, creating a customer on the fly when none has it — record the return and
 * recalculate the automatic profile sets and schedule the recalculation for the moment the oldest
 * counted return leaves the window, all in one transaction (the workflow hears of it through the
 * outbox, so the answer does not wait for Temporal).
 */
import { randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors';
import type { RuleSet } from '../rules/rule-set';
import { findCustomerIdByEmail, refuseMerged } from '../store/customer-store';
import type { Queryable } from '../store/database';
import * as eventStore from '../store/event-store';
import { getCustomerProfiles } from '../store/profile-store';
import type { ProcessDeps } from './process-deps';
import { loadRecalculationFacts, recalculateProfiles } from './profile-recalculation';
import { registerCustomerIn } from './register-customer';
import { scheduleReturnsWindow } from './returns-window-process';

export interface ReturnRequest extends eventStore.ReturnInput {
  customerId?: string;
  email?: string;
}

export interface ReturnOutcome {
  returnId: string;
  customerId: string;
  /** False when the same request was already recorded: nothing changed. */
  created: boolean;
  customerCreated: boolean;
  profiles: Record<string, string | null>;
  decisionRecordId: string | null;
  changed: Array<{ setId: string; to: string | null }>;
}

/** Records the return, recalculates and schedules the returns window, in one transaction; idempotent by return id. */
export async function recordReturn(
  deps: Pick<ProcessDeps, 'db'>,
  ruleSet: RuleSet,
  request: ReturnRequest,
  now = new Date(),
): Promise<ReturnOutcome & { nextRecalculation?: string }> {
  return deps.db.transaction(async (tx) => {
    // In the same transaction: a return refused later (a conflicting repeat) leaves no customer behind.
    const { customerId, created: customerCreated } = await resolveCustomer(tx, ruleSet, request);
    // The record's id is stored with the return at once: the recalculation keeps its record under it.
    const decisionId = randomUUID();
    const locked = eventStore.lockCustomerAndRecordReturn(tx, customerId, request, decisionId);
    // Sent behind the lock in the same round trip (pipelined). PostgreSQL runs it once the lock is
    // held, with a snapshot of its own, so it reads what the lock's previous holder committed. Unused
    // when the return was recorded before.
    const facts = loadRecalculationFacts(tx, ruleSet, customerId, now, 'return-created');
    facts.catch(() => {});
    const { customer, created, scheduledRecalculation } = await locked;
    // Refused after the statement that locked the customer (a return costs one round trip): the
    // transaction's rollback takes the return back, and a duplicate merged away gets no profile again.
    if (created) refuseMerged(customer, 'record returns of');
    if (!created) {
      const decisionRecordId = await eventStore.returnDecisionId(tx, request.id);
      const held = await getCustomerProfiles(tx, customerId);
      const profiles = Object.fromEntries(Object.entries(held).map(([setId, profile]) => [setId, profile.profileId]));
      return { returnId: request.id, customerId, created, customerCreated, profiles, decisionRecordId, changed: [] };
    }
    // Independent statements, sent together (pipelined).
    const [recalculation, nextRecalculation] = await Promise.all([
      recalculateProfiles(tx, ruleSet, customerId, now, 'return-created', decisionId, facts),
      scheduleReturnsWindow(tx, ruleSet, customerId, now, { returnedAt: new Date(request.returnedAt), scheduled: scheduledRecalculation }),
    ]);
    return {
      ...(nextRecalculation && { nextRecalculation: nextRecalculation.toISOString() }),
      returnId: request.id,
      customerId,
      created,
      customerCreated,
      profiles: recalculation.profiles,
      decisionRecordId: recalculation.decisionRecordId,
      changed: recalculation.changed,
    };
  });
}

async function resolveCustomer(db: Queryable, ruleSet: RuleSet, request: ReturnRequest): Promise<{ customerId: string; created: boolean }> {
  // The customer's lock, taken next, finds an unknown id.
  if (request.customerId) return { customerId: request.customerId, created: false };
  if (!request.email) {
    throw new ValidationError('A return needs the customer: give "customerId", or "email" of the order contact.', [
      { pointer: '/email', message: 'is required when customerId is absent' },
    ]);
  }
  const existing = await findCustomerIdByEmail(db, request.email);
  if (existing) return { customerId: existing, created: false };
  try {
    const id = `cust-${randomUUID()}`;
    await registerCustomerIn(db, ruleSet, { id, email: request.email });
    return { customerId: id, created: true };
  } catch (error) {
    // Another request created the customer for this email at the same moment (createCustomer's
    // ON CONFLICT waited for it to commit, and refuses in JavaScript, so this transaction goes on): use it.
    const raced = error instanceof ConflictError ? await findCustomerIdByEmail(db, request.email) : undefined;
    if (raced) return { customerId: raced, created: false };
    throw error;
  }
}
