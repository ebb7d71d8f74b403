/**
 * One invoice: what it still owes and its customer; its reminder plan as a timeline with pause and
 * resume (a dispute, a promise to pay), or why it has none (left to manual handling); and its history.
 */
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { answer, answerOrNone, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { TimelineEntries } from '../components/customer-timeline';
import { ProblemMessage } from '../components/problem-message';
import { ReminderTimeline } from '../components/reminder-timeline';
import { money } from '../format';

type TimelineEntry = NonNullable<Awaited<ReturnType<typeof timelineOf>>>[number];

/** A customer's timeline (the latest 500 entries). */
async function timelineOf(customerId: string) {
  const page = await answer(api.GET('/v1/customers/{customerId}/timeline', { params: { path: { customerId }, query: { limit: 500 } } }));
  return page.entries;
}

/**
 * The entries about `invoiceId` on the timelines of its customer and of the duplicates merged into
 * them (a merge moves the invoice, while what was recorded before it stays on the duplicate's
 * timeline), newest first.
 */
async function invoiceEntries(customerId: string, invoiceId: string, depth = 0): Promise<TimelineEntry[]> {
  const entries = await timelineOf(customerId);
  const about = entries.filter((entry) => (entry.detail as { invoiceId?: string }).invoiceId === invoiceId);
  if (depth >= 3) return about;
  const duplicates = entries.flatMap((entry) => {
    const duplicateId = (entry.detail as { duplicateId?: unknown }).duplicateId;
    return entry.kind === 'customer-merged-in' && typeof duplicateId === 'string' ? [duplicateId] : [];
  });
  const merged = await Promise.all(duplicates.map((duplicateId) => invoiceEntries(duplicateId, invoiceId, depth + 1)));
  return [...about, ...merged.flat()].sort((a, b) => b.at.localeCompare(a.at));
}

/** The customer's timeline entries about this invoice (issued, payments, pauses and resumes with who and why), newest first. */
function InvoiceHistory({ customerId, invoiceId, round }: { customerId: string; invoiceId: string; round: number }) {
  const history = useLoad(() => invoiceEntries(customerId, invoiceId), [customerId, invoiceId, round]);
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History of this invoice</h2>
      <ProblemMessage problem={history.problem} />
      <TimelineEntries label="History of this invoice, newest first" entries={history.data ?? []} />
    </section>
  );
}

/** The reminder plan (null: the invoice never had one), or the problem of asking for it. */
function planOf(invoiceId: string) {
  return answerOrNone(api.GET('/v1/invoices/{invoiceId}/dunning', { params: { path: { invoiceId } } }));
}

/**
 * The invoice's reminder plan with pause and resume; or, for an invoice that never had one, why: its
 * customer's profile (`profileId`) has no scenario, so it is left to manual handling.
 */
function Reminders({ invoiceId, profileId, onChange }: { invoiceId: string; profileId: string | null; onChange: () => void }) {
  const path = { params: { path: { invoiceId } } };
  const plan = useLoad(() => planOf(invoiceId), [invoiceId]);
  const [problem, setProblem] = useState<ProblemError>();
  const [reason, setReason] = useState('');
  const command = async (name: 'pause' | 'resume') => {
    setProblem(undefined);
    try {
      const body = reason.trim() ? { reason: reason.trim() } : {};
      if (name === 'pause') await answer(api.POST('/v1/invoices/{invoiceId}/dunning/pause', { ...path, body }));
      else await answer(api.POST('/v1/invoices/{invoiceId}/dunning/resume', path));
      plan.reload();
      onChange();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  if (plan.data === null) {
    return (
      <p class="sequence-state" role="status">
        No reminders run for this invoice: it is left to manual handling (its customer's profile, {profileId ?? 'none'}, has no reminder
        scenario). Its task is listed under <a href="/console/receivables">Who owes what</a>.
      </p>
    );
  }
  return (
    <>
      <ProblemMessage problem={plan.problem ?? problem} />
      {plan.data && (
        <>
          <div class="actions">
            {plan.data.state === 'running' && (
              <form
                class="filters"
                onSubmit={(event) => {
                  event.preventDefault();
                  void command('pause');
                }}
              >
                <label for="pause-reason">Why pause (optional)</label>
                <input
                  id="pause-reason"
                  type="text"
                  maxLength={200}
                  value={reason}
                  onInput={(event) => setReason(event.currentTarget.value)}
                />
                <button type="submit">Pause reminders</button>
              </form>
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
    </>
  );
}

export function InvoicePage() {
  const { params } = useRoute();
  const invoiceId = params.invoiceId!;
  const invoice = useLoad(() => answer(api.GET('/v1/invoices/{invoiceId}', { params: { path: { invoiceId } } })), [invoiceId]);
  const [round, setRound] = useState(0);
  const data = invoice.data;
  return (
    <section>
      <h1>Invoice {invoiceId}</h1>
      <ProblemMessage problem={invoice.problem} />
      {data && (
        <>
          <p>
            Customer <a href={`/console/customers/${encodeURIComponent(data.customerId)}`}>{data.customerId}</a> ·{' '}
            {money(data.amount, data.currency)} due {data.dueDate} ·{' '}
            <strong>{data.outstanding > 0 ? `${money(data.outstanding, data.currency)} outstanding` : 'paid'}</strong>
          </p>
          <Reminders invoiceId={invoiceId} profileId={data.profileId} onChange={() => setRound((n) => n + 1)} />
          <InvoiceHistory customerId={data.customerId} invoiceId={invoiceId} round={round} />
        </>
      )}
    </section>
  );
}
