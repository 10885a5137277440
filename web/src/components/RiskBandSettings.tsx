import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { Bands } from '../lib/risk';
import { useAction } from '../lib/useAction';
import { TextField } from './Field';
import { Notice } from './Notice';

interface Props {
  bands: Bands | null;
  onSaved: () => void;
}

const FIELDS: { key: keyof Bands; label: string }[] = [
  { key: 'moderateFrom', label: 'Moderate from score' },
  { key: 'highFrom', label: 'High from score' },
  { key: 'extremeFrom', label: 'Extreme from score' },
];

/** Where the bands start: the organisation's risk appetite, set by the quality manager for everyone. */
export function RiskBandSettings({ bands, onSaved }: Props) {
  const [values, setValues] = useState<Record<keyof Bands, string>>({ moderateFrom: '', highFrom: '', extremeFrom: '' });
  const action = useAction();
  useEffect(() => {
    if (bands) setValues({ moderateFrom: String(bands.moderateFrom), highFrom: String(bands.highFrom), extremeFrom: String(bands.extremeFrom) });
  }, [bands]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const next = { moderateFrom: Number(values.moderateFrom), highFrom: Number(values.highFrom), extremeFrom: Number(values.extremeFrom) };
    if (await action.run(() => api.put('/api/v1/risk-settings', { bands: next }).then(() => undefined), 'Bands saved.', false)) onSaved();
  };
  const err = (k: string) => action.errors[k] ?? action.errors[`bands.${k}`];

  return (
    <details class="card band-settings" data-testid="band-settings">
      <summary>Band settings</summary>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <p class="muted">Scores run from 1 to 25. Each band starts at the score given; low is everything below moderate. A change re-bands every risk.</p>
        {action.error && Object.keys(action.errors).length === 0 && <Notice kind="error">{action.error}</Notice>}
        {action.done && (
          <Notice kind="success" testId="bands-saved">
            {action.done}
          </Notice>
        )}
        <div class="form-columns">
          {FIELDS.map((f) => (
            <TextField key={f.key} id={`bands-${f.key}`} label={f.label} type="number" min="2" max="25" inputMode="numeric" value={values[f.key]} onValue={(v) => setValues({ ...values, [f.key]: v })} error={err(f.key)} />
          ))}
        </div>
        <button type="submit" class="btn btn-primary" disabled={action.busy || !bands} data-testid="save-bands">
          {action.busy ? 'Saving…' : 'Save bands'}
        </button>
      </form>
    </details>
  );
}
