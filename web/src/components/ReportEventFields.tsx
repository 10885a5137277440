import { toLocalInput } from '../lib/datetime';
import { asksPatient } from '../lib/reportForm';
import { DepartmentSelect } from './DepartmentSelect';
import { TextAreaField, TextField } from './Field';
import type { ReportPartProps } from './ReportClassification';

/** Where and when, who was involved, and the narrative. */
export function ReportEventFields({ config, form, set, errors, fieldId, anonymous }: ReportPartProps & { anonymous: boolean }) {
  const patientError = errors['patient.identifier'] ?? errors.patient;
  return (
    <>
      <section class="card form-section" aria-labelledby="report-where">
        <h2 id="report-where">Where and when</h2>
        <div class="form-grid">
          <DepartmentSelect id={fieldId('departmentId')} label="Department" departments={config.departments} value={form.departmentId} onValue={(departmentId) => set({ departmentId })} error={errors.departmentId} />
          <TextField id={fieldId('location')} label="Location (optional)" hint="Finer than the department, e.g. “Bay 3, bed 12”." value={form.location} onValue={(location) => set({ location })} error={errors.location} />
          <TextField
            id={fieldId('occurredAt')}
            label="When it happened"
            type="datetime-local"
            hint="Your local time. Already set to now; change it if the event happened earlier."
            value={form.occurredAt}
            onValue={(occurredAt) => set({ occurredAt })}
            error={errors.occurredAt}
            max={toLocalInput(new Date())}
            required
          />
        </div>
      </section>

      <section class="card form-section" aria-labelledby="report-who">
        <h2 id="report-who">Who was involved</h2>
        <div class="form-grid">
          {asksPatient(form) ? (
            <>
              <TextField
                id={fieldId('patient.identifier')}
                label="Patient identifier (optional)"
                hint={anonymous ? 'Medical record number. It is seen only by the patient safety team.' : 'Medical record number.'}
                value={form.patientIdentifier}
                onValue={(patientIdentifier) => set({ patientIdentifier })}
                error={patientError}
                autoComplete="off"
              />
              <TextField id={fieldId('patient.name')} label="Patient name (optional)" value={form.patientName} onValue={(patientName) => set({ patientName })} error={errors['patient.name']} autoComplete="off" />
            </>
          ) : (
            <p class="muted small">An unsafe condition involves no patient, so no patient details are asked for.</p>
          )}
          <TextField
            id={fieldId('peopleInvolved')}
            label="Staff involved (optional)"
            hint="Roles rather than names, e.g. “staff nurse, locum registrar”."
            value={form.peopleInvolved}
            onValue={(peopleInvolved) => set({ peopleInvolved })}
            error={errors.peopleInvolved}
          />
        </div>
      </section>

      <section class="card form-section" aria-labelledby="report-narrative">
        <h2 id="report-narrative">Your account</h2>
        <div class="form-grid form-wide">
          <TextAreaField
            id={fieldId('description')}
            label="What happened"
            hint="The facts, in order. Avoid blame: this report is for learning."
            rows={5}
            value={form.description}
            onValue={(description) => set({ description })}
            error={errors.description}
            required
          />
          <TextAreaField
            id={fieldId('immediateActions')}
            label="Immediate actions taken (optional)"
            hint="What was done to make the patient and others safe."
            rows={3}
            value={form.immediateActions}
            onValue={(immediateActions) => set({ immediateActions })}
            error={errors.immediateActions}
          />
        </div>
      </section>
    </>
  );
}
