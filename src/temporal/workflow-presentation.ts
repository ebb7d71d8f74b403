/**
 * How a workflow presents itself to operators in the Temporal Web UI and CLI: a one-line summary and
 * details (Temporal's static summary and details, shown above the history) and the search attributes
 * it is listed by from its start. Made from the workflow's type and arguments when its start is
 * delivered, so the outbox stores nothing more than the start itself. Ids, dates and states only:
 * search attributes are indexed in clear, and summaries must not need the codec to be harmless.
 */
import type { SearchAttributePair } from '@temporalio/common';
import type { DunningInput } from '../../workflows/dunning';
import type { ErasureInput } from '../../workflows/erasure';
import { customerIdAttribute, dunningScenarioAttribute, eraseAtAttribute, erasureStateAttribute } from '../../workflows/search-attributes';

export interface WorkflowPresentation {
  staticSummary?: string;
  staticDetails?: string;
  typedSearchAttributes?: SearchAttributePair[];
}

/** The presentation of a start of `workflowType` with `args`; nothing for a workflow it does not know. */
export function workflowPresentation(workflowType: string, args: readonly unknown[]): WorkflowPresentation {
  const input = (args[0] ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof input[key] === 'string' && input[key] !== '' ? input[key] : undefined);
  switch (workflowType) {
    case 'erasure': {
      const erasure = input as Partial<ErasureInput>;
      const eraseAt = erasure.eraseAt ? new Date(erasure.eraseAt) : undefined;
      return {
        staticSummary: `Erasure of customer ${erasure.customerId ?? '?'}, erased at ${erasure.eraseAt ?? '?'} unless cancelled`,
        staticDetails: [
          `Personal-data erasure request ${erasure.requestId ?? '?'} of customer ${erasure.customerId ?? '?'}.`,
          `Grace period ends ${erasure.eraseAt ?? '?'}; until then cancel with POST /v1/customers/${erasure.customerId ?? '{id}'}/erasure/cancel ` +
            '(reason and name required) or the update "cancel". "Request Cancellation" here is refused: it carries no reason.',
          'State: query "status", or the search attribute RulebookErasureState.',
        ].join('\n\n'),
        typedSearchAttributes: [
          ...(erasure.customerId ? [{ key: customerIdAttribute, value: erasure.customerId }] : []),
          ...(eraseAt && !Number.isNaN(eraseAt.getTime()) ? [{ key: eraseAtAttribute, value: eraseAt }] : []),
          { key: erasureStateAttribute, value: 'waiting' },
        ],
      };
    }
    case 'dunning': {
      const dunning = input as Partial<DunningInput>;
      return {
        staticSummary: `Payment reminders for invoice ${dunning.invoiceId ?? '?'} (scenario ${dunning.scenarioId ?? '?'})`,
        staticDetails: [
          `Reminder sequence of invoice ${dunning.invoiceId ?? '?'}, customer ${dunning.customerId ?? '?'}: scenario ${dunning.scenarioId ?? '?'} ` +
            `of profile ${dunning.profileId ?? '?'}, rule set ${dunning.ruleSetVersion ?? '?'}, due ${dunning.dueDate ?? '?'}.`,
          'Plan: query "plan". Updates "pause", "resume", "stop" (GET/POST /v1/invoices/{id}/dunning…).',
        ].join('\n\n'),
        typedSearchAttributes: [
          ...(dunning.customerId ? [{ key: customerIdAttribute, value: dunning.customerId }] : []),
          ...(dunning.scenarioId ? [{ key: dunningScenarioAttribute, value: dunning.scenarioId }] : []),
        ],
      };
    }
    case 'returnsWindow':
      return {
        staticSummary: `Returns window of customer ${text('customerId') ?? '?'}: recalculates profiles as returns age out`,
        ...(text('customerId') && { typedSearchAttributes: [{ key: customerIdAttribute, value: text('customerId')! }] }),
      };
    case 'codHold':
      return { staticSummary: `COD hold of order ${text('orderId') ?? '?'} (an earlier release's own workflow)` };
    case 'codHoldsDue':
      return { staticSummary: 'Releases the COD holds due at one moment, for review' };
    case 'importJob':
      return { staticSummary: `Import job ${text('importId') ?? '?'}` };
    case 'exportJob':
      return { staticSummary: `Export job ${text('exportId') ?? '?'}` };
    case 'profileRecalculation':
      return { staticSummary: `Profile recalculation job ${text('jobId') ?? '?'}` };
    default:
      return {};
  }
}
