/**
 * Who owes what ("Qui vous doit quoi ?"): outstanding amounts per profile and per scenario, the
 * unpaid invoices behind them (each opening its reminder timeline), and the tasks for people, all
 * filtered by a profile of the reminders' set and a scenario.
 */
import { useState } from 'preact/hooks';
import { answer, api, useLoad } from '../api-client';
import { InvoiceTable } from '../components/invoice-table';
import { OpenTasks } from '../components/open-tasks';
import { ProblemMessage } from '../components/problem-message';
import { money } from '../format';

interface Filters {
  profile: string;
  scenario: string;
}

/** The filters as query parameters: empty ones left out. */
function filterQuery(filters: Filters) {
  return { ...(filters.profile && { profile: filters.profile }), ...(filters.scenario && { scenario: filters.scenario }) };
}

/** Outstanding amounts grouped by one key (a profile, a scenario); `none` names the rows without one. */
function AmountsTable({
  caption,
  rows,
  none,
}: {
  caption: string;
  rows: { key: string | null; invoices: number; outstanding: number }[];
  none: string;
}) {
  return (
    <section class="card">
      <table>
        <caption>{caption}</caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? ''}>
              <th scope="row">{row.key ?? none}</th>
              <td>{row.invoices} invoices</td>
              <td>{money(row.outstanding, undefined)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Invoices({ filters }: { filters: Filters }) {
  const [after, setAfter] = useState<string>();
  const invoices = useLoad(
    () => answer(api.GET('/v1/invoices', { params: { query: { ...filterQuery(filters), limit: 50, ...(after && { after }) } } })),
    [filters.profile, filters.scenario, after],
  );
  return (
    <section class="card" aria-labelledby="invoices-title">
      <h2 id="invoices-title">Unpaid invoices</h2>
      <ProblemMessage problem={invoices.problem} />
      {invoices.data && <InvoiceTable invoices={invoices.data.invoices} withCustomer />}
      {invoices.data?.next && (
        <button type="button" onClick={() => setAfter(invoices.data?.next)}>
          Next page
        </button>
      )}
    </section>
  );
}

export function ReceivablesPage() {
  // The filters offer what is owed at all: the profiles and scenarios of the unfiltered totals (no rules:explain needed).
  const everything = useLoad(() => answer(api.GET('/v1/receivables')), []);
  const [filters, setFilters] = useState<Filters>({ profile: '', scenario: '' });
  const totals = useLoad(
    () => answer(api.GET('/v1/receivables', { params: { query: filterQuery(filters) } })),
    [filters.profile, filters.scenario],
  );
  const profiles = (everything.data?.byProfile ?? []).flatMap((row) => (row.profileId ? [row.profileId] : []));
  const scenarios = (everything.data?.byScenario ?? []).flatMap((row) => (row.scenarioId ? [row.scenarioId] : []));
  return (
    <section>
      <h1>Who owes what</h1>
      <form class="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <label for="filter-profile">Profile</label>
        <select
          id="filter-profile"
          value={filters.profile}
          onChange={(event) => setFilters({ ...filters, profile: event.currentTarget.value })}
        >
          <option value="">Every profile</option>
          {profiles.map((profileId) => (
            <option key={profileId} value={profileId}>
              {profileId}
            </option>
          ))}
        </select>
        <label for="filter-scenario">Scenario</label>
        <select
          id="filter-scenario"
          value={filters.scenario}
          onChange={(event) => setFilters({ ...filters, scenario: event.currentTarget.value })}
        >
          <option value="">Every scenario</option>
          {scenarios.map((scenarioId) => (
            <option key={scenarioId} value={scenarioId}>
              {scenarioId}
            </option>
          ))}
          <option value="none">None (manual handling)</option>
        </select>
      </form>
      <ProblemMessage problem={totals.problem ?? everything.problem} />
      {totals.data && (
        <div class="columns">
          <section class="card" aria-labelledby="total-title">
            <h2 id="total-title">Outstanding</h2>
            <p class="big">{money(totals.data.total.outstanding, undefined)}</p>
            <p class="muted">{totals.data.total.invoices} unpaid invoices</p>
          </section>
          <AmountsTable
            caption={`Per profile (${totals.data.profileSetId})`}
            rows={totals.data.byProfile.map((row) => ({ key: row.profileId, ...row }))}
            none="none"
          />
          <AmountsTable
            caption="Per scenario"
            rows={totals.data.byScenario.map((row) => ({ key: row.scenarioId, ...row }))}
            none="none (manual handling)"
          />
        </div>
      )}
      <Invoices key={`${filters.profile}|${filters.scenario}`} filters={filters} />
      <OpenTasks query={filterQuery(filters)} />
    </section>
  );
}
