import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDate, localInputToIso, toLocalInput } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import type { Incident } from '../lib/incidents';
import { useAction } from '../lib/useAction';
import { SelectField, TextField } from './Field';
import { OverdueTag } from './IncidentBadges';
import { LiveRegion, Notice } from './Notice';

interface Props {
  incident: Incident;
  canRecord: boolean;
  onChange: (i: Incident) => void;
}

/** Reports owed to outside agencies under the reporting rules, and the record of those made. */
export function ObligationsPanel({ incident, canRecord, onChange }: Props) {
  const open = incident.obligations.filter((o) => !o.made);
  const action = useAction();
  const [chosen, setRuleId] = useState('');
  // After a report is recorded its rule leaves the list, so fall back to the first one still open.
  const ruleId = open.some((o) => String(o.ruleId) === chosen) ? chosen : open[0] ? String(open[0].ruleId) : '';
  const [reportedAt, setReportedAt] = useState(toLocalInput(new Date()));
  const [reportedTo, setReportedTo] = useState('');
  const [reference, setReference] = useState('');
  if (incident.obligations.length === 0) return null;

  const record = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const rule = incident.obligations.find((o) => String(o.ruleId) === ruleId);
    void action.run(async () => {
      onChange(
        await api.post<Incident>(`/api/v1/incidents/${incident.id}/external-reports`, {
          ruleId: Number(ruleId),
          reportedAt: localInputToIso(reportedAt),
          reportedTo: reportedTo.trim() || rule?.agency || '',
          reference: reference.trim(),
        }),
      );
      setReference('');
      setReportedTo('');
    }, 'External report recorded.');
  };

  return (
    <section class="card" aria-labelledby="obligations-title" data-testid="obligations">
      <h2 id="obligations-title">External reporting</h2>
      <div class="table-wrap">
        <table class="data-table">
          <caption class="visually-hidden">Reports owed to outside agencies</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Agency</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {incident.obligations.map((o) => (
              <tr key={o.ruleId} class={o.overdue ? 'row-overdue' : undefined}>
                <th scope="row">{o.ruleName}</th>
                <td>{o.agency}</td>
                <td class="nowrap">{formatDate(o.dueOn)}</td>
                <td>
                  {o.made ? (
                    <span>
                      Reported {formatDateTime(o.made.reportedAt)} to {o.made.reportedTo}
                      {o.made.reference && <span class="muted"> (ref. {o.made.reference})</span>}
                    </span>
                  ) : o.overdue ? (
                    <OverdueTag />
                  ) : (
                    <span class="badge badge-warn">Not yet reported</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canRecord && open.length > 0 && (
        <form class="form subform" onSubmit={record} noValidate aria-labelledby="record-report-title">
          <h3 id="record-report-title">Record a report made</h3>
          <LiveRegion message={action.error} />
          {action.done && <Notice kind="success">{action.done}</Notice>}
          <div class="form-columns">
            <SelectField id="ext-ruleId" label="Rule" value={ruleId} onValue={setRuleId} error={action.errors.ruleId}>
              {open.map((o) => (
                <option key={o.ruleId} value={String(o.ruleId)}>
                  {o.ruleName} — {o.agency}
                </option>
              ))}
            </SelectField>
            <TextField id="ext-reportedAt" label="Reported at" type="datetime-local" value={reportedAt} onValue={setReportedAt} error={action.errors.reportedAt} />
            <TextField id="ext-reportedTo" label="Reported to" hint="Defaults to the agency." value={reportedTo} onValue={setReportedTo} error={action.errors.reportedTo} />
            <TextField id="ext-reference" label="Agency reference (optional)" value={reference} onValue={setReference} error={action.errors.reference} />
          </div>
          <button type="submit" class="btn btn-primary" disabled={action.busy || !ruleId}>
            Record report
          </button>
        </form>
      )}
    </section>
  );
}
