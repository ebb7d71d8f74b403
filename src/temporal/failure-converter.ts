/**
 * Failure messages and stack traces go through the payload codec too (they could name a value), so
 * histories hold no readable failure text. Loaded by path into the workflow bundle and used by the
 * client, so both sides agree.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
