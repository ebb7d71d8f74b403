/** How far an import or export has come, as an accessible progress bar with its status word. */
export function ProgressBar({ label, done, total, status }: { label: string; done: number; total: number | null; status: string }) {
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : status === 'in-process' ? 0 : 100;
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${statusWord(status)}, ${done} of ${total ?? '?'} rows`}
      >
        <div class={`progress-fill status-${status}`} style={{ width: `${percent}%` }} />
      </div>
      <span class="progress-text">
        {statusWord(status)} · {done} / {total ?? '?'} rows
      </span>
    </div>
  );
}

/** The status of an import or export as the source pages name them. */
export function statusWord(status: string): string {
  switch (status) {
    case 'in-process':
      return 'In process';
    case 'complete':
      return 'Complete';
    case 'partial':
      return 'Partial';
    case 'failed':
      return 'Failed';
    default:
      return status;
  }
}
