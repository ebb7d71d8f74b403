/** Side effects of the returns-window workflow, as a factory over the database and the rules in use. */
import { recalculateProfiles } from '../src/processes/profile-recalculation';
import { recordReturnsWindowSchedule } from '../src/processes/returns-window-process';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import { nextReturnExpiry } from '../src/store/returns-window-store';
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
      const ruleSet = rules.current;
      const at = new Date(request.at);
      return db.transaction(async (tx) => {
        await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [request.customerId]);
        const { changed } = await recalculateProfiles(tx, ruleSet, request.customerId, at, 'return-left-window');
        const next = await nextReturnExpiry(tx, request.customerId, ruleSet.settings.returnsWindow, at);
        await recordReturnsWindowSchedule(tx, request.customerId, next ?? null);
        return { nextExpiry: next?.toISOString() ?? null, changed: changed.map((change) => `${change.setId}:${change.to ?? 'none'}`) };
      });
    },
  });
}

export type ProfileActivities = ReturnType<typeof createProfileActivities>;
