/**
 * What support staff do to a customer record, as the back-office source page lists it: deactivate
 * (or activate), merge a duplicate into it, and obfuscate its personal data. Merge and obfuscation
 * cannot be undone: each asks again in a dialog before it is sent.
 */
import { useRef, useState } from 'preact/hooks';
import { answer, api, asProblem, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/** A button that opens a dialog asking to confirm `question`; `onConfirm` runs only after "Yes". */
function ConfirmedButton({ label, question, onConfirm }: { label: string; question: string; onConfirm: () => Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} class="confirm-dialog" aria-label={label}>
        <p>{question}</p>
        <form method="dialog">
          <button type="submit" value="no">
            No, keep it
          </button>
          <button type="submit" value="yes" onClick={() => void onConfirm()}>
            Yes, {label.toLowerCase()}
          </button>
        </form>
      </dialog>
    </>
  );
}

export function CustomerActions({ customerId, active, onChange }: { customerId: string; active: boolean; onChange: () => void }) {
  const [duplicateId, setDuplicateId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const [done, setDone] = useState<string>();
  const run = async (what: string, call: () => Promise<unknown>) => {
    setProblem(undefined);
    setDone(undefined);
    try {
      await call();
      setDone(what);
      onChange();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  const path = { params: { path: { customerId } } };
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Manage</h2>
      <ProblemMessage problem={problem} />
      {done && <p role="status">{done}</p>}
      <label class="inline">
        <input
          type="checkbox"
          checked={active}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            void run(next ? 'Activated.' : 'Deactivated.', () =>
              answer(api.PATCH('/v1/customers/{customerId}', { ...path, body: { active: next } })),
            );
          }}
        />{' '}
        Active
      </label>
      <h3>Merge a duplicate into this customer</h3>
      <label for="duplicate-id">Customer id of the duplicate</label>
      <input
        id="duplicate-id"
        type="text"
        autoComplete="off"
        value={duplicateId}
        onInput={(event) => setDuplicateId(event.currentTarget.value)}
      />
      <ConfirmedButton
        label="Merge"
        question={`Merge ${duplicateId || 'the duplicate'} into ${customerId}? Its orders, invoices, returns and notes move here and the duplicate is closed. This cannot be undone.`}
        onConfirm={() =>
          run(`Merged ${duplicateId} into ${customerId}.`, () =>
            answer(api.POST('/v1/customers/{customerId}/merge', { ...path, body: { duplicateId: duplicateId.trim() } })),
          )
        }
      />
      <h3>Obfuscate personal data</h3>
      <label for="obfuscation-reason">Why replace this customer's personal data with fake values now?</label>
      <input
        id="obfuscation-reason"
        type="text"
        autoComplete="off"
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <ConfirmedButton
        label="Obfuscate"
        question="Replace this customer's name, email, phone and personal attributes with fake values now? This cannot be undone."
        onConfirm={() =>
          run('Personal data replaced with fake values.', () =>
            answer(api.POST('/v1/customers/{customerId}/obfuscation', { ...path, body: { reason: reason.trim() } })),
          )
        }
      />
    </section>
  );
}
