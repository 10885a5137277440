import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { CHARTS, RULES, type Indicator } from '../lib/indicators';
import { SelectField, TextField } from './Field';
import { ProblemNotice, useProblemAction } from './IndicatorProblem';

const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** Target, alert threshold, chart and rules of an indicator, for the people who keep the indicators. */
export function IndicatorSettingsPanel({ indicator, onSaved }: { indicator: Indicator; onSaved: (i: Indicator) => void }) {
  const [target, setTarget] = useState('');
  const [alert, setAlert] = useState('');
  const [chart, setChart] = useState('');
  const [rules, setRules] = useState('');
  const [saved, setSaved] = useState(false);
  const action = useProblemAction();
  useEffect(() => {
    setTarget(indicator.target === null ? '' : String(indicator.target));
    setAlert(indicator.alertThreshold === null ? '' : String(indicator.alertThreshold));
    setChart(indicator.chart);
    setRules(indicator.rules);
  }, [indicator]);

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const result: { saved: Indicator | null } = { saved: null };
    const ok = await action.run(async () => {
      result.saved = await api.put<Indicator>(`/api/v1/indicators/${encodeURIComponent(indicator.code)}/settings`, {
        target: numberOrNull(target),
        alertThreshold: numberOrNull(alert),
        chart: chart || null,
        rules: rules || null,
        version: indicator.version,
      });
    });
    if (ok && result.saved) {
      setSaved(true);
      onSaved(result.saved);
    }
  };

  return (
    <details class="card indicator-section indicator-settings" data-testid="indicator-settings">
      <summary>
        <h2>Settings</h2>
      </summary>
      <form onSubmit={(e) => void save(e)}>
        <p class="small muted">Organisation-wide: these change the indicator for every site and department.</p>
        <div class="form-row">
          <TextField id="settings-target" label={`Target (${indicator.unitLabel})`} type="number" value={target} onValue={setTarget} hint="Empty: no target." />
          <TextField id="settings-alert" label={`Alert threshold (${indicator.unitLabel})`} type="number" value={alert} onValue={setAlert} hint="Worse than this turns the tile red." />
          <SelectField id="settings-chart" label="Chart" value={chart} onValue={setChart}>
            {CHARTS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <SelectField id="settings-rules" label="Special-cause rules" value={rules} onValue={setRules}>
            {RULES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </SelectField>
        </div>
        <ProblemNotice error={action.problem} testId="settings-error" />
        {saved && (
          <p class="notice notice-success" role="status" data-testid="settings-saved">
            Settings saved.
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="settings-save">
            Save settings
          </button>
        </div>
      </form>
    </details>
  );
}
