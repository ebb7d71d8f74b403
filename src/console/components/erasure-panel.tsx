/**
 * The erasure of a customer's personal data, as the source pages draw it: a preview of what will be
 * erased before asking, a request with a reason, the days left while it waits, and a cancel (the
 * restore) that is refused without a reason. Every step goes through the API's erasure routes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, answerOrNone, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/** The latest erasure, or null when none was ever requested (404). */
function latestErasure(customerId: string) {
  return answerOrNone(api.GET('/v1/customers/{customerId}/erasure', { params: { path: { customerId } } }));
}

/** A reason and a button; `focus` puts the keyboard in the reason field when the form appears (after a preview). */
function ReasonForm({
  label,
  action,
  onSubmit,
  focus = false,
}: {
  label: string;
  action: string;
  onSubmit: (reason: string) => Promise<void>;
  focus?: boolean;
}) {
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focus) field.current?.focus();
  }, [focus]);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const [busy, setBusy] = useState(false);
  const id = `reason-${action.replace(/\W+/g, '-').toLowerCase()}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(asProblem(new Error(`Give a reason: it is recorded on the customer's timeline.`)));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit(reason.trim());
      setReason('');
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="reason-form" onSubmit={(event) => void submit(event)} noValidate>
      <label for={id}>{label}</label>
      <textarea ref={field} id={id} rows={2} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        {action}
      </button>
      <ProblemMessage problem={problem} />
    </form>
  );
}

type ErasureStatus = NonNullable<Awaited<ReturnType<typeof latestErasure>>>;

/** The erasure's state in words: days left while it waits, why it waits past its grace period when blocked. */
function statusWords(status: ErasureStatus): string {
  switch (status.state) {
    case 'waiting':
      return `Erasure waiting: ${status.daysLeft} ${status.daysLeft === 1 ? 'day' : 'days'} left (erases on ${new Date(status.eraseAt).toLocaleDateString()}).`;
    case 'blocked':
      return 'Erasure blocked: its grace period is over, but the data is still needed for what is listed below. Rechecked daily; it runs once nothing needs the data. It can still be cancelled.';
    default:
      return `Latest erasure: ${status.state}.`;
  }
}

/** The reasons of the erasure's latest "blocked" step (undelivered COD orders, unpaid invoices…). */
function blockingReasons(timeline: ErasureStatus['timeline']): string[] {
  for (const step of [...timeline].reverse()) {
    if (step.event !== 'blocked') continue;
    // The workflow's status gives the reasons as one text, the timeline entry as a list.
    const reasons = (step.detail as Record<string, unknown> | undefined)?.reasons;
    if (typeof reasons === 'string') return [reasons];
    if (Array.isArray(reasons)) return reasons.filter((reason): reason is string => typeof reason === 'string');
  }
  return [];
}

export function ErasurePanel({ customerId, onChange }: { customerId: string; onChange: () => void }) {
  const erasure = useLoad(() => latestErasure(customerId), [customerId]);
  const [preview, setPreview] = useState<{ fields: string[]; related: Record<string, number> }>();
  const [problem, setProblem] = useState<ProblemError>();
  const changed = () => {
    erasure.reload();
    onChange();
  };
  const showPreview = async () => {
    try {
      setPreview(await answer(api.GET('/v1/customers/{customerId}/erasure/preview', { params: { path: { customerId } } })));
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  const request = async (reason: string) => {
    await answer(api.POST('/v1/customers/{customerId}/erasure', { params: { path: { customerId } }, body: { reason } }));
    setPreview(undefined);
    changed();
  };
  const cancel = async (reason: string) => {
    await answer(api.POST('/v1/customers/{customerId}/erasure/cancel', { params: { path: { customerId } }, body: { reason } }));
    changed();
  };
  const status = erasure.data;
  const waiting = status && (status.state === 'waiting' || status.state === 'blocked');
  return (
    <section class="card" aria-labelledby="erasure-title">
      <h2 id="erasure-title">Erasure</h2>
      <ProblemMessage problem={erasure.problem ?? problem} />
      {status && (
        <p role="status" class={`erasure-state state-${status.state}`}>
          {statusWords(status)}
        </p>
      )}
      {status?.state === 'blocked' && (
        <ul aria-label="What still needs the data">
          {blockingReasons(status.timeline).map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {waiting && <ReasonForm label="Why cancel (restore) this erasure?" action="Cancel erasure" onSubmit={cancel} />}
      {!waiting && status?.state !== 'erased' && status?.state !== 'erasing' && (
        <>
          {!preview && (
            <button type="button" onClick={() => void showPreview()}>
              Preview erasure
            </button>
          )}
          {preview && (
            <div class="erasure-preview" role="region" aria-label="What the erasure will remove">
              <p>After the grace period, the erasure removes these fields:</p>
              <ul>
                {preview.fields.map((field) => (
                  <li key={field}>{field}</li>
                ))}
              </ul>
              <p>And anonymises what refers to the customer:</p>
              <ul>
                {Object.entries(preview.related).map(([kind, count]) => (
                  <li key={kind}>
                    {kind}: {count}
                  </li>
                ))}
              </ul>
              <ReasonForm label="Why erase this customer's personal data?" action="Request erasure" onSubmit={request} focus />
            </div>
          )}
        </>
      )}
    </section>
  );
}
