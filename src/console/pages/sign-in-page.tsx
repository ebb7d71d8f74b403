/**
 * Sign-in: the API token (from `npm start`'s output or `rulebook credentials create`) and, for a
 * shared console credential holding `delegate`, the name of the person at the keyboard, which the
 * API records as "person via credential" on everything done. The token is checked before it is kept.
 */
import { useState } from 'preact/hooks';
import { ProblemMessage } from '../components/problem-message';
import { ProblemError } from '../api';
import { signIn } from '../session';

async function checkToken(token: string): Promise<ProblemError | undefined> {
  try {
    const response = await fetch('/v1/rules', { headers: { Authorization: `Bearer ${token}` } });
    // 403: the token is good but may not read the rules; the pages say what each needs.
    if (response.ok || response.status === 403) return undefined;
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    return new ProblemError(response.status, problem.title ?? 'Not signed in', problem.detail ?? 'The API refused this token.');
  } catch {
    return new ProblemError(0, 'No answer', 'The API did not answer. Check that Rulebook is running, then try again.');
  }
}

export function SignInPage() {
  const [token, setToken] = useState('');
  const [person, setPerson] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const refused = await checkToken(token.trim());
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
