import { formatDateTime } from '../lib/format';
import { IMPORT_KINDS, labelOf, personName, type ImportRun } from '../lib/indicators';

/** What one import did: the tally of records and every refused record with its line and reason. */
export function ImportRunReport({ run, testId = 'import-report' }: { run: ImportRun; testId?: string }) {
  const problems = run.problems ?? [];
  const counts: [string, number, string][] = [
    ['Read', run.recordsRead, 'read'],
    ['Inserted', run.recordsInserted, 'inserted'],
    ['Updated', run.recordsUpdated, 'updated'],
    ['Unchanged', run.recordsUnchanged, 'unchanged'],
    ['Refused', run.recordsRejected, 'rejected'],
  ];
  return (
    <section class="card indicator-section" aria-labelledby={`${testId}-title`} data-testid={testId} data-outcome={run.outcome}>
      <h2 id={`${testId}-title`}>
        {run.fileName} <span class={`badge ${run.outcome === 'completed' ? 'badge-ok' : 'badge-warn'}`}>{run.outcome === 'completed' ? 'Completed' : 'Rejected: nothing imported'}</span>
      </h2>
      <p class="small muted">
        {labelOf(IMPORT_KINDS, run.kind)}
        {run.strict ? ' · strict' : ''} · by {personName(run.importedBy)} · {formatDateTime(run.finishedAt || run.startedAt)}
      </p>
      <dl class="import-counts">
        {counts.map(([label, n, key]) => (
          <div key={key} data-testid={`import-count-${key}`} data-count={n}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {problems.length === 0 ? (
        <p class="muted">No record was refused.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table" data-testid="import-problems">
            <caption>Refused records</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" class="num">
                  Line
                </th>
                <th scope="col">Record</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i} data-testid="import-problem" data-line={p.line ?? ''}>
                  <td>{p.file}</td>
                  <th scope="row" class="num">
                    {p.line ?? '—'}
                  </th>
                  <td>{p.recordId ?? '—'}</td>
                  <td>{p.field ? <code>{p.field}</code> : '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
