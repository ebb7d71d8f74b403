/**
 * An invoice's reminder plan drawn as a timeline: each step at its time with what it did (done,
 * skipped because its condition did not hold, pending), the due date among them, the state of the
 * sequence (running, paused, ended and why) and the sequences a profile change ended before it.
 */
import type { paths } from '../generated/openapi';

export type DunningPlan = paths['/v1/invoices/{invoiceId}/dunning']['get']['responses'][200]['content']['application/json'];
type Step = DunningPlan['steps'][number];

const actionWords: Record<string, string> = {
  email: 'Email',
  sms: 'SMS',
  'call-task': 'Call (task)',
  'formal-notice': 'Formal notice',
  letter: 'Letter',
};

/** "3 days before due", "1 day after due", "on the due date". */
function offsetWords(offsetDays: number): string {
  if (offsetDays === 0) return 'on the due date';
  const days = Math.abs(offsetDays);
  return `${days} ${days === 1 ? 'day' : 'days'} ${offsetDays < 0 ? 'before' : 'after'} due`;
}

function stepState(step: Step, plan: DunningPlan): string {
  if (step.outcome !== 'pending') return step.outcome;
  if (plan.state === 'ended') return 'not run';
  return plan.state === 'paused' ? 'pending (paused)' : 'pending';
}

/** Why a sequence ended, in words. */
const endReasonWords: Record<string, string> = {
  paid: 'paid in full',
  'all-steps-done': 'every step has run',
  'profile-changed': "the customer's profile changed; the new profile's scenario (if any) runs in a new sequence",
  disputed: 'stopped: disputed',
  'written-off': 'stopped: written off',
  'promise-to-pay': 'stopped: a promise to pay',
};

function sequenceWords(plan: { state: string; endReason: string | null }): string {
  if (plan.state === 'ended') return `Ended: ${plan.endReason ? (endReasonWords[plan.endReason] ?? plan.endReason) : 'no reason recorded'}`;
  return plan.state === 'paused' ? 'Paused: no step runs until it is resumed' : 'Running';
}

export function ReminderTimeline({ plan }: { plan: DunningPlan }) {
  const dueAt = `${plan.dueDate}`;
  return (
    <section aria-label="Reminder timeline">
      <p>
        Scenario <strong>{plan.scenarioId}</strong> for profile <strong>{plan.profileId}</strong> · sequence {plan.sequenceNo} (
        {plan.startedOn}) · rules {plan.ruleSetVersion}
      </p>
      <p class={`sequence-state state-${plan.state}`} role="status">
        {sequenceWords(plan)}
      </p>
      <ol class="reminder-timeline">
        {plan.steps.map((step) => (
          <li key={step.id} class={`step step-${step.outcome}`} data-step={step.id}>
            <time dateTime={step.at}>{new Date(step.at).toLocaleDateString()}</time>
            <span class="step-offset">{offsetWords(step.offsetDays)}</span>
            <span class="step-action">{actionWords[step.action] ?? step.action}</span>
            <span class="muted">{step.template}</span>
            <span class={`step-state outcome-${step.outcome}`}>{stepState(step, plan)}</span>
            {step.ranAt && <span class="muted">ran {new Date(step.ranAt).toLocaleString()}</span>}
            {step.detail && <span class="muted">{step.detail}</span>}
          </li>
        ))}
      </ol>
      <p class="muted">Due date: {dueAt}</p>
      {plan.previousSequences.length > 0 && (
        <>
          <h3>Earlier sequences</h3>
          <ul>
            {plan.previousSequences.map((past) => (
              <li key={past.sequenceNo}>
                Sequence {past.sequenceNo}: {past.scenarioId} for {past.profileId} — {sequenceWords(past)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
