import pino from 'pino';

/** Fields of database errors that quote the values of a row or query (e.g. "Key (email)=(…)"). */
const valueCarryingFields = [
  'detail',
  'where',
  'parameters',
  'query',
  'internalQuery',
  'hint',
  'rejected',
  'accepted',
  'envelope',
  'response',
];

/** Quoted text and "=(…)" in an error message, which may hold a value a customer typed. */
const quotedValue = /"[^"\n]*"|'[^'\n]*'|=\([^)\n]*\)/g;

/**
 * Serializes an error for the logs without the values it may quote: its type, code and stack stay,
 * quoted text becomes "…", and fields like a database error's `detail` are left out. Unexpected
 * errors can carry personal data (a unique-violation names the clashing email); logs must not.
 */
export function serializeErrorWithoutValues(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: '(not an Error)' };
  const serialized: Record<string, unknown> = { ...pino.stdSerializers.err(error) };
  for (const field of valueCarryingFields) delete serialized[field];
  for (const field of ['message', 'stack'] as const) {
    if (typeof serialized[field] === 'string') serialized[field] = withoutQuotedValues(serialized[field]);
  }
  return serialized;
}

/** The text with every quoted part replaced by "…" (and "=(…)"), for log lines that may quote a value. */
export function withoutQuotedValues(text: string): string {
  return text.replace(quotedValue, (quoted) => (quoted.startsWith('=') ? '=(…)' : '"…"'));
}
