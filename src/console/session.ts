/**
 * Who is signed in: the API token, and the person it acts for (sent as On-Behalf-Of when the token's
 * credential holds `delegate`), kept in the browser's session storage so that closing the tab signs
 * out. Never in a URL, never in local storage.
 */
const tokenKey = 'rulebook.token';
const personKey = 'rulebook.person';

export interface Session {
  token: string;
  person: string | null;
}

/** The current session, or null when signed out. */
export function currentSession(): Session | null {
  const token = sessionStorage.getItem(tokenKey);
  return token ? { token, person: sessionStorage.getItem(personKey) } : null;
}

/** Keeps the token (and the person, if given) for this tab. */
export function signIn(token: string, person: string): void {
  sessionStorage.setItem(tokenKey, token);
  if (person) sessionStorage.setItem(personKey, person);
  else sessionStorage.removeItem(personKey);
  window.dispatchEvent(new Event('rulebook-session'));
}

let endedBecause: string | undefined;

/** Why the last session ended without the person signing out (the API refused its token), once. */
export function sessionEndedBecause(): string | undefined {
  const reason = endedBecause;
  endedBecause = undefined;
  return reason;
}

/** Forgets the token: the sign-in form shows again, with `reason` when the session ended by itself. */
export function signOut(reason?: string): void {
  endedBecause = reason;
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(personKey);
  window.dispatchEvent(new Event('rulebook-session'));
}
