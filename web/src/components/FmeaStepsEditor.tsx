import { removeAt, replaceAt } from '../lib/investigations';

export interface StepEdit {
  id?: number;
  name: string;
}

interface Props {
  steps: StepEdit[];
  onChange: (steps: StepEdit[]) => void;
  errors: Record<string, string>;
  idPrefix: string;
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** The process steps in order; their order is their numbering. */
export function FmeaStepsEditor({ steps, onChange, errors, idPrefix }: Props) {
  return (
    <fieldset class="steps-editor" data-testid="steps-editor">
      <legend>Process steps</legend>
      {errors.steps && <p class="field-error">{errors.steps}</p>}
      <ol class="row-list">
        {steps.map((s, i) => {
          const id = `${idPrefix}-steps-${i}-name`;
          const error = errors[`steps[${i}].name`] ?? errors[`steps[${i}]`];
          return (
            <li key={s.id ?? `new-${i}`} class={`step-row${error ? ' field-invalid' : ''}`} data-testid="step-row">
              <label for={id} class="step-number">
                Step {i + 1}
              </label>
              <input id={id} value={s.name} onInput={(e) => onChange(replaceAt(steps, i, { ...s, name: e.currentTarget.value }))} aria-invalid={!!error || undefined} aria-describedby={error ? `${id}-error` : undefined} />
              <button type="button" class="btn btn-quiet btn-small" disabled={i === 0} onClick={() => onChange(swap(steps, i, i - 1))} aria-label={`Move step ${i + 1} up`}>
                ↑
              </button>
              <button type="button" class="btn btn-quiet btn-small" disabled={i === steps.length - 1} onClick={() => onChange(swap(steps, i, i + 1))} aria-label={`Move step ${i + 1} down`}>
                ↓
              </button>
              <button type="button" class="btn btn-quiet btn-small" onClick={() => onChange(removeAt(steps, i))} aria-label={`Remove step ${i + 1}`}>
                Remove
              </button>
              {error && (
                <p class="field-error" id={`${id}-error`}>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn-secondary btn-small" onClick={() => onChange([...steps, { name: '' }])} data-testid="add-step">
        Add step
      </button>
    </fieldset>
  );
}
