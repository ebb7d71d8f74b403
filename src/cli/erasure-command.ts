import { parseArgs } from 'node:util';
import { apiOptions, apiTarget, callApi } from './api-client';

const help = `rulebook erasure status --customer ID
rulebook erasure cancel --customer ID --reason TEXT [--by PERSON]

Shows where a customer's personal-data erasure stands (state, erase-at, days left, timeline), or
cancels a waiting or blocked erasure with a mandatory reason — the "cancel" update of the workflow
erasure-ID, which answers at once. Talks to the running API (--api, --token as for other commands); the
cancel is recorded as the credential's, or as "PERSON via <credential>" with --by (sent as On-Behalf-Of:
the credential must hold the scope delegate).`;

interface ErasureView {
  state: string;
  eraseAt: string;
  daysLeft: number;
  timeline: Array<{ at: string; event: string; detail?: Record<string, string> }>;
}

/** `rulebook erasure status|cancel`. */
export async function erasureCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      customer: { type: 'string' },
      reason: { type: 'string' },
      by: { type: 'string' },
      ...apiOptions,
    },
  });
  const action = positionals[0];
  if (values.help || (action !== 'status' && action !== 'cancel') || !values.customer) {
    console[values.help ? 'log' : 'error'](help);
    return values.help ? 0 : 2;
  }
  if (action === 'cancel' && !values.reason?.trim()) {
    console.error('rulebook erasure cancel: --reason is required (why the erasure is cancelled)');
    return 2;
  }
  const target = apiTarget(values);
  const route = `/v1/customers/${encodeURIComponent(values.customer)}/erasure`;
  const view =
    action === 'cancel'
      ? await callApi<ErasureView>(
          target,
          'POST',
          `${route}/cancel`,
          { reason: values.reason },
          { ...(values.by && { onBehalfOf: values.by }) },
        )
      : await callApi<ErasureView>(target, 'GET', route);
  console.log(
    `Erasure of ${values.customer}: ${view.state}, erase at ${view.eraseAt}${view.state === 'waiting' ? ` (${view.daysLeft} days left)` : ''}`,
  );
  for (const entry of view.timeline) {
    const detail = entry.detail
      ? ` ${Object.entries(entry.detail)
          .map(([key, value]) => `${key}: ${value}`)
          .join(', ')}`
      : '';
    console.log(`  ${entry.at}  ${entry.event}${detail}`);
  }
  return 0;
}
