/**
 * Sign-in: the API token (from `npm start`'s output or `rulebook credentials create`) and, for a
 * shared console credential holding `delegate`, the name of the person at the keyboard, which the
 * API records as "person via credential" on everything done. The token is checked before it is kept.
 */
import { useState } from 'preact/hooks';
import { ProblemMessage } from '../components/problem-message';
import { ProblemError } from '../api-client';
import { encodeOnBehalfOf, onBehalfOfHeader } from '../../access/on-behalf-of-header';
import { sessionEndedBecause, signIn } from '../session';

/**
 * Whether the API takes this token (and this person, sent as On-Behalf-Of): a problem to show, or
 * undefined. A 403 for the scope of GET /v1/rules still means a good token; a 403 for `delegate`
 * means the credential may not act for a person, and every request would be refused.
 */
async function checkToken(token: string, person: string): Promise<ProblemError | undefined> {
  try {
    const headers = { Authorization: `Bearer ${token}`, ...(person && { [onBehalfOfHeader]: encodeOnBehalfOf(person) }) };
    const response = await fetch('/v1/rules', { headers });
    if (response.ok) return undefined;
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string; requiredScope?: string };
    if (response.status === 403 && problem.requiredScope !== 'delegate') return undefined;
    return new ProblemError(response.status, problem.title ?? 'Not signed in', problem.detail ?? 'The API refused this token.');
  } catch {
    return new ProblemError(0, 'No answer', 'The API did not answer. Check that Rulebook is running, then try again.');
  }
}

export function SignInPage() {
  const [token, setToken] = useState('');
  const [person, setPerson] = useState('');
  const [problem, setProblem] = useState<ProblemError | undefined>(() => {
    const reason = sessionEndedBecause();
    return reason ? new ProblemError(401, 'Signed out', reason) : undefined;
  });
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const refused = await checkToken(token.trim(), person.trim());
    setBusy(false);
    if (refused) return setProblem(refused);
    signIn(token.trim(), person.trim());
  };
  return (
    <main id="main" class="sign-in">
      <h1>Rulebook console</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label for="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
        <p class="hint">
          The token <code>npm start</code> printed, or one made with <code>rulebook credentials create</code>. It is kept for this tab only.
        </p>
        <label for="person">Your name (optional)</label>
        <input id="person" type="text" autoComplete="name" value={person} onInput={(event) => setPerson(event.currentTarget.value)} />
        <p class="hint">
          With a shared console credential (scope <code>delegate</code>), what you do is recorded as you, via that credential.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <ProblemMessage problem={problem} />
    </main>
  );
}
