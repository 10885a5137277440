import { removeAt, replaceAt } from '../lib/investigations';
import { optionLabel, riskFieldId, type Option, type RiskControl } from '../lib/risk';
import { SelectField, TextField } from './Field';

interface Props {
  controls: RiskControl[];
  effectiveness: Option[];
  onChange: (controls: RiskControl[]) => void;
  errors: Record<string, string>;
}

const FALLBACK: Option[] = ['effective', 'partially_effective', 'ineffective', 'not_assessed'].map((id) => ({ id, label: optionLabel(undefined, id) }));

/** The controls in place today and how well each holds the risk; they explain the gap inherent → residual. */
export function RiskControlsEditor({ controls, effectiveness, onChange, errors }: Props) {
  const options = effectiveness.length ? effectiveness : FALLBACK;
  return (
    <section class="card risk-section" aria-labelledby="risk-controls-title" data-testid="risk-controls">
      <h2 id="risk-controls-title">Controls in place</h2>
      {errors.controls && <p class="field-error">{errors.controls}</p>}
      {controls.length === 0 && <p class="muted">No controls recorded.</p>}
      <ol class="row-list">
        {controls.map((c, i) => (
          <li key={i} class="edit-row" data-testid="control-row">
            <TextField id={riskFieldId(`controls[${i}].description`)} label={`Control ${i + 1}`} value={c.description} onValue={(description) => onChange(replaceAt(controls, i, { ...c, description }))} error={errors[`controls[${i}].description`]} />
            <SelectField id={riskFieldId(`controls[${i}].effectiveness`)} label={`Control ${i + 1} effectiveness`} value={c.effectiveness} onValue={(effectiveness) => onChange(replaceAt(controls, i, { ...c, effectiveness }))} error={errors[`controls[${i}].effectiveness`]}>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </SelectField>
            <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(controls, i))} aria-label={`Remove control ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...controls, { description: '', effectiveness: 'not_assessed' }])} data-testid="add-control">
        Add control
      </button>
    </section>
  );
}
