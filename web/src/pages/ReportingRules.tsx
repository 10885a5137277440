import { useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { IncidentSettingsPanel } from '../components/IncidentSettingsPanel';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { ReportingRuleForm } from '../components/ReportingRuleForm';
import { labelOf, type ReportingRule } from '../lib/incidents';
import { useApi } from '../lib/useApi';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

/** Rules that create external reporting obligations ("death or severe harm -> the regulator within 7 days"). */
export function ReportingRulesPage() {
  const rules = useApi<{ items: ReportingRule[] }>('/api/v1/external-reporting-rules');
  const { config } = useIncidentFormConfig();
  // null = no form; 'new' = create; a rule = edit it.
  const [editing, setEditing] = useState<ReportingRule | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (isPageError(rules.error)) return <LoadError error={rules.error} />;
  const items = rules.data?.items ?? [];

  return (
    <Page
      title="External reporting rules"
      testId="reporting-rules-page"
      intro="Which events must be reported to outside agencies, and how quickly. Obligations are counted from the day an event is submitted."
      actions={
        editing === null && (
          <button type="button" class="btn btn-primary" onClick={() => { setMessage(null); setEditing('new'); }} data-testid="new-rule">
            New rule
          </button>
        )
      }
    >
      {message && <Notice kind="success">{message}</Notice>}
      {editing !== null && (
        <ReportingRuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          config={config}
          onSaved={(m) => {
            setMessage(m);
            setEditing(null);
            rules.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {rules.error ? <LoadError error={rules.error} onRetry={rules.reload} /> : null}
      <div class="table-wrap" aria-busy={rules.loading}>
        <table class="data-table" data-testid="rules-table">
          <caption class="visually-hidden">External reporting rules</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Agency</th>
              <th scope="col">Applies to</th>
              <th scope="col">Due within</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid="rule-row">
                <th scope="row">{r.name}</th>
                <td>{r.agency}</td>
                <td>
                  {labelOf(config?.harmLevels, r.minHarm)} or worse · {r.category ? labelOf(config?.categories, r.category) : 'any category'}
                  {r.sentinelOnly && <div class="small muted">Sentinel events only</div>}
                </td>
                <td class="nowrap">
                  {r.dueDays} {r.businessDays ? 'business' : 'calendar'} day{r.dueDays === 1 ? '' : 's'}
                </td>
                <td>
                  <span class={`badge ${r.active ? 'badge-ok' : 'badge-muted'}`}>{r.active ? 'Active' : 'Inactive'}</span>
                </td>
                <td>
                  <button type="button" class="btn btn-secondary" onClick={() => { setMessage(null); setEditing(r); }} aria-label={`Edit rule ${r.name}`}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
            {rules.data && items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  No rules yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <IncidentSettingsPanel />
    </Page>
  );
}
