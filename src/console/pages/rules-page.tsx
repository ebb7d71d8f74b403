/**
 * Rules: the version in use next to the files on disk and the last reload; the explain form (facts
 * and a moment → the decision with every condition and the value it saw); and the impact of an
 * edited rule file on the real customers, as a table of who would change.
 */
import { useState } from 'preact/hooks';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { DecisionRecord } from '../components/decision-record';
import { ProblemMessage } from '../components/problem-message';
import type { paths } from '../generated/openapi';

type Impact = paths['/v1/rules/impact']['post']['responses'][200]['content']['application/json'];
type Explanation = paths['/v1/rules/explain']['post']['responses'][200]['content']['application/json'];

function RulesStatus() {
  const status = useLoad(() => answer(api.GET('/v1/rules')), []);
  const [problem, setProblem] = useState<ProblemError>();
  const reload = async () => {
    setProblem(undefined);
    try {
      await answer(api.POST('/v1/rules/reload'));
    } catch (error) {
      setProblem(asProblem(error));
    }
    status.reload();
  };
  const data = status.data;
  return (
    <section class="card" aria-labelledby="status-title">
      <h2 id="status-title">Version</h2>
      <ProblemMessage problem={status.problem ?? problem} />
      {data && (
        <>
          <dl>
            <dt>In use</dt>
            <dd>
              <code>{data.version}</code> since {new Date(data.loadedAt).toLocaleString()}
            </dd>
            <dt>On disk</dt>
            <dd>
              <code>{data.onDisk.version ?? 'no rules folder'}</code>{' '}
              {data.onDisk.differs ? <strong>differs: a reload is pending or was refused</strong> : '(the same)'}
            </dd>
            <dt>Last reload</dt>
            <dd>
              {new Date(data.lastReload.at).toLocaleString()}: {data.lastReload.ok ? 'applied' : 'refused'}
            </dd>
          </dl>
          {!data.lastReload.ok && data.lastReload.problems && (
            <ul class="problem" aria-label="Problems of the last reload">
              {data.lastReload.problems.map((item, index) => (
                <li key={index}>{JSON.stringify(item)}</li>
              ))}
            </ul>
          )}
          {data.onDisk.differs && (
            <button type="button" onClick={() => void reload()}>
              Reload the rules from disk
            </button>
          )}
        </>
      )}
    </section>
  );
}

const exampleFacts = '{\n  "returns_in_window": 6,\n  "total_spent": 7200,\n  "city": "Mumbai"\n}';

function ExplainForm() {
  const [facts, setFacts] = useState(exampleFacts);
  const [at, setAt] = useState('');
  const [result, setResult] = useState<Explanation>();
  const [problem, setProblem] = useState<ProblemError>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(facts) as Record<string, unknown>;
    } catch (error) {
      setProblem(asProblem(new Error(`The facts are not JSON: ${(error as Error).message}. Write them as {"fact_id": value}.`)));
      return;
    }
    try {
      const body = { facts: parsed, ...(at && { at: new Date(at).toISOString() }) };
      setResult(await answer(api.POST('/v1/rules/explain', { body: body as never })));
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section class="card" aria-labelledby="explain-title">
      <h2 id="explain-title">Explain a decision</h2>
      <form onSubmit={(event) => void submit(event)}>
        <label for="explain-facts">Facts (JSON: fact id → value)</label>
        <textarea id="explain-facts" rows={6} class="code" value={facts} onInput={(event) => setFacts(event.currentTarget.value)} />
        <label for="explain-at">At (optional; now when empty)</label>
        <input id="explain-at" type="datetime-local" value={at} onInput={(event) => setAt(event.currentTarget.value)} />
        <button type="submit">Explain</button>
      </form>
      <ProblemMessage problem={problem} />
      {result && (
        <div aria-label="Decision" role="region">
          <p>
            Decision:{' '}
            {Object.entries(result.decision.profiles)
              .map(([setId, profileId]) => `${setId} → ${profileId ?? 'none'}`)
              .join(', ')}
            ; groups: {result.decision.groups.join(', ') || 'none'}; scenario: {result.decision.scenario ?? 'none'}
          </p>
          <DecisionRecord record={result.record} />
        </div>
      )}
    </section>
  );
}

function ImpactForm() {
  const onDisk = useLoad(() => answer(api.GET('/v1/rules/files')), []);
  const [path, setPath] = useState('');
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [impact, setImpact] = useState<Impact>();
  const [problem, setProblem] = useState<ProblemError>();
  const files = onDisk.data?.files ?? {};
  const chosen = path || Object.keys(files).find((name) => name.startsWith('profiles/')) || '';
  const text = edits[chosen] ?? files[chosen] ?? '';
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      setImpact(await answer(api.POST('/v1/rules/impact', { body: { candidate: { ...files, ...edits }, listCustomers: true } })));
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section class="card" aria-labelledby="impact-title">
      <h2 id="impact-title">Impact of a change</h2>
      <ProblemMessage problem={onDisk.problem} />
      <form onSubmit={(event) => void submit(event)}>
        <label for="impact-file">Rule file</label>
        <select id="impact-file" value={chosen} onChange={(event) => setPath(event.currentTarget.value)}>
          {Object.keys(files).map((name) => (
            <option key={name} value={name}>
              {name}
              {edits[name] !== undefined && edits[name] !== files[name] ? ' (edited)' : ''}
            </option>
          ))}
        </select>
        <label for="impact-text">Candidate text of {chosen}</label>
        <textarea
          id="impact-text"
          rows={14}
          class="code"
          spellcheck={false}
          value={text}
          onInput={(event) => setEdits({ ...edits, [chosen]: event.currentTarget.value })}
        />
        <button type="submit">Preview the impact</button>
      </form>
      <ProblemMessage problem={problem} />
      {impact && (
        <div role="region" aria-label="Impact">
          <p>
            Of {impact.customers} customers, from {impact.baseVersion} to {impact.candidateVersion}:
          </p>
          <table>
            <caption>Customers whose profile would change</caption>
            <thead>
              <tr>
                <th scope="col">Set</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Customers</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {impact.profiles.length === 0 && (
                <tr>
                  <td colSpan={5}>No profile would change.</td>
                </tr>
              )}
              {impact.profiles.map((row) => (
                <tr key={`${row.setId}:${row.from ?? ''}:${row.to ?? ''}`}>
                  <td>{row.setId}</td>
                  <td>{row.from ?? 'none'}</td>
                  <td>{row.to ?? 'none'}</td>
                  <td>{row.customers}</td>
                  <td>
                    {row.customerIds?.slice(0, 20).map((customerId, index) => (
                      <>
                        {index > 0 && ', '}
                        <a href={`/console/customers/${encodeURIComponent(customerId)}`}>{customerId}</a>
                      </>
                    ))}
                    {(row.customerIds?.length ?? 0) > 20 && ' …'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Group membership</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Would join</th>
                <th scope="col">Would leave</th>
              </tr>
            </thead>
            <tbody>
              {impact.groups.map((row) => (
                <tr key={row.groupId}>
                  <td>{row.groupId}</td>
                  <td>{row.joined}</td>
                  <td>{row.left}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function RulesPage() {
  return (
    <section>
      <h1>Rules</h1>
      <RulesStatus />
      <ExplainForm />
      <ImpactForm />
    </section>
  );
}
