/**
 * A decision record as an explain trace: per profile set the profile chosen and why, each candidate
 * with its conditions and the values they saw; the groups matched; the reminder scenario.
 */
import { ConditionTrace, type ConditionNode } from './condition-trace';

interface Candidate {
  profileId: string;
  priority: number;
  active: boolean;
  matched: boolean | 'not-evaluated';
  conditions?: unknown;
}

export interface DecisionRecordBody {
  ruleSetVersion: string;
  evaluatedAt: string;
  today: string;
  timeZone: string;
  facts: Record<string, unknown>;
  profiles: { setId: string; assignment: string; profileId: string | null; reason: string; candidates: Candidate[] }[];
  groups: { groupId: string; kind: string; matched: boolean | 'not-evaluated'; conditions?: unknown }[];
  scenario: { scenarioId: string | null; reason: string };
}

function matchedWord(matched: boolean | 'not-evaluated'): string {
  return matched === 'not-evaluated' ? 'not evaluated' : matched ? 'matched' : 'no match';
}

export function DecisionRecord({ record }: { record: DecisionRecordBody }) {
  return (
    <div class="decision">
      <p class="muted">
        Rules {record.ruleSetVersion}, evaluated {new Date(record.evaluatedAt).toLocaleString()} (today {record.today}, {record.timeZone})
      </p>
      <h4>Profiles</h4>
      {record.profiles.map((set) => (
        <section key={set.setId} class="decision-set" aria-label={`Profile set ${set.setId}`}>
          <p>
            <strong>{set.setId}</strong> ({set.assignment}): <strong>{set.profileId ?? 'none'}</strong> — {set.reason}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Priority</th>
                <th scope="col">Outcome</th>
                <th scope="col">Conditions and the values they saw</th>
              </tr>
            </thead>
            <tbody>
              {set.candidates.map((candidate) => (
                <tr key={candidate.profileId}>
                  <td>
                    {candidate.profileId}
                    {!candidate.active && <span class="muted"> (inactive)</span>}
                  </td>
                  <td>{candidate.priority}</td>
                  <td>{matchedWord(candidate.matched)}</td>
                  <td>{candidate.conditions ? <ConditionTrace node={candidate.conditions as ConditionNode} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {record.groups.length > 0 && <h4>Groups</h4>}
      {record.groups.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Outcome</th>
              <th scope="col">Conditions</th>
            </tr>
          </thead>
          <tbody>
            {record.groups.map((group) => (
              <tr key={group.groupId}>
                <td>
                  {group.groupId} <span class="muted">({group.kind})</span>
                </td>
                <td>{matchedWord(group.matched)}</td>
                <td>{group.conditions ? <ConditionTrace node={group.conditions as ConditionNode} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Reminder scenario</h4>
      <p>
        <strong>{record.scenario.scenarioId ?? 'none'}</strong> — {record.scenario.reason}
      </p>
    </div>
  );
}
