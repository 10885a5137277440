import { useAppState } from '../lib/session';
import { CONSEQUENCES, DEFAULT_BANDS, LIKELIHOODS, riskFieldId, type RatingEdit, type RiskEdit, type RiskSettings } from '../lib/risk';
import type { ScopeType } from '../lib/types';
import { DepartmentOptions } from './DepartmentOptions';
import { SelectField, TextAreaField, TextField } from './Field';
import { RiskControlsEditor } from './RiskControlsEditor';
import { RiskRatingPicker } from './RiskRatingPicker';
import { UserPicker } from './UserPicker';

interface Props {
  edit: RiskEdit;
  onChange: (patch: Partial<RiskEdit>) => void;
  errors: Record<string, string>;
  settings: RiskSettings | null;
  /** Editing an existing risk: the status can be changed, the register it was raised on cannot. */
  existing?: boolean;
}

/** One of a rating's errors, whichever part the server named. */
function ratingError(errors: Record<string, string>, which: string): string | undefined {
  return errors[which] ?? errors[`${which}.likelihood`] ?? errors[`${which}.consequence`];
}

/** The risk form: what the risk is, where it is held, what controls it, how it scores and what is done about it. */
export function RiskForm({ edit, onChange, errors, settings, existing = false }: Props) {
  const { org } = useAppState();
  const bands = settings?.bands ?? DEFAULT_BANDS;
  const likelihoods = settings?.likelihoods?.length ? settings.likelihoods : LIKELIHOODS;
  const consequences = settings?.consequences?.length ? settings.consequences : CONSEQUENCES;
  const rating = (which: 'inherent' | 'residual' | 'target', legend: string, hint: string) => (
    <RiskRatingPicker
      id={`risk-${which}`}
      legend={legend}
      hint={hint}
      value={edit[which]}
      onValue={(v: RatingEdit) => onChange({ [which]: v } as Partial<RiskEdit>)}
      bands={bands}
      likelihoods={likelihoods}
      consequences={consequences}
      error={ratingError(errors, which)}
      testId={`${which}-picker`}
    />
  );
  const setScopeType = (scopeType: ScopeType) => onChange({ scopeType, scopeId: scopeType === 'organisation' && org ? String(org.id) : '' });

  return (
    <>
      <section class="card risk-section" aria-labelledby="risk-about-title">
        <h2 id="risk-about-title">The risk</h2>
        <TextField id={riskFieldId('title')} label="Title" value={edit.title} onValue={(title) => onChange({ title })} error={errors.title} maxLength={300} hint="A short name: what could happen." />
        <div class="form-columns">
          <TextAreaField id={riskFieldId('description')} label="Description (optional)" value={edit.description} onValue={(description) => onChange({ description })} error={errors.description} rows={3} />
          <TextAreaField id={riskFieldId('cause')} label="Cause (optional)" value={edit.cause} onValue={(cause) => onChange({ cause })} error={errors.cause} rows={3} />
          <TextAreaField id={riskFieldId('consequence')} label="Consequence (optional)" hint="What would follow if it happened." value={edit.consequence} onValue={(consequence) => onChange({ consequence })} error={errors.consequence} rows={3} />
        </div>
        <div class="form-columns">
          <SelectField id={riskFieldId('category')} label="Category" value={edit.category} onValue={(category) => onChange({ category })} error={errors.category}>
            <option value="">Choose a category…</option>
            {settings?.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <UserPicker id={riskFieldId('ownerId')} label="Owner" value={edit.ownerId === null ? '' : String(edit.ownerId)} onValue={(v, ownerName) => onChange({ ownerId: v ? Number(v) : null, ownerName })} currentName={edit.ownerName} error={errors.ownerId} emptyLabel="No owner" />
        </div>
      </section>

      <section class="card risk-section" aria-labelledby="risk-register-title">
        <h2 id="risk-register-title">Register</h2>
        {existing ? (
          <p class="muted">The register a risk was raised on does not change; escalation moves it up when its residual score becomes extreme.</p>
        ) : (
          <div class="form-columns">
            <SelectField id="risk-scope-type" label="Register level" value={edit.scopeType} onValue={(v) => setScopeType(v as ScopeType)} error={errors['scope.type']}>
              <option value="department">Department</option>
              <option value="site">Site</option>
              <option value="organisation">Organisation</option>
            </SelectField>
            {edit.scopeType === 'department' && (
              <SelectField id="risk-scope-id" label="Department" value={edit.scopeId} onValue={(scopeId) => onChange({ scopeId })} error={errors.scope ?? errors['scope.id']}>
                <option value="">Choose a department…</option>
                <DepartmentOptions org={org} />
              </SelectField>
            )}
            {edit.scopeType === 'site' && (
              <SelectField id="risk-scope-id" label="Site" value={edit.scopeId} onValue={(scopeId) => onChange({ scopeId })} error={errors.scope ?? errors['scope.id']}>
                <option value="">Choose a site…</option>
                {org?.sites.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
            )}
            {edit.scopeType === 'organisation' && (
              <SelectField id="risk-scope-id" label="Organisation" value={edit.scopeId} onValue={(scopeId) => onChange({ scopeId })} error={errors.scope ?? errors['scope.id']}>
                {org && <option value={String(org.id)}>{org.name}</option>}
              </SelectField>
            )}
          </div>
        )}
      </section>

      <RiskControlsEditor controls={edit.controls} effectiveness={settings?.controlEffectiveness ?? []} onChange={(controls) => onChange({ controls })} errors={errors} />

      <section class="card risk-section" aria-labelledby="risk-ratings-title">
        <h2 id="risk-ratings-title">Ratings</h2>
        <div class="rating-grid">
          {rating('inherent', 'Inherent rating', 'Before any controls.')}
          {rating('residual', 'Residual rating', 'With today’s controls; never above the inherent rating.')}
          {rating('target', 'Target rating', 'Where the organisation wants it; never above the residual rating.')}
        </div>
      </section>

      <section class="card risk-section" aria-labelledby="risk-treatment-title">
        <h2 id="risk-treatment-title">Treatment and review</h2>
        <div class="form-columns">
          <SelectField id={riskFieldId('treatment')} label="Treatment" value={edit.treatment} onValue={(treatment) => onChange({ treatment })} error={errors.treatment}>
            {(settings?.treatments ?? ['accept', 'reduce', 'transfer', 'avoid'].map((id) => ({ id, label: id.charAt(0).toUpperCase() + id.slice(1) }))).map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </SelectField>
          <TextField id={riskFieldId('reviewDueOn')} label="Next review" type="date" value={edit.reviewDueOn} onValue={(reviewDueOn) => onChange({ reviewDueOn })} error={errors.reviewDueOn} />
          {existing && (
            <SelectField id={riskFieldId('status')} label="Status" value={edit.status} onValue={(v) => onChange({ status: v as RiskEdit['status'] })} error={errors.status}>
              <option value="open">Open</option>
              <option value="closed">Closed</option>
            </SelectField>
          )}
        </div>
        <TextAreaField id={riskFieldId('treatmentPlan')} label="Treatment plan (optional)" value={edit.treatmentPlan} onValue={(treatmentPlan) => onChange({ treatmentPlan })} error={errors.treatmentPlan} rows={3} />
      </section>
    </>
  );
}
