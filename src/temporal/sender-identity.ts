/**
 * Who sent a command to a workflow, as Temporal recorded it: every signal and update event in a
 * history carries the sender's `identity` (the Temporal CLI's `temporal-cli@host`, the Web UI's
 * user, Rulebook's own `rulebook@host`). An operator command sent through Temporal directly bypasses
 * the API's credentials and audit trail; this is how Rulebook still records who sent it.
 */
import type { Client } from '@temporalio/client';
import os from 'node:os';

/** The identity of Rulebook's own Temporal clients (API and workers), told apart from an operator's tools. */
export const rulebookClientIdentity = `rulebook@${os.hostname()}`;

/** The identity of whoever last sent the signal or update `name` to the workflow, or undefined when none is found. */
export async function lastSenderOf(client: Client, workflowId: string, name: string): Promise<string | undefined> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  let identity: string | undefined;
  for (const event of history.events ?? []) {
    const signaled = event.workflowExecutionSignaledEventAttributes;
    if (signaled?.signalName === name) identity = signaled.identity ?? identity;
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted?.acceptedRequest?.input?.name === name) identity = accepted.acceptedRequest.meta?.identity ?? identity;
  }
  return identity || undefined;
}
