/**
 * The console's client of the API: openapi-fetch typed by the OpenAPI document the API serves
 * (generated/openapi.ts), with the session's token on every request. Every failure becomes a
 * ProblemError carrying the API's problem+json, which pages show as it is (title, detail, fields).
 */
import createClient from 'openapi-fetch';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { paths } from './generated/openapi';
import { currentSession, signOut } from './session';
import { encodeOnBehalfOf, onBehalfOfHeader } from '../access/on-behalf-of-header';

/** The typed client: `api.GET('/v1/customers/{customerId}', { params: { path: { customerId } } })`. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

/** The token, and the person acted for, as request headers. */
function sessionHeaders(): Record<string, string> {
  const session = currentSession();
  if (!session) return {};
  return { Authorization: `Bearer ${session.token}`, ...(session.person && { [onBehalfOfHeader]: encodeOnBehalfOf(session.person) }) };
}

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(sessionHeaders())) request.headers.set(name, value);
    return request;
  },
  onResponse({ response }) {
    // A revoked or mistyped token: back to the sign-in form rather than a page of errors.
    if (response.status === 401) {
      signOut('The API no longer takes this token (revoked, or changed): sign in again with a valid one.');
    }
    return response;
  },
});

/** One field the API named as wrong. */
export interface FieldProblem {
  pointer: string;
  message: string;
}

/** A refused or failed request, as the API explained it. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail || title);
  }
}

type Call<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

/** The data and response of an openapi-fetch call, or a ProblemError built from its problem+json. */
async function settled<T>(call: Call<T>): Promise<{ data: T; response: Response }> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ProblemError(0, 'No answer', 'The API did not answer. Check that Rulebook is running, then try again.');
  }
  if (result.error === undefined && result.response.ok) return { data: result.data as T, response: result.response };
  const problem = (result.error ?? {}) as { title?: string; detail?: string; errors?: FieldProblem[] };
  throw new ProblemError(
    result.response.status,
    problem.title ?? `HTTP ${result.response.status}`,
    problem.detail ?? result.response.statusText,
    problem.errors ?? [],
  );
}

/** The answer of an openapi-fetch call: its data, or a ProblemError built from its problem+json. */
export async function answer<T>(call: Call<T>): Promise<T> {
  return (await settled(call)).data;
}

/** The answer of a read whose 404 means "there is none yet" (no erasure requested, no reminder plan): null then. */
export async function answerOrNone<T>(call: Call<T>): Promise<T | null> {
  try {
    return await answer(call);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The answer of a customer read, and whether the API masked its personal values because the token
 * lacks customers:read-personal (header Rulebook-Personal-Data): those cannot be revealed on the page.
 */
export async function answerWithMasking<T>(call: Call<T>): Promise<{ data: T; maskedByApi: boolean }> {
  const { data, response } = await settled(call);
  return { data, maskedByApi: response.headers.get('Rulebook-Personal-Data') === 'masked' };
}

/** What a page loads: the data once there, the problem if it failed, and a way to load again. */
export interface Loaded<T> {
  data: T | undefined;
  problem: ProblemError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` when the keys change (and on reload); the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: ProblemError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((before) => ({ ...before, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ problem: asProblem(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...keys, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}

/** Any thrown value as a ProblemError. */
export function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  return new ProblemError(0, 'Unexpected error', error instanceof Error ? error.message : String(error));
}

/** The answer of a download route (a CSV or XLSX file), saved by the browser under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: sessionHeaders() });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ProblemError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail ?? '');
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
