/** Talks to a running Rulebook API from the CLI: URL and token from flags, environment or .data/. */
import { existsSync, readFileSync } from 'node:fs';
import { tokenFile } from '../bootstrap/api-token';
import { resolveDataDir } from '../config/data-dir';
import { encodeOnBehalfOf, onBehalfOfHeader } from '../access/on-behalf-of-header';

/** The parseArgs options every command that talks to the API takes. */
export const apiOptions = {
  api: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ApiTarget {
  url: string;
  token: string;
}

/** --api / RULEBOOK_API_URL (default http://127.0.0.1:$PORT), --token / API_TOKEN / API_TOKENS / .data/api-token. */
export function apiTarget(flags: { api?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): ApiTarget {
  const url = flags.api ?? env.RULEBOOK_API_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`;
  const file = tokenFile(resolveDataDir(env));
  const token =
    flags.token ??
    env.API_TOKEN ??
    env.API_TOKENS?.split(',')[0]?.trim() ??
    (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  if (!token) throw new Error(`No API token: pass --token, set API_TOKEN, or run where ${file} exists (npm start writes it).`);
  return { url: url.replace(/\/$/, ''), token };
}

/** The API did not answer at all: nothing listens at the URL, the host is unknown, the connection broke. */
export class ApiUnreachableError extends Error {
  constructor(
    readonly url: string,
    /** The network error's code or message, e.g. ECONNREFUSED. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot reach the Rulebook API at ${url} (${reason}). Start it (npm start) or pass --api URL.`, options);
  }
}

/** The most telling part of a failed fetch: the code of its cause (ECONNREFUSED, ENOTFOUND…), else a message. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return (error as Error).message;
}

/** Sends a JSON request; throws with the problem's detail on an error answer, ApiUnreachableError when nothing answers. */
export async function callApi<T>(
  target: ApiTarget,
  method: string,
  route: string,
  json?: unknown,
  options: { onBehalfOf?: string } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(json !== undefined && { 'content-type': 'application/json' }),
        // The person a delegate credential acts for (src/api/actor.ts); what it does is recorded as "<person> via <credential>".
        ...(options.onBehalfOf && { [onBehalfOfHeader]: encodeOnBehalfOf(options.onBehalfOf) }),
      },
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
  } catch (error) {
    throw new ApiUnreachableError(target.url, networkReason(error), { cause: error });
  }
  const body = (await res.json().catch(() => ({}))) as {
    detail?: string;
    problems?: Array<{ file: string; line: number; column: number; message: string }>;
  };
  if (!res.ok) {
    const problems =
      body.problems?.map((problem) => `\n  ${problem.file}:${problem.line}:${problem.column} ${problem.message}`).join('') ?? '';
    throw new Error(`${res.status}: ${body.detail ?? res.statusText}${problems}`);
  }
  return body as T;
}
