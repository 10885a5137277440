import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { actionBody, blankAction, capaApi, capaFieldLabel, STRENGTH_OPTIONS, type ActionEdit, type Capa, type EffectivenessResult } from '../lib/capa';
import { formatDate } from '../lib/datetime';
import { useAction } from '../lib/useAction';
import { ErrorSummary } from './ErrorSummary';
import { SelectField, TextAreaField, TextField } from './Field';
import { Notice } from './Notice';
import { RadioGroup } from './RadioGroup';
import { UserPicker } from './UserPicker';

interface Props {
  capa: Capa;
  onChange: (c: Capa) => void;
}

const RESULTS = [
  { id: 'effective', label: 'Effective', meaning: 'The criterion is met: the CAPA closes.' },
  { id: 'not_effective', label: 'Not effective', meaning: 'The criterion is not met: the CAPA goes back to planned with a new action.' },
];

const effId = (field: string) => `capa-eff-${field.replace(/[^A-Za-z0-9_]+/g, '-')}`;

/** Records the effectiveness check; someone who owns none of the actions must do it. */
export function CapaEffectivenessPanel({ capa, onChange }: Props) {
  const [result, setResult] = useState<EffectivenessResult | ''>('');
  const [evidence, setEvidence] = useState('');
  const [newAction, setNewAction] = useState<ActionEdit>(blankAction());
  const [attempt, setAttempt] = useState(0);
  const run = useAction();
  const set = (patch: Partial<ActionEdit>) => setNewAction({ ...newAction, ...patch });

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const ok = await run.run(
      async () => {
        const body = { result: (result || 'effective') as EffectivenessResult, evidence: evidence.trim(), ...(result === 'not_effective' ? { newAction: actionBody(newAction) } : {}) };
        onChange(await capaApi.effectiveness(capa.id, body));
      },
      null,
      false,
    );
    if (!ok) setAttempt((n) => n + 1);
  };

  const refused = run.error && Object.keys(run.errors).length === 0;
  return (
    <section class="card capa-section capa-verify screen-only" aria-labelledby="capa-verify-title" data-testid="capa-effectiveness">
      <h2 id="capa-verify-title">Effectiveness check</h2>
      <dl class="capa-facts">
        <dt>Criterion</dt>
        <dd class="prewrap">{capa.effectivenessCriterion || <span class="muted">Not set</span>}</dd>
        <dt>Check on</dt>
        <dd>{formatDate(capa.effectivenessDueOn)}</dd>
      </dl>
      {!capa.can.verify && (
        <p class="notice notice-warn" data-testid="capa-verify-owner-note">
          Closing a CAPA needs a check recorded by someone who owns none of its actions, with CAPA management rights in its department. If that is not you, ask a colleague to verify it.
        </p>
      )}
      {refused && (
        <Notice kind="error" testId="capa-verify-refused">
          <p>
            <strong>The check was not recorded.</strong> {run.error}
          </p>
        </Notice>
      )}
      <ErrorSummary title="Please correct these before recording the check:" errors={run.errors} fieldId={effId} attempt={attempt} labels={capaFieldLabel} />
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="capa-effectiveness-form">
        <RadioGroup id={effId('result')} legend="Result" options={RESULTS} value={result} onValue={(v) => setResult(v as EffectivenessResult)} error={run.errors.result} testId="capa-eff-result" />
        <TextAreaField id={effId('evidence')} label="Evidence" hint="What was measured or observed against the criterion." value={evidence} onValue={setEvidence} error={run.errors.evidence} rows={3} required />
        {result === 'not_effective' && (
          <fieldset class="subform" data-testid="capa-eff-new-action">
            <legend>New action</legend>
            <p class="field-hint">Repeating the same plan would fail the same way: add the action that will make the difference.</p>
            <TextAreaField id={effId('newAction.description')} label="Description" value={newAction.description} onValue={(description) => set({ description })} error={run.errors['newAction.description']} rows={2} />
            <div class="form-columns">
              <SelectField
                id={effId('newAction.strength')}
                label="Strength"
                value={newAction.strength}
                onValue={(v) => set({ strength: v as ActionEdit['strength'] })}
                hint={STRENGTH_OPTIONS.find((s) => s.id === newAction.strength)?.meaning}
                error={run.errors['newAction.strength']}
              >
                {STRENGTH_OPTIONS.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </SelectField>
              <UserPicker
                id={effId('newAction.ownerId')}
                label="Owner"
                value={newAction.ownerId === null ? '' : String(newAction.ownerId)}
                onValue={(v, name) => set({ ownerId: v ? Number(v) : null, ownerName: name })}
                currentName={newAction.ownerName}
                error={run.errors['newAction.ownerId']}
                emptyLabel="Choose an owner"
              />
              <TextField id={effId('newAction.dueOn')} label="Due" type="date" value={newAction.dueOn} onValue={(dueOn) => set({ dueOn })} error={run.errors['newAction.dueOn']} />
            </div>
          </fieldset>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={run.busy || !result} data-testid="capa-eff-submit">
            {run.busy ? 'Recording…' : result === 'not_effective' ? 'Record: not effective and reopen' : 'Record the check'}
          </button>
        </div>
      </form>
    </section>
  );
}
