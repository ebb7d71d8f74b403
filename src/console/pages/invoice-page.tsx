/** One invoice's reminder plan as a timeline, with pause and resume (a dispute, a promise to pay). */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from '../components/problem-message';
import { entryDetails } from '../components/customer-timeline';
import { ReminderTimeline } from '../components/reminder-timeline';

/** The customer's timeline entries about this invoice (issued, payments, pauses and resumes with who and why), newest first. */
function InvoiceHistory({ customerId, invoiceId, round }: { customerId: string; invoiceId: string; round: number }) {
  const timeline = useLoad(
    () => answer(api.GET('/v1/customers/{customerId}/timeline', { params: { path: { customerId }, query: { limit: 500 } } })),
    [customerId, round],
  );
  const entries = (timeline.data?.entries ?? []).filter((entry) => (entry.detail as { invoiceId?: string }).invoiceId === invoiceId);
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History of this invoice</h2>
      <ProblemMessage problem={timeline.problem} />
      <ol class="timeline" aria-label="History of this invoice, newest first">
        {entries.map((entry, index) => (
          <li key={index} data-kind={entry.kind}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> <strong>{entry.kind}</strong>{' '}
            <span class="muted">{entryDetails(entry.detail as Record<string, unknown>)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function InvoicePage() {
  const { params } = useRoute();
  const invoiceId = params.invoiceId!;
  const path = { params: { path: { invoiceId } } };
  const plan = useLoad(() => answer(api.GET('/v1/invoices/{invoiceId}/dunning', path)), [invoiceId]);
  const [problem, setProblem] = useState<ProblemError>();
  const [round, setRound] = useState(0);
  const command = async (name: 'pause' | 'resume') => {
    setProblem(undefined);
    try {
      if (name === 'pause') await answer(api.POST('/v1/invoices/{invoiceId}/dunning/pause', path));
      else await answer(api.POST('/v1/invoices/{invoiceId}/dunning/resume', path));
      plan.reload();
      setRound(round + 1);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section>
      <h1>Invoice {invoiceId}</h1>
      <ProblemMessage problem={plan.problem ?? problem} />
      {plan.data && (
        <>
          <p>
            Customer <a href={`/console/customers/${encodeURIComponent(plan.data.customerId)}`}>{plan.data.customerId}</a> · due{' '}
            {plan.data.dueDate}
          </p>
          <div class="actions">
            {plan.data.state === 'running' && (
              <button type="button" onClick={() => void command('pause')}>
                Pause reminders
              </button>
            )}
            {plan.data.state === 'paused' && (
              <button type="button" onClick={() => void command('resume')}>
                Resume reminders
              </button>
            )}
          </div>
          <ReminderTimeline plan={plan.data} />
          <InvoiceHistory customerId={plan.data.customerId} invoiceId={invoiceId} round={round} />
        </>
      )}
    </section>
  );
}
