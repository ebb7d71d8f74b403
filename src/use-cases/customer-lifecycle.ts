/** A customer's life-cycle by hand: merging a duplicate into it, deleting it, and notes (seed 003). */
import type { RuleSet } from '../rules/rule-set';
import { addNote, deleteCustomer, listNotes, mergeCustomersIn } from '../store/customer-lifecycle-store';
import { scheduleReturnsWindow } from './returns-window-process';
import type { Database } from '../store/database';
import { customerView } from './customer-view';
import { followHeldProfiles, relistSequencesUnder } from './dunning-process';
import { recalculateSetsIn } from './profile-recalculation';

/** The trigger of the decision record a merge keeps for the survivor. */
const mergedTrigger = 'customers-merged';

/**
 * Merges the duplicate into the survivor (irreversible), in one transaction with what it sets off
 * (the survivor's automatic profiles recalculated, its reminders following its profile); answers
 * with what moved and the survivor as the API shows it.
 */
export async function mergeDuplicate(db: Database, ruleSet: RuleSet, survivorId: string, merge: { duplicateId: string; mergedBy: string }) {
  const moved = await db.transaction(async (tx) => {
    const detail = await mergeCustomersIn(tx, survivorId, merge.duplicateId, merge.mergedBy);
    // Told before any of them is stopped below: the outbox delivers a workflow's intents in order.
    await relistSequencesUnder(tx, survivorId);
    // The duplicate's orders, returns and invoices now count for the survivor: its automatic
    // profiles are decided again, its returns-window workflow hears the moment they bring, and
    // the moved reminders follow the survivor's profile.
    const automatic = ruleSet.profileSets.filter((set) => set.assignment === 'automatic');
    await recalculateSetsIn(tx, ruleSet, survivorId, automatic, { trigger: mergedTrigger, assignedBy: `rules:${mergedTrigger}` });
    await scheduleReturnsWindow(tx, ruleSet, survivorId);
    await followHeldProfiles(tx, ruleSet, survivorId);
    return detail;
  });
  return { merge: moved, customer: await customerView(db, ruleSet, survivorId) };
}

/** Deletes the customer and what only it holds; ConflictError while orders or invoices are linked, or an erasure is pending. */
export async function removeCustomer(db: Database, customerId: string): Promise<void> {
  await deleteCustomer(db, customerId);
}

/** Adds a note to the customer (and a line on its timeline). */
export async function addCustomerNote(db: Database, customerId: string, note: { text: string; author: string }) {
  return addNote(db, customerId, note);
}

/** The customer's notes, newest first. */
export async function customerNotes(db: Database, customerId: string) {
  return { notes: await listNotes(db, customerId) };
}
