/** Side effects of the returns-window workflow, as a factory over the database and the rules in use. */
import { recalculateForReturnsWindow } from '../src/use-cases/returns-window-recalculation';
import { recalculateAfterRuleChange } from '../src/use-cases/rule-change';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface ProfileActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'> & Partial<Pick<RuleRegistry, 'reload'>>;
}

/** The profile activities bound to their dependencies. */
export function createProfileActivities({ db, rules }: ProfileActivityDeps) {
  return failPermanentlyOnUserErrors({
    /** Recalculates at `at` (the workflow's clock) and tells when the next counted return ages out. */
    async recalculateAfterWindow(request: { customerId: string; at: string }): Promise<{ nextExpiry: string | null; changed: string[] }> {
      return recalculateForReturnsWindow(db, rules.current, request.customerId, new Date(request.at));
    },
    /** One batch of a recalculation job after a rule change removed automatic profiles; how many customers are left. */
    async recalculateAfterRuleChange(request: { jobId: string }): Promise<{ remaining: number }> {
      return recalculateAfterRuleChange(db, rules, request.jobId);
    },
  });
}

export type ProfileActivities = ReturnType<typeof createProfileActivities>;
