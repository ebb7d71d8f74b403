/**
 * Failure messages and stack traces go through the payload codec too (they could name a value), so
 * histories hold no readable failure text.
 *
 * Loaded by path (`failureConverterPath` in data-converter.ts): bundled into the workflow code, and
 * `require`d by the SDK in the worker (activity failures) and the client. Outside tsx (e.g. under
 * vitest) Node itself loads this file, so keep it free of TypeScript-only syntax.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
