/** One invoice's reminder plan as a timeline, with pause and resume (a dispute, a promise to pay). */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api';
import { ProblemMessage } from '../components/problem-message';
import { ReminderTimeline } from '../components/reminder-timeline';

export function InvoicePage() {
  const { params } = useRoute();
  const invoiceId = params.invoiceId!;
  const path = { params: { path: { invoiceId } } };
  const plan = useLoad(() => answer(api.GET('/v1/invoices/{invoiceId}/dunning', path)), [invoiceId]);
  const [problem, setProblem] = useState<ProblemError>();
  const command = async (name: 'pause' | 'resume') => {
    setProblem(undefined);
    try {
      if (name === 'pause') await answer(api.POST('/v1/invoices/{invoiceId}/dunning/pause', path));
      else await answer(api.POST('/v1/invoices/{invoiceId}/dunning/resume', path));
      plan.reload();
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
        </>
      )}
    </section>
  );
}
