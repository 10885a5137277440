import { capaFieldId, KIND_OPTIONS, onlyWeaker, type CapaEdit } from '../lib/capa';
import { CapaActionsEditor } from './CapaActionsEditor';
import { TextAreaField, TextField } from './Field';
import { WeakActionsWarning } from './InvActionPlanEditor';
import { RadioGroup } from './RadioGroup';
import { UserPicker } from './UserPicker';

interface Props {
  edit: CapaEdit;
  onChange: (patch: Partial<CapaEdit>) => void;
  errors: Record<string, string>;
  /** Saved actions that may not be removed; by id. */
  locked?: Set<number>;
  /** The source reference is edited here unless the CAPA came from a linked record. */
  withSourceReference: boolean;
}

/** The sections of a CAPA a coordinator writes: problem, containment, cause, the plan and its check. */
export function CapaRecordForm({ edit, onChange, errors, locked, withSourceReference }: Props) {
  const id = capaFieldId;
  return (
    <>
      <section class="card capa-section" aria-labelledby="capa-form-problem">
        <h2 id="capa-form-problem">The problem</h2>
        <TextField id={id('title')} label="Title" value={edit.title} onValue={(title) => onChange({ title })} error={errors.title} maxLength={300} required />
        <RadioGroup id={id('kind')} legend="Kind" options={KIND_OPTIONS} value={edit.kind} onValue={(v) => onChange({ kind: v as CapaEdit['kind'] })} error={errors.kind} />
        <div class="form-columns">
          {withSourceReference && (
            <TextField id={id('sourceReference')} label="Source reference (optional)" hint="The audit finding, complaint or review it came from." value={edit.sourceReference} onValue={(sourceReference) => onChange({ sourceReference })} error={errors.sourceReference} />
          )}
          <UserPicker
            id={id('coordinatorId')}
            label="Coordinator"
            value={edit.coordinatorId === null ? '' : String(edit.coordinatorId)}
            onValue={(v, name) => onChange({ coordinatorId: v ? Number(v) : null, coordinatorName: name })}
            currentName={edit.coordinatorName}
            error={errors.coordinatorId}
            emptyLabel="No coordinator"
          />
        </div>
        <TextAreaField id={id('problemStatement')} label="Problem statement" hint="What went wrong or could go wrong, where, and how often." value={edit.problemStatement} onValue={(problemStatement) => onChange({ problemStatement })} error={errors.problemStatement} required />
        <TextAreaField id={id('containment')} label="Containment (optional)" hint="What was done at once to limit the harm." value={edit.containment} onValue={(containment) => onChange({ containment })} error={errors.containment} rows={3} />
        <TextAreaField id={id('rootCause')} label="Root cause" hint="Needed before the CAPA can be planned." value={edit.rootCause} onValue={(rootCause) => onChange({ rootCause })} error={errors.rootCause} rows={3} />
      </section>
      <section class="card capa-section" aria-labelledby="capa-form-plan">
        <h2 id="capa-form-plan">The plan</h2>
        <WeakActionsWarning show={onlyWeaker(edit.actions)} />
        <CapaActionsEditor actions={edit.actions} onChange={(actions) => onChange({ actions })} errors={errors} locked={locked} />
      </section>
      <section class="card capa-section" aria-labelledby="capa-form-check">
        <h2 id="capa-form-check">How effectiveness will be checked</h2>
        <p class="field-hint">How you will know the actions worked: something measurable, checked on a date after the actions are done.</p>
        <TextAreaField
          id={id('effectivenessCriterion')}
          label="Criterion"
          hint="For example: no wrong-site marking misses in three monthly audits."
          value={edit.effectivenessCriterion}
          onValue={(effectivenessCriterion) => onChange({ effectivenessCriterion })}
          error={errors.effectivenessCriterion}
          rows={2}
        />
        <TextField id={id('effectivenessDueOn')} label="Check on" type="date" value={edit.effectivenessDueOn} onValue={(effectivenessDueOn) => onChange({ effectivenessDueOn })} error={errors.effectivenessDueOn} />
      </section>
    </>
  );
}
