/**
 * Customers: search by phone, email, or a name part, customer id or receipt (order id), and the
 * matching customers with their profiles. The search stays in the page, never in the address: a
 * phone number in a URL would end up in browser history and proxy logs.
 */
import { useState } from 'preact/hooks';
import { answer, answerWithMasking, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { PersonalValue } from '../components/personal-value';
import { ProblemMessage } from '../components/problem-message';
import type { components, paths } from '../generated/openapi';

type Customer = components['schemas']['Customer'];
/** What GET /v1/customers filters on. */
type CustomerQuery = NonNullable<paths['/v1/customers']['get']['parameters']['query']>;
type SearchBy = 'phone' | 'email' | 'q';

const searchLabels: Record<SearchBy, string> = {
  phone: 'Phone',
  email: 'Email',
  q: 'Name, customer id or receipt',
};

/** The profile held in each set, as "set: profile". */
export function profileSummary(customer: Customer): string {
  const profiles = (customer.profiles ?? {}) as Record<string, { profileId?: string | null }>;
  return Object.entries(profiles)
    .map(([setId, held]) => `${setId}: ${held.profileId ?? 'none'}`)
    .join(', ');
}

export function CustomersPage() {
  const [by, setBy] = useState<SearchBy>('phone');
  const [text, setText] = useState('');
  const [group, setGroup] = useState('');
  const [activity, setActivity] = useState<'' | 'true' | 'false'>('');
  const groups = useLoad(() => answer(api.GET('/v1/groups')), []);
  const [customers, setCustomers] = useState<Customer[]>();
  const [masked, setMasked] = useState(false);
  const [next, setNext] = useState<string>();
  const [problem, setProblem] = useState<ProblemError>();
  const [busy, setBusy] = useState(false);

  /** The filters of the search whose results are shown: "More customers" pages with these, not with what the form says now. */
  const [shownQuery, setShownQuery] = useState<CustomerQuery>({});

  /** Runs `query` (a new search), or its next page after `after` (appended to the results). */
  const search = async (query: CustomerQuery, after?: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const { data: page, maskedByApi } = await answerWithMasking(
        api.GET('/v1/customers', { params: { query: { ...query, limit: 25, ...(after && { after }) } } }),
      );
      setMasked(maskedByApi);
      setShownQuery(query);
      setCustomers(after ? [...(customers ?? []), ...page.customers] : page.customers);
      setNext(page.next);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };

  /** The search the form describes now. */
  const formQuery = (): CustomerQuery => ({
    ...(text.trim() && { [by]: text.trim() }),
    ...(group && { group }),
    ...(activity && { active: activity === 'true' }),
  });

  return (
    <section>
      <h1>Customers</h1>
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search(formQuery());
        }}
      >
        <label for="search-by">Search by</label>
        <select id="search-by" value={by} onChange={(event) => setBy(event.currentTarget.value as SearchBy)}>
          {(Object.keys(searchLabels) as SearchBy[]).map((key) => (
            <option key={key} value={key}>
              {searchLabels[key]}
            </option>
          ))}
        </select>
        <label for="search-text" class="visually-hidden">
          {searchLabels[by]}
        </label>
        <input
          id="search-text"
          type="search"
          autoComplete="off"
          placeholder={by === 'phone' ? '+91 98765 43210' : by === 'email' ? 'name@example.com' : 'Asha, c-1042 or o-77'}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <label for="search-group">Group</label>
        <select id="search-group" value={group} onChange={(event) => setGroup(event.currentTarget.value)}>
          <option value="">Any group</option>
          {groups.data?.groups.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        <label for="search-active">Status</label>
        <select id="search-active" value={activity} onChange={(event) => setActivity(event.currentTarget.value as '' | 'true' | 'false')}>
          <option value="">Active or not</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </select>
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      <ProblemMessage problem={problem} />
      {customers && (
        <>
          <p role="status">{customers.length === 0 ? 'No customer matches.' : `${customers.length}${next ? '+' : ''} found.`}</p>
          {customers.length > 0 && (
            <div class="table-scroll">
              <table class="results">
                <caption class="visually-hidden">Customers found</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Name</th>
                    <th scope="col">Phone</th>
                    <th scope="col">Email</th>
                    <th scope="col">Profiles</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {customers.map((customer) => (
                    <tr key={customer.id}>
                      <td>
                        <a href={`/console/customers/${encodeURIComponent(customer.id)}`}>{customer.id}</a>
                      </td>
                      <td>
                        <PersonalValue kind="name" value={customer.name} maskedByApi={masked} />
                      </td>
                      <td>
                        <PersonalValue kind="phone" value={customer.phone} maskedByApi={masked} />
                      </td>
                      <td>
                        <PersonalValue kind="email" value={customer.email} maskedByApi={masked} />
                      </td>
                      <td>{profileSummary(customer)}</td>
                      <td>
                        {customer.erasureState !== 'none' ? `erasure ${customer.erasureState}` : customer.active ? 'active' : 'inactive'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {next && (
            <button type="button" onClick={() => void search(shownQuery, next)} disabled={busy}>
              More customers
            </button>
          )}
        </>
      )}
    </section>
  );
}
