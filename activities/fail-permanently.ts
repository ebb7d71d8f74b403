import { ApplicationFailure } from '@temporalio/common';
import { RulebookError } from '../src/errors';

/**
 * Wraps activities so that a RulebookError (bad input, conflict, missing object) fails at once
 * instead of being retried forever; infrastructure errors keep Temporal's retries.
 */
export function failPermanentlyOnUserErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        if (!(error instanceof RulebookError)) throw error;
        throw ApplicationFailure.create({ type: error.code, message: error.detail, nonRetryable: true });
      }
    };
  }
  return wrapped as T;
}
