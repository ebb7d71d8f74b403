/**
 * What support staff do to a customer record, as the back-office source page lists it: deactivate
 * (or activate), merge a duplicate into it, and obfuscate its personal data. Merge and obfuscation
 * cannot be undone: each asks again in a dialog before it is sent.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { answer, api, asProblem, type ProblemError } from '../api-client';
import { ProblemMessage } from './problem-message';

/**
 * A button that opens a dialog asking to confirm `question` once `mayAsk` finds the input usable;
 * `onConfirm` runs only after "Yes".
 */
function ConfirmedButton({
  label,
  question,
  mayAsk,
  onConfirm,
}: {
  label: string;
  question: string;
  mayAsk: () => boolean;
  onConfirm: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => mayAsk() && dialog.current?.showModal()}>
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

/** Ids as the API takes them. */
const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/** The Active switch: one change at a time, showing what was asked until the page has the customer again. */
function ActiveSwitch({ active, onSwitch }: { active: boolean; onSwitch: (next: boolean) => Promise<boolean> }) {
  const [shown, setShown] = useState(active);
  const [busy, setBusy] = useState(false);
  useEffect(() => setShown(active), [active]);
  const change = async (next: boolean) => {
    setShown(next);
    setBusy(true);
    if (!(await onSwitch(next))) setShown(active);
    setBusy(false);
  };
  return (
    <label class="inline">
      <input type="checkbox" checked={shown} disabled={busy} onChange={(event) => void change(event.currentTarget.checked)} /> Active
    </label>
  );
}

export function CustomerActions({ customerId, active, onChange }: { customerId: string; active: boolean; onChange: () => void }) {
  const [duplicateId, setDuplicateId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const [done, setDone] = useState<string>();
  /** Runs `call`; says `what` when it is done, the API's problem when not; true when done. */
  const run = async (what: string, call: () => Promise<unknown>): Promise<boolean> => {
    setProblem(undefined);
    setDone(undefined);
    try {
      await call();
      setDone(what);
      onChange();
      return true;
    } catch (error) {
      setProblem(asProblem(error));
      return false;
    }
  };
  /** A problem with the input, said next to it, before any dialog asks to confirm. */
  const refuse = (message: string) => {
    setDone(undefined);
    setProblem(asProblem(new Error(message)));
    return false;
  };
  const path = { params: { path: { customerId } } };
  const duplicate = duplicateId.trim();
  const mergeable = () => {
    if (!idPattern.test(duplicate)) return refuse('Give the customer id of the duplicate: 1 to 128 letters, digits, ".", "_", ":" or "-".');
    if (duplicate === customerId) return refuse('A customer cannot be merged into itself: give the id of the other record.');
    return true;
  };
  const obfuscatable = () => (reason.trim() ? true : refuse("Give a reason: it is recorded on the customer's timeline."));
  return (
    <section class="card" aria-labelledby="actions-title">
      <h2 id="actions-title">Manage</h2>
      <ProblemMessage problem={problem} />
      {done && <p role="status">{done}</p>}
      <ActiveSwitch
        active={active}
        onSwitch={(next) =>
          run(next ? 'Activated.' : 'Deactivated.', () =>
            answer(api.PATCH('/v1/customers/{customerId}', { ...path, body: { active: next } })),
          )
        }
      />
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
        question={`Merge ${duplicate} into ${customerId}? Its orders, invoices, returns and notes move here and the duplicate is closed. This cannot be undone.`}
        mayAsk={mergeable}
        onConfirm={async () => {
          if (
            await run(`Merged ${duplicate} into ${customerId}.`, () =>
              answer(api.POST('/v1/customers/{customerId}/merge', { ...path, body: { duplicateId: duplicate } })),
            )
          )
            setDuplicateId('');
        }}
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
        mayAsk={obfuscatable}
        onConfirm={async () => {
          if (
            await run('Personal data replaced with fake values.', () =>
              answer(api.POST('/v1/customers/{customerId}/obfuscation', { ...path, body: { reason: reason.trim() } })),
            )
          )
            setReason('');
        }}
      />
    </section>
  );
}
