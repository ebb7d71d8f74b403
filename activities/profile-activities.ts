/** Side effects of the returns-window workflow, as a factory over the database and the rules in use. */
import { recalculateForReturnsWindow } from '../src/use-cases/returns-window-recalculation';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface ProfileActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
}

/** The profile activities bound to their dependencies. */
export function createProfileActivities({ db, rules }: ProfileActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Recalculates at `at` (the workflow's clock) and tells when the next counted return ages out. */
    async recalculateAfterWindow(request: { customerId: string; at: string }): Promise<{ nextExpiry: string | null; changed: string[] }> {
      return recalculateForReturnsWindow(db, rules.current, request.customerId, new Date(request.at));
    },
  });
}

export type ProfileActivities = ReturnType<typeof createProfileActivities>;
