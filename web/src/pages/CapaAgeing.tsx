import { useState } from 'preact/hooks';
import { CapaAgeingChart } from '../components/CapaAgeingChart';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField } from '../components/Field';
import { Page } from '../components/Page';
import { query } from '../lib/api';
import { CHOOSABLE_SOURCES, SOURCE_LABELS, type CapaAgeing, type CapaSource } from '../lib/capa';
import { Link } from '../lib/router';
import { useApi } from '../lib/useApi';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

const SOURCES: CapaSource[] = ['incident_investigation', ...CHOOSABLE_SOURCES];

/** Shade a cell by its share of the largest count, like the learning page's tables. */
function heat(n: number, max: number): string {
  if (n === 0 || max === 0) return '';
  return ` heat-${Math.min(5, Math.ceil((n / max) * 5))}`;
}

export function CapaAgeingPage() {
  const { config } = useIncidentFormConfig();
  const [source, setSource] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const ageing = useApi<CapaAgeing>(`/api/v1/capa/ageing${query({ source, departmentId })}`);
  if (isPageError(ageing.error)) return <LoadError error={ageing.error} />;
  const data = ageing.data;
  const max = data ? Math.max(0, ...data.rows.flatMap((r) => r.counts)) : 0;

  return (
    <Page title="CAPA ageing" testId="capa-ageing-page" intro={<>Open CAPAs by how long they have been open, per department. <Link href="/capa">Back to CAPAs</Link></>}>
      <form class="filters" role="search" aria-label="Filter the ageing report" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="ageing-source" label="Source" value={source} onValue={setSource}>
          <option value="">Any source</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <DepartmentSelect id="ageing-department" label="Department" departments={config?.departments ?? []} value={departmentId} onValue={setDepartmentId} emptyLabel="Any department" />
      </form>
      {ageing.error ? <LoadError error={ageing.error} onRetry={ageing.reload} /> : null}
      {ageing.loading && !data && <p class="muted">Loading the ageing report…</p>}
      {data && (
        <>
          <p data-testid="capa-ageing-summary">
            <strong>{data.total.toLocaleString()}</strong> open CAPAs, <strong>{data.overdue.toLocaleString()}</strong> overdue; median age {data.medianDays} days.
          </p>
          <div class="table-wrap" aria-busy={ageing.loading}>
            <table class="data-table heat-table" data-testid="capa-ageing-table">
              <caption class="visually-hidden">Open CAPAs by department and age band in days</caption>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  {data.bands.map((b) => (
                    <th key={b} scope="col" class="num">
                      {b} days
                    </th>
                  ))}
                  <th scope="col" class="num">
                    Total
                  </th>
                  <th scope="col" class="num">
                    Overdue
                  </th>
                  <th scope="col" class="num">
                    Oldest (days)
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.departmentId} data-testid="capa-ageing-row">
                    <th scope="row">
                      <Link href={`/capa?view=list&departmentId=${r.departmentId}`}>{r.departmentName}</Link>
                    </th>
                    {r.counts.map((n, i) => (
                      <td key={i} class={`num${heat(n, max)}`}>
                        {n}
                      </td>
                    ))}
                    <td class="num total">{r.total}</td>
                    <td class={`num${r.overdue > 0 ? ' text-danger' : ''}`}>{r.overdue}</td>
                    <td class="num">{r.oldestDays}</td>
                  </tr>
                ))}
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={data.bands.length + 4} class="empty">
                      No open CAPAs.
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">All departments</th>
                  {data.totals.map((n, i) => (
                    <td key={i} class="num">
                      {n}
                    </td>
                  ))}
                  <td class="num">{data.total}</td>
                  <td class="num">{data.overdue}</td>
                  <td class="num">{data.rows.reduce((m, r) => Math.max(m, r.oldestDays), 0)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <CapaAgeingChart ageing={data} />
        </>
      )}
    </Page>
  );
}
