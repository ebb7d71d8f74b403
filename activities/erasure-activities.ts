/** Side effects of the erasure workflow, as a factory over the injected database. */
import { personalAttributeIds } from '../src/rules/personal-attributes';
import type { RuleRegistry } from '../src/rules/rule-registry';
import type { Database } from '../src/store/database';
import {
  eraseCustomer,
  markErasurePending,
  restoreAfterCancelledErasure,
  type ErasureCertificate,
} from '../src/store/erasure-store';
import { failPermanentlyOnUserErrors } from './fail-permanently';

export interface ErasureActivityDeps {
  db: Database;
  rules: Pick<RuleRegistry, 'current'>;
}

/** The erasure activities bound to their dependencies. */
export function createErasureActivities({ db, rules }: ErasureActivityDeps) {
  return failPermanentlyOnUserErrors({
    async markErasurePending(request: { customerId: string; requestId: string; eraseAt: string; requestedBy: string }) {
      await markErasurePending(db, request);
    },
    async restoreAfterCancelledErasure(request: { customerId: string; requestId: string; reason: string; cancelledBy: string }) {
      await restoreAfterCancelledErasure(db, request);
    },
    async eraseCustomer(request: {
      customerId: string;
      requestId: string;
      requestedAt: string;
      requestedBy: string;
    }): Promise<ErasureCertificate> {
      return eraseCustomer(db, request, personalAttributeIds(rules.current));
    },
  });
}

export type ErasureActivities = ReturnType<typeof createErasureActivities>;
