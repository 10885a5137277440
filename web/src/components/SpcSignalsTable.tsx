import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatValue, ruleLabel, type IndicatorChart } from '../lib/indicators';
import { navigate } from '../lib/router';
import { useAppState } from '../lib/session';
import { SelectField } from './Field';
import { ProblemNotice, useProblemAction } from './IndicatorProblem';

interface Props {
  code: string;
  chart: IndicatorChart;
  /** The `scope` parameter of the chart (organisation, site:N, department:N). */
  scope: string;
  /** The caller holds capa.manage somewhere; the server checks it at the department. */
  canOpenCapa: boolean;
}

interface SignalRun {
  first: string;
  period: string;
  rule: string;
  reading: string;
  points: number;
}

/**
 * The signals as runs: a shift or a trend flags each of its points, and one row per run (with its latest
 * period, the one a CAPA is opened from) reads better than seven rows saying the same.
 */
function signalRuns(chart: IndicatorChart): SignalRun[] {
  const index = new Map(chart.points.map((p, i) => [p.period, i]));
  const sorted = [...chart.signals].sort((a, b) => (index.get(a.period) ?? 0) - (index.get(b.period) ?? 0));
  const runs: (SignalRun & { lastIndex: number })[] = [];
  for (const s of sorted) {
    const i = index.get(s.period) ?? -1;
    const prev = runs[runs.length - 1];
    if (prev && prev.rule === s.rule && prev.reading === s.reading && i === prev.lastIndex + 1) {
      prev.period = s.period;
      prev.lastIndex = i;
      prev.points += 1;
    } else runs.push({ first: s.period, period: s.period, rule: s.rule, reading: s.reading, points: 1, lastIndex: i });
  }
  return runs;
}

const READING_WORDS: Record<string, string> = { concern: 'Concern', improvement: 'Improvement', neutral: 'Neither' };

/**
 * The chart's special-cause signals, newest first. A signal of concern can open a corrective CAPA in one
 * click; a CAPA belongs to a department, so at site scope the department is chosen here first.
 */
export function SpcSignalsTable({ code, chart, scope, canOpenCapa }: Props) {
  const { org } = useAppState();
  const action = useProblemAction();
  const [departmentId, setDepartmentId] = useState('');
  const [opening, setOpening] = useState<string | null>(null);
  const [scopeType, scopeId] = scope.split(':');
  const siteDepartments = scopeType === 'site' ? (org?.sites.find((s) => String(s.id) === scopeId)?.departments ?? []) : [];
  const department = scopeType === 'department' ? scopeId : departmentId;
  const signals = signalRuns(chart).reverse();
  const byPeriod = new Map(chart.points.map((p) => [p.period, p]));

  const openCapa = (s: { period: string; rule: string; reading: string }) => {
    setOpening(s.period);
    void action.run(async () => {
      const created = await api.post<{ id: number; reference: string }>(`/api/v1/indicators/${encodeURIComponent(code)}/capa`, {
        scope,
        departmentId: Number(department),
        period: s.period,
        rule: s.rule,
        reading: s.reading,
      });
      navigate(`/capa/${created.id}`);
    });
  };

  return (
    <section class="card indicator-section" aria-labelledby="signals-title" data-testid="spc-signals">
      <h2 id="signals-title">Special-cause signals</h2>
      {signals.length === 0 ? (
        <p class="muted">No point breaks the {chart.rules === 'anhoej' ? 'Anhøj' : 'Making Data Count'} rules: the variation is common cause.</p>
      ) : (
        <>
          {canOpenCapa && scopeType === 'site' && (
            <SelectField id="signal-capa-department" label="Department for a CAPA" value={departmentId} onValue={setDepartmentId} hint="A CAPA belongs to one department of this site.">
              <option value="">Choose a department…</option>
              {siteDepartments.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name}
                </option>
              ))}
            </SelectField>
          )}
          {canOpenCapa && scopeType === 'organisation' && <p class="small muted">To open a CAPA from a signal, choose a site or a department first.</p>}
          <ProblemNotice error={action.problem} testId="open-capa-error" />
          <div class="table-wrap">
            <table class="data-table" data-testid="signals-table">
              <caption class="visually-hidden">Special-cause signals, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Periods</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Reading</th>
                  <th scope="col" class="num">
                    Latest value
                  </th>
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {signals.map((s) => (
                  <tr key={`${s.period}-${s.rule}`} data-testid="signal-row" data-reading={s.reading} data-period={s.period} data-first={s.first}>
                    <th scope="row">
                      {s.points === 1 ? s.period : `${s.first} to ${s.period}`}
                      {s.points > 1 && <span class="muted small"> ({s.points} points)</span>}
                    </th>
                    <td>{ruleLabel(s.rule)}</td>
                    <td>
                      <span class={`reading reading-${s.reading}`}>{READING_WORDS[s.reading] ?? s.reading}</span>
                    </td>
                    <td class="num">{formatValue(byPeriod.get(s.period)?.value ?? null, chart.indicator.unitLabel)}</td>
                    <td>
                      {canOpenCapa && s.reading === 'concern' && scopeType !== 'organisation' && (
                        <button
                          type="button"
                          class="btn btn-secondary btn-small"
                          disabled={action.busy || !department}
                          onClick={() => openCapa(s)}
                          data-testid="open-capa"
                          aria-label={`Open CAPA for the signal in ${s.period}`}
                        >
                          {action.busy && opening === s.period ? 'Opening…' : 'Open CAPA'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
