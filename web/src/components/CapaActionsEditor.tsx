import { blankAction, capaFieldId, STRENGTH_OPTIONS, type ActionEdit } from '../lib/capa';
import { removeAt, replaceAt } from '../lib/investigations';
import { SelectField, TextAreaField, TextField } from './Field';
import { UserPicker } from './UserPicker';

interface Props {
  actions: ActionEdit[];
  onChange: (actions: ActionEdit[]) => void;
  errors: Record<string, string>;
  /** Saved actions that may not be removed (they carry progress or evidence); by id. */
  locked?: Set<number>;
}

export const RCA2_HINT =
  'RCA² action hierarchy: stronger actions change the system (forcing functions, simplification, standardised equipment); intermediate ones support people (checklists, redundancy, software, staffing); weaker ones rely on people remembering (training, policy, warnings).';

/** The plan's actions: what will be done, how strong it is, by whom and by when. */
export function CapaActionsEditor({ actions, onChange, errors, locked }: Props) {
  return (
    <fieldset class="capa-actions-editor" id={capaFieldId('actions')} tabIndex={-1} data-testid="capa-actions-editor">
      <legend>Actions</legend>
      <p class="field-hint">{RCA2_HINT}</p>
      {errors.actions && <p class="field-error">{errors.actions}</p>}
      {actions.length === 0 && <p class="muted">No actions yet. Planning needs at least one, with an owner and a due date.</p>}
      <ol class="row-list">
        {actions.map((a, i) => {
          const set = (patch: Partial<ActionEdit>) => onChange(replaceAt(actions, i, { ...a, ...patch }));
          const strength = STRENGTH_OPTIONS.find((s) => s.id === a.strength);
          const field = (part: string) => `actions[${i}].${part}`;
          return (
            <li key={a.id ?? `new-${i}`} class="action-row" data-testid="capa-action-edit">
              <TextAreaField id={capaFieldId(field('description'))} label={`Action ${i + 1}`} value={a.description} onValue={(description) => set({ description })} error={errors[field('description')]} rows={2} />
              <div class="form-columns">
                <SelectField id={capaFieldId(field('strength'))} label="Strength" value={a.strength} onValue={(v) => set({ strength: v as ActionEdit['strength'] })} error={errors[field('strength')]} hint={strength?.meaning}>
                  {STRENGTH_OPTIONS.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label}
                    </option>
                  ))}
                </SelectField>
                <UserPicker
                  id={capaFieldId(field('ownerId'))}
                  label="Owner"
                  value={a.ownerId === null ? '' : String(a.ownerId)}
                  onValue={(v, name) => set({ ownerId: v ? Number(v) : null, ownerName: name })}
                  currentName={a.ownerName}
                  error={errors[field('ownerId')]}
                  emptyLabel="No owner yet"
                />
                <TextField id={capaFieldId(field('dueOn'))} label="Due" type="date" value={a.dueOn} onValue={(dueOn) => set({ dueOn })} error={errors[field('dueOn')]} />
              </div>
              {a.id !== null && locked?.has(a.id) ? (
                <p class="small muted">This action has progress recorded, so it stays on the plan; set its status to cancelled instead.</p>
              ) : (
                <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(actions, i))} aria-label={`Remove action ${i + 1}`}>
                  Remove action {i + 1}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...actions, blankAction()])} data-testid="capa-add-action">
        Add action
      </button>
    </fieldset>
  );
}
