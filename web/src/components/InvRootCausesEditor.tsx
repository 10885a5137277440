import { invFieldId, removeAt, replaceAt } from '../lib/investigations';
import { TextAreaField } from './Field';

interface Props {
  rootCauses: string[];
  onChange: (rootCauses: string[]) => void;
  errors: Record<string, string>;
}

/** Root-cause statements: cause, effect and the event, in one sentence each. */
export function InvRootCausesEditor({ rootCauses, onChange, errors }: Props) {
  return (
    <section class="card inv-section screen-only" aria-labelledby="inv-root-title" data-testid="inv-root-causes">
      <h2 id="inv-root-title">Root-cause statements</h2>
      {errors.rootCauses && <p class="field-error">{errors.rootCauses}</p>}
      {rootCauses.length === 0 && <p class="muted">None yet. Completing the investigation needs at least one.</p>}
      <ol class="row-list">
        {rootCauses.map((r, i) => (
          <li key={i} class="edit-row">
            <TextAreaField
              id={invFieldId(`rootCauses[${i}]`)}
              label={`Root cause ${i + 1}`}
              hint="“Because of [cause], [effect] happened, which led to [event].”"
              value={r}
              onValue={(v) => onChange(replaceAt(rootCauses, i, v))}
              error={errors[`rootCauses[${i}]`]}
              rows={2}
            />
            <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(rootCauses, i))} aria-label={`Remove root cause ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...rootCauses, ''])}>
        Add root cause
      </button>
    </section>
  );
}
