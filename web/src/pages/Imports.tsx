import { useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { ImportRunReport } from '../components/ImportRunReport';
import { ImportUpload } from '../components/ImportUpload';
import { ProblemNotice } from '../components/IndicatorProblem';
import { Page } from '../components/Page';
import { formatDateTime } from '../lib/format';
import { IMPORT_KINDS, labelOf, personName, type ImportRun } from '../lib/indicators';
import { useApi } from '../lib/useApi';

/** Data imports: upload an EHR or survey extract, see what it did, and look back at earlier runs. */
export function ImportsPage() {
  const history = useApi<{ items: ImportRun[] }>('/api/v1/imports');
  const [latest, setLatest] = useState<ImportRun | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const detail = useApi<ImportRun>(openId !== null ? `/api/v1/imports/${openId}` : null);
  if (isPageError(history.error)) return <LoadError error={history.error} />;
  const runs = history.data?.items ?? [];

  return (
    <Page title="Imports" testId="imports-page" intro="Encounter data from the EHR (CSV or FHIR R4 bulk NDJSON), patient experience surveys, compliance observations and complaints.">
      <ImportUpload
        onImported={(run) => {
          setLatest(run);
          setOpenId(null);
          history.reload();
        }}
      />
      {latest && <ImportRunReport run={latest} />}

      <section class="indicator-section" aria-labelledby="import-history-title">
        <h2 id="import-history-title">Earlier imports</h2>
        <ProblemNotice error={history.error} testId="import-history-error" />
        <div class="table-wrap">
          <table class="data-table" data-testid="import-history">
            <caption class="visually-hidden">Import runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Outcome</th>
                <th scope="col" class="num">
                  Read
                </th>
                <th scope="col" class="num">
                  Inserted
                </th>
                <th scope="col" class="num">
                  Updated
                </th>
                <th scope="col" class="num">
                  Refused
                </th>
                <th scope="col">By</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="import-history-row">
                  <th scope="row">
                    <button type="button" class="link-button" onClick={() => setOpenId(r.id)} aria-expanded={openId === r.id} data-testid="import-open">
                      {r.fileName}
                    </button>
                  </th>
                  <td>{labelOf(IMPORT_KINDS, r.kind)}</td>
                  <td>{r.outcome === 'completed' ? 'Completed' : 'Rejected'}</td>
                  <td class="num">{r.recordsRead.toLocaleString()}</td>
                  <td class="num">{r.recordsInserted.toLocaleString()}</td>
                  <td class="num">{r.recordsUpdated.toLocaleString()}</td>
                  <td class="num">{r.recordsRejected.toLocaleString()}</td>
                  <td>{personName(r.importedBy)}</td>
                  <td class="nowrap">{formatDateTime(r.finishedAt || r.startedAt)}</td>
                </tr>
              ))}
              {history.data && runs.length === 0 && (
                <tr>
                  <td colSpan={9} class="empty">
                    Nothing has been imported yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
      {openId !== null && (
        <>
          <ProblemNotice error={detail.error} testId="import-detail-error" />
          {detail.data && detail.data.id === openId && <ImportRunReport run={detail.data} testId="import-detail" />}
        </>
      )}
    </Page>
  );
}
