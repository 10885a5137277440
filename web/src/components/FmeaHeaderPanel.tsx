import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { FmeaStudy } from '../lib/fmea';
import { useAction } from '../lib/useAction';
import { SelectField, TextAreaField, TextField } from './Field';
import { FmeaStepsEditor, type StepEdit } from './FmeaStepsEditor';
import { Notice } from './Notice';

interface Props {
  study: FmeaStudy;
  onSaved: (study: FmeaStudy) => void;
  onReload: () => void;
}

/** The study's header: title, process, state and the steps (names and order), saved with the study's version. */
export function FmeaHeaderPanel({ study, onSaved, onReload }: Props) {
  const [title, setTitle] = useState(study.title);
  const [process, setProcess] = useState(study.process);
  const [state, setState] = useState(study.state);
  const [steps, setSteps] = useState<StepEdit[]>(study.steps.map((s) => ({ id: s.id, name: s.name })));
  const [dirty, setDirty] = useState(false);
  const action = useAction();

  // Adopt the study as saved elsewhere (rows added, another save) unless the reader is mid-edit here.
  useEffect(() => {
    if (dirty) return;
    setTitle(study.title);
    setProcess(study.process);
    setState(study.state);
    setSteps(study.steps.map((s) => ({ id: s.id, name: s.name })));
  }, [study]);

  const touch = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    // A 409 is a stale version or a step that still has failure modes: the server's words say which.
    await action.run(async () => {
      const saved = await api.put<FmeaStudy>(`/api/v1/fmea/${study.id}`, {
        version: study.version,
        title: title.trim(),
        process: process.trim(),
        leadId: study.lead?.id ?? null,
        team: study.team.map((p) => p.id),
        state,
        steps: steps.map((s) => (s.id ? { id: s.id, name: s.name.trim() } : { name: s.name.trim() })),
      });
      setDirty(false);
      onSaved(saved);
    }, 'Study saved.', false);
  };

  if (!study.can.edit)
    return (
      <section class="card" aria-labelledby="fmea-steps-title">
        <h2 id="fmea-steps-title">Process steps</h2>
        <ol class="step-list">
          {study.steps.map((s) => (
            <li key={s.id}>{s.name}</li>
          ))}
        </ol>
      </section>
    );

  return (
    <details class="card fmea-header-panel" open={study.steps.length === 0} data-testid="fmea-header-panel">
      <summary>Study and process steps</summary>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {action.error && Object.keys(action.errors).length === 0 ? (
          <Notice kind="error" testId="fmea-header-error">
            <p>{action.error}</p>
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                setDirty(false);
                action.reset();
                onReload();
              }}
            >
              Reload the latest version
            </button>
          </Notice>
        ) : (
          action.error && <Notice kind="error">{action.error}</Notice>
        )}
        {action.done && <Notice kind="success">{action.done}</Notice>}
        <div class="form-columns">
          <TextField id="fmea-title" label="Title" value={title} onValue={touch(setTitle)} error={action.errors.title} />
          <SelectField id="fmea-state" label="State" value={state} onValue={touch((v: string) => setState(v as FmeaStudy['state']))} error={action.errors.state}>
            <option value="in_progress">In progress</option>
            <option value="completed">Completed</option>
          </SelectField>
        </div>
        <TextAreaField id="fmea-process" label="Process and its boundaries" value={process} onValue={touch(setProcess)} error={action.errors.process} rows={2} />
        <FmeaStepsEditor steps={steps} onChange={touch(setSteps)} errors={action.errors} idPrefix="fmea" />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy || !dirty} data-testid="save-study">
            {action.busy ? 'Saving…' : 'Save study'}
          </button>
        </div>
      </form>
    </details>
  );
}
