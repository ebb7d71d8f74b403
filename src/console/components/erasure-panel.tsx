/**
 * The erasure of a customer's personal data, as the source pages draw it: a preview of what will be
 * erased before asking, a request with a reason, the days left while it waits, and a cancel (the
 * restore) that is refused without a reason. Every step goes through the API's erasure routes.
 */
import { useState } from 'preact/hooks';
import { answer, api, asProblem, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/** The latest erasure, or null when none was ever requested (404). */
async function latestErasure(customerId: string) {
  const result = await api.GET('/v1/customers/{customerId}/erasure', { params: { path: { customerId } } });
  if (result.response.status === 404) return null;
  return answer(Promise.resolve(result));
}

function ReasonForm({ label, action, onSubmit }: { label: string; action: string; onSubmit: (reason: string) => Promise<void> }) {
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
      <textarea id={id} rows={2} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        {action}
      </button>
      <ProblemMessage problem={problem} />
    </form>
  );
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
          {waiting
            ? `Erasure ${status.state}: ${status.daysLeft} days left (erases on ${new Date(status.eraseAt).toLocaleDateString()}).`
            : `Latest erasure: ${status.state}.`}
        </p>
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
              <ReasonForm label="Why erase this customer's personal data?" action="Request erasure" onSubmit={request} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
