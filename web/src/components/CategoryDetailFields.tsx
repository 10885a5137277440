import type { DetailField } from '../lib/incidents';
import { SelectField, TextField } from './Field';

interface Props {
  fields: DetailField[];
  values: Record<string, string>;
  onValue: (name: string, value: string) => void;
  /** Errors keyed by API field name ("details.drug"). */
  errors: Record<string, string>;
  /** DOM id for an API field name. */
  fieldId: (field: string) => string;
  onBlur?: () => void;
}

/** The extra questions of one event category: free text or a choice from the category's list. */
export function CategoryDetailFields({ fields, values, onValue, errors, fieldId, onBlur }: Props) {
  if (fields.length === 0) return null;
  return (
    <div class="detail-fields" data-testid="category-fields">
      {fields.map((f) => {
        const key = `details.${f.name}`;
        const label = f.required ? f.label : `${f.label} (optional)`;
        return f.kind === 'choice' ? (
          <SelectField key={f.name} id={fieldId(key)} label={label} hint={f.help || undefined} value={values[f.name] ?? ''} onValue={(v) => onValue(f.name, v)} error={errors[key]}>
            <option value="">{f.required ? 'Choose…' : 'Not answered'}</option>
            {f.choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField key={f.name} id={fieldId(key)} label={label} hint={f.help || undefined} value={values[f.name] ?? ''} onValue={(v) => onValue(f.name, v)} error={errors[key]} maxLength={500} onBlur={onBlur} />
        );
      })}
    </div>
  );
}
