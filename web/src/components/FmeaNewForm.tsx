import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { FmeaStudy } from '../lib/fmea';
import { navigate } from '../lib/router';
import { useAppState } from '../lib/session';
import { useAction } from '../lib/useAction';
import { DepartmentOptions } from './DepartmentOptions';
import { SelectField, TextAreaField, TextField } from './Field';
import { FmeaStepsEditor, type StepEdit } from './FmeaStepsEditor';
import { Notice } from './Notice';

/** Starts a study: what process, in which department, and its steps (more can be added later). */
export function FmeaNewForm({ onCancel }: { onCancel: () => void }) {
  const { session, org } = useAppState();
  const [title, setTitle] = useState('');
  const [process, setProcess] = useState('');
  const [departmentId, setDepartmentId] = useState(session?.user.homeDepartmentId ? String(session.user.homeDepartmentId) : '');
  const [steps, setSteps] = useState<StepEdit[]>([{ name: '' }]);
  const action = useAction();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      const created = await api.post<FmeaStudy>('/api/v1/fmea', {
        title: title.trim(),
        process: process.trim(),
        departmentId: departmentId ? Number(departmentId) : null,
        leadId: session?.user.id ?? null,
        team: [],
        steps: steps.filter((s) => s.name.trim()).map((s) => ({ name: s.name.trim() })),
      });
      navigate(`/fmea/${created.id}?created=1`);
    }, null, false);
  };

  return (
    <form class="card fmea-new" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="fmea-new-form" aria-labelledby="fmea-new-title">
      <h2 id="fmea-new-title">New FMEA</h2>
      {action.error && <Notice kind="error">{action.error}</Notice>}
      <div class="form-columns">
        <TextField id="fmea-new-title-input" label="Title" value={title} onValue={setTitle} error={action.errors.title} />
        <SelectField id="fmea-new-department" label="Department" value={departmentId} onValue={setDepartmentId} error={action.errors.departmentId}>
          <option value="">Choose a department…</option>
          <DepartmentOptions org={org} />
        </SelectField>
      </div>
      <TextAreaField id="fmea-new-process" label="Process and its boundaries" value={process} onValue={setProcess} error={action.errors.process} rows={2} />
      <FmeaStepsEditor steps={steps} onChange={setSteps} errors={action.errors} idPrefix="fmea-new" />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="create-fmea">
          {action.busy ? 'Creating…' : 'Create study'}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
