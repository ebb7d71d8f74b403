/**
 * One customer, as support staff look them up during a call: contact (masked until revealed),
 * profiles with the decision record behind each, groups, attributes and who changed them, metrics,
 * cash on delivery, unpaid invoices, notes, the timeline and the erasure.
 */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { answer, answerWithMasking, api, useLoad } from '../api-client';
import { CustomerActions } from '../components/customer-actions';
import { CustomerTimeline } from '../components/customer-timeline';
import { DecisionLink } from '../components/decision-link';
import { ErasurePanel } from '../components/erasure-panel';
import { NotesPanel } from '../components/notes-panel';
import { OpenTasks } from '../components/open-tasks';
import { InvoiceTable } from '../components/invoice-table';
import { PersonalValue } from '../components/personal-value';
import { ProblemMessage } from '../components/problem-message';
import { money } from '../format';

interface HeldProfile {
  profileId: string | null;
  assignedAt?: string;
  assignedBy?: string;
  decisionId?: string | null;
}

function Profiles({ profiles }: { profiles: Record<string, HeldProfile> }) {
  return (
    <ul class="profiles" aria-label="Profiles">
      {Object.entries(profiles).map(([setId, held]) => (
        <li key={setId}>
          {setId}: <strong>{held.profileId ?? 'none'}</strong>
          <br />
          <span class="muted">
            by {held.assignedBy ?? 'default'}
            {held.assignedAt && `, ${new Date(held.assignedAt).toLocaleString()}`}
          </span>{' '}
          {held.decisionId ? <DecisionLink decisionId={held.decisionId} /> : <span class="muted">(by hand or the default)</span>}
        </li>
      ))}
    </ul>
  );
}

export function CustomerPage() {
  const { params } = useRoute();
  const customerId = params.customerId!;
  const path = { params: { path: { customerId } } };
  const [round, setRound] = useState(0);
  const refresh = () => setRound((n) => n + 1);
  const customer = useLoad(() => answerWithMasking(api.GET('/v1/customers/{customerId}', path)), [customerId, round]);
  const changes = useLoad(() => answer(api.GET('/v1/customers/{customerId}/attribute-changes', path)), [customerId, round]);
  const cod = useLoad(() => answer(api.GET('/v1/customers/{customerId}/cod', path)), [customerId, round]);
  const invoices = useLoad(() => answer(api.GET('/v1/invoices', { params: { query: { customerId, limit: 100 } } })), [customerId, round]);
  const timeline = useLoad(
    () => answer(api.GET('/v1/customers/{customerId}/timeline', { params: { path: { customerId }, query: { limit: 50 } } })),
    [customerId, round],
  );
  if (customer.problem) return <ProblemMessage problem={customer.problem} />;
  const data = customer.data?.data;
  const maskedByApi = customer.data?.maskedByApi ?? false;
  if (!data) return <p role="status">Loading the customer…</p>;
  const lastChange = (attribute: string) => changes.data?.changes.find((change) => change.attribute === attribute);
  const metrics = data.metrics;
  const personal = new Set(data.personalAttributes ?? []);
  // A duplicate merged into another customer: its orders, invoices and notes moved to the survivor, and nothing more can be done to it.
  const mergedAway = data.mergedInto !== null;
  return (
    <article>
      <h1>
        Customer {data.id} {data.erasureState !== 'none' && <span class="badge">erasure {data.erasureState}</span>}
        {!data.active && <span class="badge">inactive</span>}
      </h1>
      {data.mergedInto && (
        <p class="problem">
          Merged into <a href={`/console/customers/${encodeURIComponent(data.mergedInto)}`}>{data.mergedInto}</a>: its orders, invoices and
          notes are there now, and nothing more can be done to this record.
        </p>
      )}
      <div class="columns">
        <section class="card" aria-labelledby="contact-title">
          <h2 id="contact-title">Contact</h2>
          <dl>
            <dt>Name</dt>
            <dd>
              <PersonalValue kind="name" value={data.name} maskedByApi={maskedByApi} />
            </dd>
            <dt>Phone</dt>
            <dd>
              <PersonalValue kind="phone" value={data.phone} maskedByApi={maskedByApi} />
            </dd>
            <dt>Email</dt>
            <dd>
              <PersonalValue kind="email" value={data.email} maskedByApi={maskedByApi} />
            </dd>
            <dt>Customer since</dt>
            <dd>{new Date(data.createdAt).toLocaleDateString()}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="profiles-title">
          <h2 id="profiles-title">Profiles and groups</h2>
          <Profiles profiles={data.profiles ?? {}} />
          <p>
            Groups:{' '}
            {data.groups?.length
              ? data.groups.map((groupId, index) => (
                  <>
                    {index > 0 && ', '}
                    <a href={`/console/groups/${encodeURIComponent(groupId)}`}>{groupId}</a>
                  </>
                ))
              : 'none'}
          </p>
        </section>
        {metrics && (
          <section class="card" aria-labelledby="metrics-title">
            <h2 id="metrics-title">Metrics</h2>
            <dl>
              <dt>Total spent</dt>
              <dd>{money(metrics.totalSpent, metrics.currency)}</dd>
              <dt>Transactions</dt>
              <dd>{metrics.transactionCount}</dd>
              <dt>Average transaction</dt>
              <dd>{metrics.averageTransactionValue === null ? '—' : money(metrics.averageTransactionValue, metrics.currency)}</dd>
              <dt>Last transaction</dt>
              <dd>
                {metrics.lastTransactionValue === null
                  ? '—'
                  : `${money(metrics.lastTransactionValue, metrics.currency)} on ${metrics.lastTransactionDate ?? ''}`}
              </dd>
              <dt>Outstanding</dt>
              <dd>{money(metrics.outstandingAmount, metrics.currency)}</dd>
            </dl>
          </section>
        )}
        {!mergedAway && (
          <section class="card" aria-labelledby="cod-title">
            <h2 id="cod-title">Cash on delivery</h2>
            <ProblemMessage problem={cod.problem} />
            {cod.data && (
              <>
                <dl>
                  <dt>Storefront</dt>
                  <dd>{cod.data.enabled.storefront ? 'enabled' : 'disabled'}</dd>
                  <dt>Point of sale</dt>
                  <dd>{cod.data.enabled.pos ? 'enabled' : 'disabled'}</dd>
                  <dt>Available limit</dt>
                  <dd>
                    {money(cod.data.available, metrics?.currency)} of {money(cod.data.totalLimit, metrics?.currency)}
                  </dd>
                </dl>
                {cod.data.openHolds.length > 0 && (
                  <table>
                    <caption>Open holds</caption>
                    <thead>
                      <tr>
                        <th scope="col">Order</th>
                        <th scope="col">Amount</th>
                        <th scope="col">Held</th>
                      </tr>
                    </thead>
                    <tbody>
                      {cod.data.openHolds.map((hold) => (
                        <tr key={hold.orderId}>
                          <td>{hold.orderId}</td>
                          <td>{money(hold.amount, metrics?.currency)}</td>
                          <td>{new Date(hold.heldAt).toLocaleString()}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </>
            )}
          </section>
        )}
      </div>
      <section class="card" aria-labelledby="attributes-title">
        <h2 id="attributes-title">Attributes</h2>
        {Object.keys(data.attributes).length === 0 ? (
          <p class="muted">No attributes set.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Value</th>
                <th scope="col">Last changed by</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(data.attributes).map(([attribute, value]) => {
                const change = lastChange(attribute);
                const encrypted = typeof value === 'object' && value !== null && 'encrypted' in value;
                return (
                  <tr key={attribute}>
                    <td>{attribute}</td>
                    <td>
                      {encrypted ? (
                        <span class="muted">encrypted</span>
                      ) : personal.has(attribute) ? (
                        <PersonalValue
                          kind={attribute}
                          value={typeof value === 'string' ? value : JSON.stringify(value)}
                          maskedByApi={maskedByApi}
                        />
                      ) : (
                        JSON.stringify(value)
                      )}
                    </td>
                    <td>{change ? `${change.changedBy}, ${new Date(change.changedAt).toLocaleString()}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {!mergedAway && (
        <section class="card" aria-labelledby="invoices-title">
          <h2 id="invoices-title">Unpaid invoices</h2>
          <ProblemMessage problem={invoices.problem} />
          {invoices.data && <InvoiceTable invoices={invoices.data.invoices} withCustomer={false} />}
        </section>
      )}
      {!mergedAway && <OpenTasks key={round} query={{ customerId }} />}
      {!mergedAway && (
        <div class="columns">
          <NotesPanel customerId={customerId} onChange={refresh} writable={data.erasureState !== 'erased'} />
          <ErasurePanel customerId={customerId} onChange={refresh} />
        </div>
      )}
      {!mergedAway && data.erasureState === 'none' && <CustomerActions customerId={customerId} active={data.active} onChange={refresh} />}
      <ProblemMessage problem={timeline.problem} />
      {timeline.data && (
        <CustomerTimeline
          key={`${customerId}-${round}`}
          customerId={customerId}
          entries={timeline.data.entries}
          next={timeline.data.next}
        />
      )}
    </article>
  );
}
