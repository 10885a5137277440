import type { Option } from '../lib/incidents';
import { invFieldId, removeAt, replaceAt, type PlannedAction } from '../lib/investigations';
import { CapaPlanLink } from './CapaPlanLink';
import { SelectField, TextAreaField, TextField } from './Field';
import { UserPicker } from './UserPicker';

interface Props {
  actions: PlannedAction[];
  strengths: Option[];
  onChange: (actions: PlannedAction[]) => void;
  errors: Record<string, string>;
  /** For the per-action CAPA link or "Create CAPA" button; absent = neither is shown. */
  investigationId?: number;
  /** Unsaved edits: raising a CAPA waits for a save. */
  dirty?: boolean;
}

export const STRENGTH_HINT =
  'Stronger actions change the system (forcing functions, simplification, standardised equipment); weaker ones rely on people (training, new policy, warnings).';

/** Only-weaker warning, after the VA/IHI RCA² action hierarchy. */
export function WeakActionsWarning({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <div class="notice notice-warn" role="status" data-testid="weak-actions-warning">
      <p>
        <strong>
          <span aria-hidden="true">⚠ </span>Every planned action is a weaker action.
        </strong>{' '}
        RCA² asks for at least one stronger or intermediate action: weaker actions such as training or a new policy rarely
        prevent the event happening again on their own.
      </p>
    </div>
  );
}

/** The action plan: what will be done, by whom, by when, and how strong the action is. */
export function InvActionPlanEditor({ actions, strengths, onChange, errors, investigationId, dirty }: Props) {
  const options = strengths.length > 0 ? strengths : [
    { id: 'stronger', label: 'Stronger' },
    { id: 'intermediate', label: 'Intermediate' },
    { id: 'weaker', label: 'Weaker' },
  ];
  return (
    <section class="card inv-section screen-only" aria-labelledby="inv-actions-title" data-testid="inv-actions">
      <h2 id="inv-actions-title">Action plan</h2>
      <p class="field-hint">{STRENGTH_HINT}</p>
      {errors.actions && <p class="field-error">{errors.actions}</p>}
      {actions.length === 0 && <p class="muted">No actions yet. Completing the investigation needs at least one, with an owner and a due date.</p>}
      <ol class="row-list">
        {actions.map((a, i) => {
          const set = (patch: Partial<PlannedAction>) => onChange(replaceAt(actions, i, { ...a, ...patch }));
          return (
            <li key={a.id ?? `new-${i}`} class="action-row">
              <TextAreaField id={invFieldId(`actions[${i}].description`)} label={`Action ${i + 1}`} value={a.description} onValue={(description) => set({ description })} error={errors[`actions[${i}].description`]} rows={2} />
              <div class="form-columns">
                <UserPicker
                  id={invFieldId(`actions[${i}].ownerId`)}
                  label="Owner"
                  value={a.ownerId === null ? '' : String(a.ownerId)}
                  onValue={(v, name) => set({ ownerId: v ? Number(v) : null, ownerName: name })}
                  currentName={a.ownerName}
                  error={errors[`actions[${i}].ownerId`]}
                  emptyLabel="No owner yet"
                />
                <TextField id={invFieldId(`actions[${i}].dueOn`)} label="Due" type="date" value={a.dueOn ?? ''} onValue={(v) => set({ dueOn: v || null })} error={errors[`actions[${i}].dueOn`]} />
                <SelectField id={invFieldId(`actions[${i}].strength`)} label="Strength" value={a.strength} onValue={(v) => set({ strength: v as PlannedAction['strength'] })} error={errors[`actions[${i}].strength`]}>
                  {options.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </SelectField>
              </div>
              <CapaPlanLink investigationId={investigationId} action={a} number={i + 1} dirty={dirty} />
              <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(actions, i))} aria-label={`Remove action ${i + 1}`}>
                Remove action {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...actions, { id: null, description: '', ownerId: null, dueOn: null, strength: 'intermediate' }])}>
        Add action
      </button>
    </section>
  );
}
