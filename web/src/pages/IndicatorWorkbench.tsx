import { useMemo, useState } from 'preact/hooks';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field';
import { IndicatorMeasureEditor } from '../components/IndicatorMeasureEditor';
import { ProblemNotice, useProblemAction } from '../components/IndicatorProblem';
import { IndicatorScopePicker } from '../components/IndicatorScopePicker';
import { Page } from '../components/Page';
import { SpcChart } from '../components/SpcChart';
import { api, ApiError } from '../lib/api';
import {
  CHARTS,
  DIRECTIONS,
  DOMAINS,
  drillFromGrants,
  formatValue,
  PERIODS,
  RULES,
  STRATA,
  TYPES,
  type GroupComparison,
  type Indicator,
  type IndicatorChart,
  type Measure,
} from '../lib/indicators';
import { Link, navigate } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';

interface Draft {
  code: string;
  name: string;
  description: string;
  domain: string;
  type: string;
  per: string;
  unitLabel: string;
  numerator: Measure;
  denominator: Measure;
  direction: string;
  target: string;
  alertThreshold: string;
  period: string;
  chart: string;
  rules: string;
  strata: string[];
  citation: string;
}

// A definition that previews on any imported data: the share of stays that ended in death.
const START: Draft = {
  code: '',
  name: 'In-hospital deaths among inpatient stays',
  description: 'Stays that ended in the patient’s death, as a share of inpatient stays.',
  domain: 'effective',
  type: 'proportion',
  per: '100',
  unitLabel: '%',
  numerator: { source: 'encounters', aggregate: 'count', column: null, where: [{ column: 'encounter_class', in: ['inpatient'] }, { column: 'died', is: true }] },
  denominator: { source: 'encounters', aggregate: 'count', column: null, where: [{ column: 'encounter_class', in: ['inpatient'] }] },
  direction: 'lower_is_better',
  target: '',
  alertThreshold: '',
  period: 'month',
  chart: 'p',
  rules: 'making_data_count',
  strata: ['age_band', 'sex'],
  citation: '',
};

const needsDenominator = (type: string) => type === 'rate' || type === 'proportion' || type === 'mean';
const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** A code from a name: lower case words joined by "_", as the catalogue's codes are. */
function codeFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}

function toDefinition(d: Draft) {
  return {
    code: d.code.trim() || codeFrom(d.name),
    name: d.name.trim(),
    description: d.description.trim(),
    domain: d.domain,
    type: d.type,
    per: Number(d.per) || 1,
    unitLabel: d.unitLabel.trim(),
    numerator: d.numerator,
    denominator: needsDenominator(d.type) ? d.denominator : null,
    direction: d.direction,
    target: numberOrNull(d.target),
    alertThreshold: numberOrNull(d.alertThreshold),
    period: d.period,
    strata: d.strata,
    chart: d.chart,
    rules: d.rules,
    citation: d.citation.trim(),
  };
}

interface Preview {
  chart: IndicatorChart | null;
  comparison: GroupComparison | null;
  errors: ({ field: string; message: string } | string)[];
}

const FIELD_LABELS: Record<string, string> = { code: 'Code', name: 'Name', per: 'Per', unitLabel: 'Unit label', chart: 'Chart', strata: 'Strata' };

/** The analyst's workbench: define an indicator, preview its chart on the live data, and save it. */
export function IndicatorWorkbenchPage() {
  const { session, org } = useAppState();
  const [d, setD] = useState<Draft>(START);
  const [scope, setScope] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const previewing = useProblemAction();
  const saving = useProblemAction();
  const drill = useMemo(() => drillFromGrants(org, session?.user.grants ?? []), [org, session]);
  const canSave = hasPermission(session, 'indicators.manage');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));
  const orgWide = !!session?.user.grants.some((g) => g.scope.type === 'organisation');
  const chosenScope = scope || (orgWide ? 'organisation' : drill.sites[0] ? `site:${drill.sites[0].id}` : drill.departments[0] ? `department:${drill.departments[0].id}` : 'organisation');

  const problemErrors: Record<string, string> = {};
  for (const p of [saving.problem, previewing.problem]) if (p instanceof ApiError) for (const e of p.fieldErrors) problemErrors[e.field] ??= e.message;
  for (const e of preview?.errors ?? []) if (typeof e !== 'string') problemErrors[e.field] ??= e.message;
  const err = (f: string) => problemErrors[f];

  const runPreview = () =>
    void previewing.run(async () => {
      setPreview(null);
      setPreview(await api.post<Preview>('/api/v1/indicators/preview', { definition: toDefinition(d), scope: chosenScope }));
    });
  const save = () =>
    void saving.run(async () => {
      const created = await api.post<Indicator>('/api/v1/indicators', toDefinition(d));
      navigate(`/indicators/${encodeURIComponent(created.code)}`);
    });

  return (
    <Page title="Indicator workbench" testId="indicator-workbench-page" intro={<>Define an indicator as filters over the imported data and HQMS’s own records, preview its control chart, and save it. <Link href="/indicators">Back to the catalogue</Link></>}>
      <form class="workbench-form" onSubmit={(e) => e.preventDefault()} aria-label="Indicator definition">
        <section class="card indicator-section">
          <h2>What it measures</h2>
          <div class="form-row form-row-wide">
            <TextField id="name" label="Name" value={d.name} onValue={(v) => set('name', v)} error={err('name')} required />
            <TextField id="code" label="Code" value={d.code} onValue={(v) => set('code', v)} error={err('code')} hint={`Lower case, digits and _; empty: ${codeFrom(d.name) || '—'}`} />
          </div>
          <TextAreaField id="description" label="Description" value={d.description} onValue={(v) => set('description', v)} rows={2} error={err('description')} />
          <div class="form-row">
            <SelectField id="domain" label="IOM domain" value={d.domain} onValue={(v) => set('domain', v)} error={err('domain')}>
              {DOMAINS.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            <SelectField id="type" label="Type" value={d.type} onValue={(v) => set('type', v)} error={err('type')}>
              {TYPES.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            <TextField id="per" label="Per" type="number" value={d.per} onValue={(v) => set('per', v)} error={err('per')} hint="1000 for per 1,000; 100 for %" />
            <TextField id="unitLabel" label="Unit label" value={d.unitLabel} onValue={(v) => set('unitLabel', v)} error={err('unitLabel')} />
          </div>
          <TextField id="citation" label="Definition source (citation)" value={d.citation} onValue={(v) => set('citation', v)} error={err('citation')} />
        </section>

        <section class="card indicator-section">
          <h2>How it is counted</h2>
          <IndicatorMeasureEditor name="numerator" legend="Numerator" measure={d.numerator} onChange={(m) => set('numerator', m)} errors={problemErrors} />
          {needsDenominator(d.type) ? (
            <IndicatorMeasureEditor name="denominator" legend="Denominator" measure={d.denominator} onChange={(m) => set('denominator', m)} errors={problemErrors} />
          ) : (
            <p class="muted small">A {d.type} has no denominator.</p>
          )}
        </section>

        <section class="card indicator-section">
          <h2>How it is judged and charted</h2>
          <div class="form-row">
            <SelectField id="direction" label="Direction" value={d.direction} onValue={(v) => set('direction', v)} error={err('direction')}>
              {DIRECTIONS.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            <TextField id="target" label="Target" type="number" value={d.target} onValue={(v) => set('target', v)} error={err('target')} />
            <TextField id="alertThreshold" label="Alert threshold" type="number" value={d.alertThreshold} onValue={(v) => set('alertThreshold', v)} error={err('alertThreshold')} />
            <SelectField id="period" label="Period" value={d.period} onValue={(v) => set('period', v)} error={err('period')}>
              {PERIODS.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            <SelectField id="chart" label="Chart" value={d.chart} onValue={(v) => set('chart', v)} error={err('chart')}>
              {CHARTS.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
            <SelectField id="rules" label="Rules" value={d.rules} onValue={(v) => set('rules', v)} error={err('rules')}>
              {RULES.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset class="strata-choice" id="strata">
            <legend>Stratify by</legend>
            {err('strata') && <p class="field-error">{err('strata')}</p>}
            {STRATA.map((s) => (
              <CheckField
                key={s.value}
                id={`strata-${s.value}`}
                label={s.label}
                checked={d.strata.includes(s.value)}
                onChecked={(on) => set('strata', on ? [...d.strata, s.value] : d.strata.filter((x) => x !== s.value))}
              />
            ))}
          </fieldset>
        </section>

        <section class="card indicator-section">
          <h2>Preview</h2>
          <div class="form-row">
            <IndicatorScopePicker id="preview-scope" label="Preview for" drill={drill} value={chosenScope} onValue={setScope} />
          </div>
          <div class="form-actions">
            <button type="button" class="btn btn-primary" onClick={runPreview} disabled={previewing.busy} data-testid="workbench-preview">
              {previewing.busy ? 'Computing…' : 'Preview'}
            </button>
            {canSave && (
              <button type="button" class="btn btn-secondary" onClick={save} disabled={saving.busy} data-testid="workbench-save">
                Save indicator
              </button>
            )}
          </div>
          <ProblemNotice error={previewing.problem} testId="preview-error" />
          <ProblemNotice error={saving.problem} testId="save-error" />
          {preview && preview.errors.length > 0 && (
            <div class="notice notice-error" role="alert" data-testid="preview-errors">
              <p>
                <strong>The definition cannot be computed yet:</strong>
              </p>
              <ul>
                {preview.errors.map((e, i) => (
                  <li key={i}>{typeof e === 'string' ? e : `${FIELD_LABELS[e.field] ?? e.field}: ${e.message}`}</li>
                ))}
              </ul>
            </div>
          )}
          {preview?.chart && (
            <div data-testid="workbench-preview-result">
              <SpcChart chart={preview.chart} testId="preview-chart" />
              {preview.comparison && preview.comparison.overall !== null && (
                <p class="small muted" data-testid="preview-overall">
                  Over {preview.comparison.periods.from} to {preview.comparison.periods.to}: {formatValue(preview.comparison.overall, preview.chart.indicator.unitLabel)} overall across{' '}
                  {preview.comparison.groups.length} departments.
                </p>
              )}
            </div>
          )}
        </section>
      </form>
    </Page>
  );
}
