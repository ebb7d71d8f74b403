/**
 * One group: its condition, live count and members a page at a time; for a static group, the
 * import of its members (add to or replace the list) and the history of those imports.
 */
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ConditionTrace, type ConditionNode } from '../components/condition-trace';
import { ProblemMessage } from '../components/problem-message';
import { ImportHistory, UploadForm } from './files-page';

export function GroupPage() {
  const { params } = useRoute();
  const groupId = params.groupId!;
  const groups = useLoad(() => answer(api.GET('/v1/groups')), []);
  const count = useLoad(() => answer(api.GET('/v1/groups/{groupId}/count', { params: { path: { groupId } } })), [groupId]);
  const [pages, setPages] = useState<string[][]>([]);
  const [after, setAfter] = useState<string | undefined>();
  const [started, setStarted] = useState(false);
  const [problem, setProblem] = useState<ProblemError>();
  const [historyRound, setHistoryRound] = useState(0);
  const group = groups.data?.groups.find((candidate) => candidate.id === groupId);

  const loadMembers = async (from?: string) => {
    setProblem(undefined);
    try {
      const page = await answer(
        api.GET('/v1/groups/{groupId}/members', { params: { path: { groupId }, query: { limit: 50, ...(from && { after: from }) } } }),
      );
      setPages(from ? [...pages, page.customerIds] : [page.customerIds]);
      setAfter(page.next);
      setStarted(true);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  useEffect(() => {
    void loadMembers();
    // Only when the group changes: later pages come from the button.
  }, [groupId]);
  const members = pages.flat();
  return (
    <section>
      <h1>{group ? group.name : `Group ${groupId}`}</h1>
      <ProblemMessage problem={groups.problem ?? count.problem} />
      {groups.data && !group && !count.problem && (
        <p class="problem" role="alert">
          The rules in use have no group {groupId}. See <a href="/console/groups">Groups</a>.
        </p>
      )}
      {group && <p class="muted">{group.description}</p>}
      {!count.problem && (
        <p role="status">
          {count.data ? `${count.data.count.toLocaleString()} members now` : 'Counting…'} <span class="muted">({groupId})</span>
        </p>
      )}
      {group?.conditions != null && (
        <div class="card">
          <h2>Condition</h2>
          <ConditionTrace node={group.conditions as ConditionNode} />
        </div>
      )}
      {group && (
        <div class="card">
          <h2>Members</h2>
          <ProblemMessage problem={problem} />
          {started && members.length === 0 && <p class="muted">No members.</p>}
          <ul class="members" aria-label={`Members of ${groupId}`}>
            {members.map((customerId) => (
              <li key={customerId}>
                <a href={`/console/customers/${encodeURIComponent(customerId)}`}>{customerId}</a>
              </li>
            ))}
          </ul>
          {after && (
            <button type="button" onClick={() => void loadMembers(after)}>
              More members
            </button>
          )}
        </div>
      )}
      {group?.kind === 'static' && (
        <div class="card">
          <h2>Import members</h2>
          <UploadForm target={{ groupId }} onStarted={() => setHistoryRound((n) => n + 1)} />
          <ImportHistory key={historyRound} groupId={groupId} />
        </div>
      )}
    </section>
  );
}
