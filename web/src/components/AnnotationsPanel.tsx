import { useState } from 'preact/hooks';
import { api, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { personName, type Annotation } from '../lib/indicators';
import { useApi } from '../lib/useApi';
import { SelectField, TextAreaField, TextField } from './Field';
import { ProblemNotice, useProblemAction } from './IndicatorProblem';

const KINDS: { value: Annotation['kind']; label: string; hint: string }[] = [
  { value: 'process_change', label: 'Process change', hint: 'The limits are recalculated from this period on (a new phase).' },
  { value: 'exclusion', label: 'Exclude this period', hint: 'The point is still drawn, hollow, but does not shape the limits.' },
  { value: 'baseline', label: 'Baseline', hint: 'The limits are frozen from the first points of the phase.' },
];

interface Props {
  code: string;
  scope: string;
  /** The periods on the chart, oldest first: what an annotation may name. */
  periods: string[];
  canManage: boolean;
  /** After a change, so the chart is fetched again with its new phases and exclusions. */
  onChanged: () => void;
}

/** What analysts recorded about the chart: process changes, excluded points and baselines, each with its reason. */
export function AnnotationsPanel({ code, scope, periods, canManage, onChanged }: Props) {
  const path = `/api/v1/indicators/${encodeURIComponent(code)}/annotations`;
  const list = useApi<{ items: Annotation[] }>(`${path}${query({ scope })}`);
  const [kind, setKind] = useState<Annotation['kind']>('process_change');
  const [period, setPeriod] = useState('');
  const [reason, setReason] = useState('');
  const [baselinePoints, setBaselinePoints] = useState('12');
  const action = useProblemAction();
  const [done, setDone] = useState<string | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    const ok = await action.run(async () => {
      await api.post(path, {
        scope,
        kind,
        period: period || periods[periods.length - 1],
        reason,
        baselinePoints: kind === 'baseline' ? Number(baselinePoints) : null,
      });
    });
    if (ok) {
      setReason('');
      setDone('Annotation added; the chart was recalculated.');
      list.reload();
      onChanged();
    }
  };
  const remove = async (a: Annotation) => {
    setDone(null);
    const ok = await action.run(() => api.del(`${path}/${a.id}`));
    if (ok) {
      setDone('Annotation removed.');
      list.reload();
      onChanged();
    }
  };
  const items = list.data?.items ?? [];
  const hint = KINDS.find((k) => k.value === kind)?.hint;

  return (
    <section class="card indicator-section" aria-labelledby="annotations-title" data-testid="annotations-panel">
      <h2 id="annotations-title">Annotations</h2>
      <ProblemNotice error={list.error} testId="annotations-load-error" />
      {items.length === 0 ? (
        <p class="muted">Nothing has been recorded about this chart in this scope.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table" data-testid="annotations-table">
            <caption class="visually-hidden">Annotations of the chart</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Kind</th>
                <th scope="col">Reason</th>
                <th scope="col">Recorded</th>
                {canManage && (
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-testid="annotation-row">
                  <th scope="row">{a.period}</th>
                  <td>
                    {KINDS.find((k) => k.value === a.kind)?.label ?? a.kind}
                    {a.kind === 'baseline' && a.baselinePoints ? ` (${a.baselinePoints} points)` : ''}
                  </td>
                  <td>{a.reason}</td>
                  <td class="small">
                    {personName(a.createdBy)}, {formatDateTime(a.createdAt)}
                  </td>
                  {canManage && (
                    <td>
                      <button type="button" class="btn btn-quiet btn-small" disabled={action.busy} onClick={() => void remove(a)} aria-label={`Delete the annotation of ${a.period}`} data-testid="annotation-delete">
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ProblemNotice error={action.problem} testId="annotation-error" />
      {done && (
        <p class="notice notice-success" role="status" data-testid="annotation-done">
          {done}
        </p>
      )}
      {canManage && periods.length > 0 && (
        <form class="annotation-form" onSubmit={(e) => void add(e)} data-testid="annotation-form">
          <h3>Add an annotation</h3>
          <div class="form-row">
            <SelectField id="annotation-kind" label="Kind" value={kind} onValue={(v) => setKind(v as Annotation['kind'])} hint={hint}>
              {KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </SelectField>
            <SelectField id="annotation-period" label="Period" value={period || periods[periods.length - 1]} onValue={setPeriod}>
              {[...periods].reverse().map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </SelectField>
            {kind === 'baseline' && <TextField id="annotation-baseline" label="Baseline points" type="number" min="2" value={baselinePoints} onValue={setBaselinePoints} />}
          </div>
          <TextAreaField id="annotation-reason" label="Reason" value={reason} onValue={setReason} rows={2} required maxLength={500} hint="Shown on the chart and kept in the audit trail." />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="annotation-add">
              Add annotation
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
