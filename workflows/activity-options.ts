/**
 * How the workflows' activities are timed out and retried, in one place: a step that writes a few
 * rows, and the long steps that beat while they work through a file or rewrite a table.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** A step of a few statements: a minute to finish, retried with backoff up to five minutes apart, until it succeeds. */
export const databaseStep: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
};

/** An import or export: up to half an hour, beating every row or so; a worker that died is noticed within a minute. */
export const fileJobStep: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
};

/**
 * Rewriting tables after an erasure waits for their locks (and for older transactions) and can take
 * minutes on large tables; it beats while it works, and gives up after five attempts (the erasure
 * is done; the timeline notes that compaction failed).
 */
export const tableRewriteStep: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
};
