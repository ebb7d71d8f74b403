/**
 * Rulebook's custom search attributes: what operators filter workflows by in the Temporal Web UI and
 * with `temporal workflow list --query "RulebookErasureState='blocked'"`. Ids and states only, never
 * a personal value: search attributes are stored and indexed in clear by Temporal.
 *
 * They must be registered in the namespace before a workflow sets them (Temporal refuses an unknown
 * one): `npm start` registers them on its dev server (`--search-attribute`), and every worker checks
 * them at start and registers those missing (src/temporal/search-attribute-registration.ts); on a
 * cluster where the worker may not, an operator creates them once (docs/operations.md).
 *
 * Written as plain keys (the shape of @temporalio/common's `defineSearchAttributeKey`), since workflow
 * code imports nothing but @temporalio/workflow.
 */
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';

const keyword = (name: string): SearchAttributeKey<'KEYWORD'> => ({ name, type: 'KEYWORD' });
const datetime = (name: string): SearchAttributeKey<'DATETIME'> => ({ name, type: 'DATETIME' });

/** The customer a workflow acts for (erasure, reminder sequence, returns window, COD hold). */
export const customerIdAttribute = keyword('RulebookCustomerId');
/** An erasure's state as its status query answers it: waiting, blocked, cancelling, cancelled, erasing, erased, failed. */
export const erasureStateAttribute = keyword('RulebookErasureState');
/** When an erasure's grace period ends. */
export const eraseAtAttribute = datetime('RulebookEraseAt');
/** The dunning scenario a reminder sequence runs (pinned at its start). */
export const dunningScenarioAttribute = keyword('RulebookDunningScenario');

/** Every Rulebook search attribute with its Temporal type, as `temporal operator search-attribute create` takes them. */
export const rulebookSearchAttributes = [customerIdAttribute, erasureStateAttribute, eraseAtAttribute, dunningScenarioAttribute] as const;
