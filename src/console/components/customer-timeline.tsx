/** A customer's timeline, newest first, a page at a time: what happened, when, and the details recorded. */
import { useState } from 'preact/hooks';
import { answer, api, asProblem, type ProblemError } from '../api-client';
import { DecisionLink } from './decision-link';
import { ProblemMessage } from './problem-message';
import type { components } from '../generated/openapi';

type Entry = components['schemas']['Timeline']['entries'][number];

/** The details of an entry as "key: value" pairs (ids, amounts, reasons, who). */
function entryDetails(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** Timeline entries as a list: when, what, the ids and amounts recorded, and "Why?" where a decision record is behind one. */
export function TimelineEntries({ label, entries }: { label: string; entries: Entry[] }) {
  return (
    <ol class="timeline" aria-label={label}>
      {entries.map((entry, index) => {
        const detail = entry.detail as Record<string, unknown>;
        return (
          <li key={index} data-kind={entry.kind}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> <strong>{entry.kind}</strong>{' '}
            <span class="muted">{entryDetails(detail)}</span>{' '}
            {typeof detail.decisionId === 'string' && <DecisionLink decisionId={detail.decisionId} />}
          </li>
        );
      })}
    </ol>
  );
}

export function CustomerTimeline({ entries, next, customerId }: { entries: Entry[]; next?: string; customerId: string }) {
  const [more, setMore] = useState<Entry[]>([]);
  const [after, setAfter] = useState(next);
  const [problem, setProblem] = useState<ProblemError>();
  const loadMore = async () => {
    try {
      const page = await answer(
        api.GET('/v1/customers/{customerId}/timeline', { params: { path: { customerId }, query: { limit: 50, ...(after && { after }) } } }),
      );
      setMore([...more, ...page.entries]);
      setAfter(page.next);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <TimelineEntries label="Timeline entries, newest first" entries={[...entries, ...more]} />
      <ProblemMessage problem={problem} />
      {after && (
        <button type="button" onClick={() => void loadMore()}>
          Older entries
        </button>
      )}
    </section>
  );
}
