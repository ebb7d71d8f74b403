/**
 * Open tasks for people (calls, formal notices, letters, invoices to handle by hand), oldest first,
 * each with a Done button: of a profile and scenario (who owes what), or of one customer.
 */
import { useState } from 'preact/hooks';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/** Which tasks: the filters of GET /v1/tasks. */
export interface TaskQuery {
  profile?: string;
  scenario?: string;
  customerId?: string;
}

export function OpenTasks({ query }: { query: TaskQuery }) {
  const tasks = useLoad(
    () => answer(api.GET('/v1/tasks', { params: { query: { ...query, limit: 100 } } })),
    [query.profile, query.scenario, query.customerId],
  );
  const [problem, setProblem] = useState<ProblemError>();
  const done = async (taskId: string) => {
    setProblem(undefined);
    try {
      await answer(api.POST('/v1/tasks/{taskId}/done', { params: { path: { taskId } }, body: {} }));
    } catch (error) {
      setProblem(asProblem(error));
    }
    // Also after a refusal: a task Rulebook cancelled meanwhile (the invoice was paid) leaves the list.
    tasks.reload();
  };
  return (
    <section class="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">Open tasks</h2>
      <ProblemMessage problem={tasks.problem ?? problem} />
      {tasks.data?.tasks.length === 0 && <p class="muted">No open task.</p>}
      {tasks.data && tasks.data.tasks.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Customer</th>
              <th scope="col">Invoice</th>
              <th scope="col">Scenario / profile</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.tasks.map((task) => (
              <tr key={task.id}>
                <td>
                  {task.kind}
                  {task.template && <span class="muted"> ({task.template})</span>}
                </td>
                <td>
                  <a href={`/console/customers/${encodeURIComponent(task.customerId)}`}>{task.customerId}</a>
                </td>
                <td>{task.invoiceId && <a href={`/console/invoices/${encodeURIComponent(task.invoiceId)}`}>{task.invoiceId}</a>}</td>
                <td>
                  {task.scenarioId ?? 'none'} / {task.profileId ?? 'none'}
                </td>
                <td>{new Date(task.createdAt).toLocaleDateString()}</td>
                <td>
                  <button type="button" onClick={() => void done(task.id)} aria-label={`Mark task ${task.kind} of ${task.customerId} done`}>
                    Done
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
