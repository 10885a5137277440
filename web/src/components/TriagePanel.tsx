import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { meetsSentinelDefinition, type Incident, type IncidentFormConfig, type PersonRef } from '../lib/incidents';
import { useAction } from '../lib/useAction';
import { CategoryDetailFields } from './CategoryDetailFields';
import { CheckField, SelectField } from './Field';
import { LiveRegion, Notice } from './Notice';
import { UserPicker } from './UserPicker';

interface Props {
  incident: Incident;
  config: IncidentFormConfig;
  onChange: (i: Incident) => void;
}

/** A person as the pickers hold them: the id as text ('' = nobody) and the name when known. */
const picked = (p: PersonRef | null) => ({ id: p ? String(p.id) : '', name: p?.displayName ?? null });

const fid = (field: string) => `triage-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;

function Choices({ items }: { items: { id: string; label: string }[] }) {
  return (
    <>
      {items.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** The safety team's classification: confirm what the reporter said, rate severity, assign, flag sentinel events. */
export function TriagePanel({ incident: i, config, onChange }: Props) {
  const action = useAction();
  const [type, setType] = useState<string>(i.type);
  const [category, setCategory] = useState(i.category);
  const [details, setDetails] = useState<Record<string, string>>(i.details ?? {});
  const [harm, setHarm] = useState<string>(i.harm);
  const [harmDuration, setHarmDuration] = useState<string>(i.harmDuration ?? 'unknown');
  const [merp, setMerp] = useState(i.merpCategory ?? '');
  const [severity, setSeverity] = useState<string>(i.severity ?? '');
  const [handler, setHandler] = useState(picked(i.handler));
  const [investigator, setInvestigator] = useState(picked(i.investigator));
  const [sentinel, setSentinel] = useState(i.sentinel);
  const [natural, setNatural] = useState(i.relatedToNaturalCourse);
  const fields = config.categories.find((c) => c.id === category)?.fields ?? [];
  const suggestSentinel = !sentinel && meetsSentinelDefinition(harm, harmDuration, natural);

  const save = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const kept: Record<string, string> = {};
    for (const f of fields) if ((details[f.name] ?? '').trim()) kept[f.name] = details[f.name].trim();
    void action.run(async () => {
      onChange(
        await api.post<Incident>(`/api/v1/incidents/${i.id}/triage`, {
          version: i.version,
          type,
          category,
          harm,
          harmDuration,
          merpCategory: category === 'medication' ? merp || null : null,
          details: kept,
          severity: severity || null,
          handlerId: handler.id ? Number(handler.id) : null,
          investigatorId: investigator.id ? Number(investigator.id) : null,
          sentinel,
          relatedToNaturalCourse: natural,
        }),
      );
    }, 'Triage saved.');
  };
  const err = action.errors;

  return (
    <form class="card form triage-panel" onSubmit={save} noValidate aria-labelledby="triage-title" data-testid="triage-panel">
      <h2 id="triage-title">Triage</h2>
      <LiveRegion message={action.error} testId="triage-error" />
      {action.done && <Notice kind="success" testId="triage-saved">{action.done}</Notice>}
      <div class="form-columns">
        <SelectField id={fid('type')} label="Type" value={type} onValue={setType} error={err.type}>
          <Choices items={config.eventTypes} />
        </SelectField>
        <SelectField id={fid('category')} label="Category" value={category} onValue={setCategory} error={err.category}>
          <Choices items={config.categories} />
        </SelectField>
        <SelectField id={fid('harm')} label="Harm" value={harm} onValue={setHarm} error={err.harm}>
          <Choices items={config.harmLevels} />
        </SelectField>
        <SelectField id={fid('harmDuration')} label="Harm duration" value={harmDuration} onValue={setHarmDuration} error={err.harmDuration}>
          <Choices items={config.harmDurations} />
        </SelectField>
        {category === 'medication' && (
          <SelectField id={fid('merpCategory')} label="NCC MERP category" value={merp} onValue={setMerp} error={err.merpCategory}>
            <option value="">Choose…</option>
            {config.merpCategories.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id} — {m.meaning}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField id={fid('severity')} label="Severity" value={severity} onValue={setSeverity} error={err.severity}>
          <option value="">Not yet assessed</option>
          <Choices items={config.severities} />
        </SelectField>
      </div>
      <p class="field-hint meaning-line" aria-live="polite">
        <strong>{config.harmLevels.find((h) => h.id === harm)?.label}:</strong> {config.harmLevels.find((h) => h.id === harm)?.meaning}
        {category === 'medication' && merp && (
          <>
            <br />
            <strong>NCC MERP {merp}:</strong> {config.merpCategories.find((m) => m.id === merp)?.meaning}
          </>
        )}
      </p>
      <CategoryDetailFields fields={fields} values={details} onValue={(n, v) => setDetails({ ...details, [n]: v })} errors={err} fieldId={fid} />
      <div class="form-columns">
        <UserPicker id={fid('handlerId')} label="Handler" value={handler.id} onValue={(id, name) => setHandler({ id, name })} currentName={handler.name} error={err.handlerId} />
        <UserPicker id={fid('investigatorId')} label="Investigator" value={investigator.id} onValue={(id, name) => setInvestigator({ id, name })} currentName={investigator.name} error={err.investigatorId} />
      </div>
      <fieldset class="sentinel-fieldset">
        <legend>Sentinel event</legend>
        <CheckField id={fid('relatedToNaturalCourse')} label="The harm is related to the natural course of the illness" checked={natural} onChecked={setNatural} />
        <CheckField
          id={fid('sentinel')}
          label="Flag as a sentinel event"
          checked={sentinel}
          onChecked={setSentinel}
          hint="Starts the clock for the comprehensive systematic analysis and action plan."
        />
        {suggestSentinel && (
          <p class="notice notice-info small" data-testid="sentinel-suggestion">
            This harm meets the sentinel-event definition (death, permanent harm or severe temporary harm, not from the natural course of the illness).
          </p>
        )}
        {err.sentinel && <p class="field-error">{err.sentinel}</p>}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="save-triage">
          {action.busy ? 'Saving…' : 'Save triage'}
        </button>
      </div>
    </form>
  );
}
