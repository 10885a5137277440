import type { IncidentFormConfig } from '../lib/incidents';
import { asksDuration, asksHarm, asksMerp, type ReportForm } from '../lib/reportForm';
import { CategoryDetailFields } from './CategoryDetailFields';
import { SelectField } from './Field';
import { RadioGroup } from './RadioGroup';

export interface ReportPartProps {
  config: IncidentFormConfig;
  form: ReportForm;
  set: (patch: Partial<ReportForm>) => void;
  errors: Record<string, string>;
  fieldId: (field: string) => string;
}

/** Event type, category and its extra questions, harm, its duration and (medication) the NCC MERP category. */
export function ReportClassification({ config, form, set, errors, fieldId }: ReportPartProps) {
  const category = config.categories.find((c) => c.id === form.category);
  return (
    <section class="card form-section" aria-labelledby="report-what">
      <h2 id="report-what">About the event</h2>
      <RadioGroup
        id={fieldId('type')}
        legend="Type of event"
        options={config.eventTypes}
        value={form.type}
        onValue={(type) => set({ type })}
        error={errors.type}
        testId="report-type"
      />
      <div class="form-grid">
        <SelectField id={fieldId('category')} label="Category" value={form.category} onValue={(c) => set({ category: c, merpCategory: c === 'medication' ? form.merpCategory : '' })} error={errors.category}>
        <option value="">Choose a category…</option>
        {config.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
        </SelectField>
      </div>
      {category && (
        <CategoryDetailFields
          fields={category.fields}
          values={form.details}
          onValue={(name, v) => set({ details: { ...form.details, [name]: v } })}
          errors={errors}
          fieldId={fieldId}
        />
      )}
      {asksHarm(form) ? (
        <RadioGroup
          id={fieldId('harm')}
          legend="Harm to the patient"
          hint="As far as you can tell now; choose Unknown if it cannot be judged yet."
          options={config.harmLevels}
          value={form.harm}
          onValue={(harm) => set({ harm })}
          error={errors.harm}
          testId="report-harm"
        />
      ) : (
        <p class="muted small" data-testid="no-harm-note">
          {form.type === 'near_miss' ? 'A near miss did not reach the patient' : 'An unsafe condition involves no patient'}, so it is recorded as
          No harm.
          {errors.harm && <span class="field-error"> {errors.harm}</span>}
        </p>
      )}
      {asksDuration(form) && (
        <RadioGroup
          id={fieldId('harmDuration')}
          legend="How long will the harm last?"
          options={config.harmDurations}
          value={form.harmDuration}
          onValue={(harmDuration) => set({ harmDuration })}
          error={errors.harmDuration}
          inline
        />
      )}
      {!asksDuration(form) && errors.harmDuration && <p class="field-error">{errors.harmDuration}</p>}
      {asksMerp(form) && (
        <RadioGroup
          id={fieldId('merpCategory')}
          legend="NCC MERP category"
          hint="The National Coordinating Council for Medication Error Reporting and Prevention index."
          options={config.merpCategories.map((m) => ({ ...m, label: m.label || m.id }))}
          value={form.merpCategory}
          onValue={(merpCategory) => set({ merpCategory })}
          error={errors.merpCategory}
          testId="report-merp"
        />
      )}
    </section>
  );
}
