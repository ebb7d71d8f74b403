/**
 * Imports and exports, as the source pages list them: the history with each job's status (In process,
 * Complete, Partial, Failed), a live progress bar while one runs, the error file of rejected rows,
 * and forms to start a new import (customers, or a static group's members) or export.
 */
import { useEffect, useState } from 'preact/hooks';
import { answer, api, asProblem, download, useLoad, type ProblemError } from '../api-client';
import { ProblemMessage } from '../components/problem-message';
import { ProgressBar } from '../components/progress-bar';

/** How often a running job's progress is asked for. */
const progressInterval = 1000;

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Loads again every `progressInterval` while `running` says a job is still in process. */
function useRefreshWhile(running: boolean, reload: () => void): void {
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, progressInterval);
    return () => clearInterval(timer);
  }, [running, reload]);
}

/** Starts an import of a CSV or XLSX file: of customers, or of a static group's members (added to or replacing the list). */
export function UploadForm({ target, onStarted }: { target: { groupId?: string }; onStarted: () => void }) {
  const [file, setFile] = useState<File>();
  const [mode, setMode] = useState<'add' | 'replace'>('add');
  const [problem, setProblem] = useState<ProblemError>();
  const [busy, setBusy] = useState(false);
  const id = target.groupId ? 'group-import-file' : 'customer-import-file';
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return setProblem(asProblem(new Error('Choose a CSV or XLSX file first.')));
    setBusy(true);
    setProblem(undefined);
    const contentType = file.name.toLowerCase().endsWith('.xlsx') ? xlsxType : 'text/csv';
    const options = {
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as Blob,
      headers: { 'Content-Type': contentType },
    };
    try {
      if (target.groupId) {
        await answer(
          api.POST('/v1/groups/{groupId}/imports', {
            ...options,
            params: { path: { groupId: target.groupId }, query: { mode, filename: file.name } },
          }),
        );
      } else {
        await answer(api.POST('/v1/customers/imports', { ...options, params: { query: { filename: file.name } } }));
      }
      onStarted();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="upload" onSubmit={(event) => void submit(event)}>
      <label for={id}>{target.groupId ? 'File of emails or phone numbers' : 'Customer file (CSV or XLSX)'}</label>
      <input id={id} type="file" accept=".csv,.xlsx,text/csv" onChange={(event) => setFile(event.currentTarget.files?.[0])} />
      {target.groupId && (
        <>
          <label for="import-mode">Members</label>
          <select id="import-mode" value={mode} onChange={(event) => setMode(event.currentTarget.value as 'add' | 'replace')}>
            <option value="add">Add to the list</option>
            <option value="replace">Replace the list</option>
          </select>
        </>
      )}
      <button type="submit" disabled={busy}>
        Start import
      </button>
      <ProblemMessage problem={problem} />
    </form>
  );
}

/** The import history, newest first (of one static group, if given), with live progress and the error files. */
export function ImportHistory({ groupId }: { groupId?: string }) {
  const history = useLoad(() => answer(api.GET('/v1/imports', { params: { query: { limit: 50 } } })), []);
  const [problem, setProblem] = useState<ProblemError>();
  const imports = (history.data?.imports ?? []).filter((job) => !groupId || job.groupId === groupId);
  useRefreshWhile(
    imports.some((job) => job.status === 'in-process'),
    history.reload,
  );
  const errorFile = async (importId: string) => {
    try {
      await download(`/v1/imports/${encodeURIComponent(importId)}/errors?format=csv`, `${importId}-errors.csv`);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section aria-labelledby={`imports-title-${groupId ?? 'all'}`}>
      <h2 id={`imports-title-${groupId ?? 'all'}`}>Import history</h2>
      <ProblemMessage problem={history.problem ?? problem} />
      {imports.length === 0 && history.data && <p class="muted">No imports yet.</p>}
      <table class="jobs">
        <tbody>
          {imports.map((job) => (
            <tr key={job.id} data-import={job.id}>
              <td>
                <strong>{job.filename}</strong>
                <br />
                <span class="muted">
                  {job.target === 'group-members' ? `members of ${job.groupId ?? ''} (${job.mode})` : 'customers'} · {job.requestedBy} ·{' '}
                  {new Date(job.createdAt).toLocaleString()}
                </span>
              </td>
              <td class="job-progress">
                <ProgressBar label={`Import ${job.filename}`} done={job.processedRows} total={job.totalRows} status={job.status} />
                {job.failure && <p class="problem">{job.failure}</p>}
              </td>
              <td>
                {job.okRows} imported, {job.errorRows} rejected
                {job.errorRows > 0 && (
                  <>
                    <br />
                    <button type="button" class="link" onClick={() => void errorFile(job.id)}>
                      Download the error file
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ExportForm({ onStarted }: { onStarted: () => void }) {
  const groups = useLoad(() => answer(api.GET('/v1/groups')), []);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [group, setGroup] = useState('');
  const [problem, setProblem] = useState<ProblemError>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      await answer(api.POST('/v1/customers/exports', { body: { format, ...(group && { filters: { group } }) } }));
      onStarted();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <form class="upload" onSubmit={(event) => void submit(event)}>
      <label for="export-format">Format</label>
      <select id="export-format" value={format} onChange={(event) => setFormat(event.currentTarget.value as 'csv' | 'xlsx')}>
        <option value="csv">CSV</option>
        <option value="xlsx">XLSX</option>
      </select>
      <label for="export-group">Customers</label>
      <select id="export-group" value={group} onChange={(event) => setGroup(event.currentTarget.value)}>
        <option value="">All customers</option>
        {groups.data?.groups.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name}
          </option>
        ))}
      </select>
      <button type="submit">Start export</button>
      <ProblemMessage problem={problem} />
    </form>
  );
}

function ExportHistory() {
  const history = useLoad(() => answer(api.GET('/v1/exports', { params: { query: { limit: 50 } } })), []);
  const [problem, setProblem] = useState<ProblemError>();
  useRefreshWhile(history.data?.exports.some((job) => job.status === 'in-process') ?? false, history.reload);
  const file = async (exportId: string, format: string) => {
    try {
      await download(`/v1/exports/${encodeURIComponent(exportId)}/file`, `${exportId}.${format}`);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">Export history</h2>
      <ProblemMessage problem={history.problem ?? problem} />
      {history.data?.exports.length === 0 && <p class="muted">No exports yet.</p>}
      <table class="jobs">
        <tbody>
          {history.data?.exports.map((job) => (
            <tr key={job.id}>
              <td>
                <strong>
                  {job.format.toUpperCase()} of {job.filters.group ?? 'all customers'}
                </strong>
                <br />
                <span class="muted">
                  {job.requestedBy} · {new Date(job.createdAt).toLocaleString()}
                  {job.masked && ' · personal values masked'}
                </span>
              </td>
              <td class="job-progress">
                <ProgressBar label={`Export ${job.id}`} done={job.processedRows} total={job.totalRows} status={job.status} />
                {job.failure && <p class="problem">{job.failure}</p>}
              </td>
              <td>
                {job.status === 'complete' && !job.fileRemovedAt && (
                  <button type="button" class="link" onClick={() => void file(job.id, job.format)}>
                    Download
                  </button>
                )}
                {job.fileRemovedAt && <span class="muted">file removed</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function FilesPage() {
  const [round, setRound] = useState(0);
  return (
    <section>
      <h1>Imports and exports</h1>
      <div class="columns">
        <div class="card">
          <h2>New customer import</h2>
          <UploadForm target={{}} onStarted={() => setRound((n) => n + 1)} />
        </div>
        <div class="card">
          <h2>New export</h2>
          <ExportForm onStarted={() => setRound((n) => n + 1)} />
        </div>
      </div>
      <div class="card">
        <ImportHistory key={`imports-${round}`} />
      </div>
      <div class="card">
        <ExportHistory key={`exports-${round}`} />
      </div>
    </section>
  );
}
