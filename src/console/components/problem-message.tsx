/** A refused or failed request shown as the API explained it: title, detail and each field it named. */
import type { ProblemError } from '../api-client';

export function ProblemMessage({ problem }: { problem: ProblemError | undefined }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((error) => (
            <li key={error.pointer + error.message}>
              <code>{error.pointer || '/'}</code> {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
