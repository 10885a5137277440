import { useEffect, useRef, useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { FmeaGrid } from '../components/FmeaGrid';
import { FmeaHeaderPanel } from '../components/FmeaHeaderPanel';
import { FmeaPareto } from '../components/FmeaPareto';
import { FmeaSummary } from '../components/FmeaSummary';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api, messageOf } from '../lib/api';
import type { FailureModeRow, FmeaStudy } from '../lib/fmea';
import { Link, useLocation } from '../lib/router';
import { useApi } from '../lib/useApi';

export function FmeaWorksheetPage({ id }: { id: number }) {
  const { search } = useLocation();
  const loaded = useApi<FmeaStudy>(`/api/v1/fmea/${id}`);
  const [study, setStudy] = useState<FmeaStudy | null>(null);
  const [made, setMade] = useState<{ id: number; reference: string } | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    if (loaded.data) setStudy(loaded.data);
  }, [loaded.data]);

  // The order, the Pareto and the summary are the server's: re-read the study after every row change.
  const refresh = () => {
    const n = ++latest.current;
    api
      .get<FmeaStudy>(`/api/v1/fmea/${id}`)
      .then((s) => {
        if (n !== latest.current) return;
        setStudy(s);
        setRefreshError(null);
      })
      .catch((err: unknown) => {
        if (n === latest.current) setRefreshError(messageOf(err));
      });
  };
  const patchRows = (fn: (rows: FailureModeRow[]) => FailureModeRow[]) => setStudy((s) => (s ? { ...s, failureModes: fn(s.failureModes) } : s));
  const onRowSaved = (row: FailureModeRow) => {
    patchRows((rows) => (rows.some((r) => r.id === row.id) ? rows.map((r) => (r.id === row.id ? row : r)) : [...rows, row]));
    refresh();
  };

  if (loaded.error && !study) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!study) return <p class="muted">Loading the worksheet…</p>;

  return (
    <Page
      title={`${study.reference} · ${study.title}`}
      testId="fmea-worksheet-page"
      intro={
        <>
          <Link href="/fmea">Back to FMEA studies</Link> · {study.departmentName} · Lead: {study.lead?.displayName ?? 'not set'} ·{' '}
          <span class={`badge ${study.state === 'completed' ? 'badge-ok' : 'badge-warn'}`} data-testid="fmea-state">
            {study.state === 'completed' ? 'Completed' : 'In progress'}
          </span>
        </>
      }
      actions={
        <a class="btn btn-secondary" href={`/api/v1/fmea/${study.id}/export`} download data-testid="export-xlsx">
          Export XLSX
        </a>
      }
    >
      {search.get('created') && <Notice kind="success">Study {study.reference} created. Add its failure modes in the worksheet.</Notice>}
      {made && (
        <Notice kind="success" testId="capa-made">
          <Link href={`/capa/${made.id}`}>{made.reference}</Link> created from the recommended action.
        </Notice>
      )}
      {refreshError && (
        <Notice kind="error">
          <p>The worksheet could not be refreshed: {refreshError}</p>
          <button type="button" class="btn btn-secondary" onClick={refresh}>
            Try again
          </button>
        </Notice>
      )}
      {study.process && <p class="fmea-process">{study.process}</p>}
      <FmeaSummary summary={study.summary} />
      <FmeaHeaderPanel study={study} onSaved={setStudy} onReload={refresh} />
      <section aria-labelledby="fmea-worksheet-title" class="fmea-worksheet">
        <h2 id="fmea-worksheet-title">Worksheet</h2>
        {study.steps.length === 0 && <Notice kind="info">Add the process steps above before the failure modes.</Notice>}
        <FmeaGrid
          study={study}
          onRowSaved={onRowSaved}
          onRowDeleted={(rowId) => {
            patchRows((rows) => rows.filter((r) => r.id !== rowId));
            refresh();
          }}
          onCapaMade={(capa, row) => {
            setMade(capa);
            onRowSaved(row);
          }}
          onReload={refresh}
        />
      </section>
      <FmeaPareto bars={study.pareto} />
    </Page>
  );
}
