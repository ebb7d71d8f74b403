/**
 * "Why?": the decision record behind a profile (or a timeline entry) as an explain trace, in a modal
 * dialog wide enough for its conditions; loaded when opened, closed with Close or Escape.
 */
import { useRef, useState } from 'preact/hooks';
import { answer, api, useLoad } from '../api-client';
import { DecisionRecord } from './decision-record';
import { ProblemMessage } from './problem-message';

export function DecisionLink({ decisionId }: { decisionId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const decision = useLoad(
    () => (open ? answer(api.GET('/v1/decisions/{decisionId}', { params: { path: { decisionId } } })) : Promise.resolve(undefined)),
    [decisionId, open],
  );
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  const titleId = `decision-${decisionId}`;
  return (
    <>
      <button type="button" class="link" aria-haspopup="dialog" onClick={show}>
        Why?
      </button>
      <dialog ref={dialog} class="decision-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <h2 id={titleId}>Why: decision {decisionId}</h2>
        <ProblemMessage problem={decision.problem} />
        {decision.data && (
          <>
            <p class="muted">Trigger: {decision.data.trigger}</p>
            <DecisionRecord record={decision.data.record} />
          </>
        )}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
