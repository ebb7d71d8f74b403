/** "Why?": opens the decision record behind a profile (or a timeline entry) as an explain trace, loaded when opened. */
import { useState } from 'preact/hooks';
import { answer, api, useLoad } from '../api';
import { DecisionRecord } from './decision-record';
import { ProblemMessage } from './problem-message';

export function DecisionLink({ decisionId }: { decisionId: string }) {
  const [open, setOpen] = useState(false);
  const decision = useLoad(
    () => (open ? answer(api.GET('/v1/decisions/{decisionId}', { params: { path: { decisionId } } })) : Promise.resolve(undefined)),
    [decisionId, open],
  );
  return (
    <>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide why' : 'Why?'}
      </button>
      {open && (
        <div class="decision-popover">
          <ProblemMessage problem={decision.problem} />
          {decision.data && (
            <>
              <p class="muted">Trigger: {decision.data.trigger}</p>
              <DecisionRecord record={decision.data.record} />
            </>
          )}
        </div>
      )}
    </>
  );
}
