/** Groups: every group of the rules in use with its live member count, its condition and a way to its members ("View Users"). */
import { answer, api, useLoad } from '../api-client';
import { ConditionTrace, type ConditionNode } from '../components/condition-trace';
import { ProblemMessage } from '../components/problem-message';

function LiveCount({ groupId }: { groupId: string }) {
  const count = useLoad(() => answer(api.GET('/v1/groups/{groupId}/count', { params: { path: { groupId } } })), [groupId]);
  if (count.problem) return <span class="muted">{count.problem.title}</span>;
  return <span data-count={count.data?.count}>{count.data ? count.data.count.toLocaleString() : '…'}</span>;
}

export function GroupsPage() {
  const groups = useLoad(() => answer(api.GET('/v1/groups')), []);
  return (
    <section>
      <h1>Groups</h1>
      <ProblemMessage problem={groups.problem} />
      {groups.data && (
        <div class="table-scroll">
          <table class="results">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Kind</th>
                <th scope="col">Members now</th>
                <th scope="col">Condition</th>
                <th scope="col">
                  <span class="visually-hidden">Members</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.data.groups.map((group) => (
                <tr key={group.id}>
                  <td>
                    <strong>{group.name}</strong>
                    <br />
                    <span class="muted">{group.description}</span>
                  </td>
                  <td>{group.kind}</td>
                  <td>
                    <LiveCount groupId={group.id} />
                  </td>
                  <td>
                    {group.conditions ? (
                      <ConditionTrace node={group.conditions as ConditionNode} />
                    ) : (
                      <span class="muted">imported list</span>
                    )}
                  </td>
                  <td>
                    <a href={`/console/groups/${encodeURIComponent(group.id)}`} aria-label={`View users of ${group.name}`}>
                      View users
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
