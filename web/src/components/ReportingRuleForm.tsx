import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { IncidentFormConfig, ReportingRule } from '../lib/incidents';
import { useAction } from '../lib/useAction';
import { CheckField, SelectField, TextField } from './Field';
import { LiveRegion } from './Notice';

interface Props {
  rule: ReportingRule | null;
  config: IncidentFormConfig | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}

/** Create or change an external reporting rule. */
export function ReportingRuleForm({ rule, config, onSaved, onCancel }: Props) {
  const action = useAction();
  const [name, setName] = useState(rule?.name ?? '');
  const [agency, setAgency] = useState(rule?.agency ?? '');
  const [minHarm, setMinHarm] = useState<string>(rule?.minHarm ?? 'severe');
  const [sentinelOnly, setSentinelOnly] = useState(rule?.sentinelOnly ?? false);
  const [category, setCategory] = useState(rule?.category ?? '');
  const [dueDays, setDueDays] = useState(String(rule?.dueDays ?? 7));
  const [businessDays, setBusinessDays] = useState(rule?.businessDays ?? false);
  const [active, setActive] = useState(rule?.active ?? true);
  const e = action.errors;

  const save = (ev: TargetedEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const body = { name: name.trim(), agency: agency.trim(), minHarm, sentinelOnly, category: category || null, dueDays: Number(dueDays), businessDays, active };
    void action.run(async () => {
      if (rule) await api.put(`/api/v1/external-reporting-rules/${rule.id}`, body);
      else await api.post('/api/v1/external-reporting-rules', body);
      onSaved(rule ? `Rule “${body.name}” saved.` : `Rule “${body.name}” created.`);
    });
  };

  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="rule-form-title" data-testid="rule-form">
      <h2 id="rule-form-title">{rule ? `Edit “${rule.name}”` : 'New reporting rule'}</h2>
      <LiveRegion message={action.error} />
      <div class="form-grid">
        <TextField id="rule-name" label="Name" hint="e.g. “Serious incident notification”." value={name} onValue={setName} error={e.name} required autoFocus />
        <TextField id="rule-agency" label="Agency" value={agency} onValue={setAgency} error={e.agency} required />
        <SelectField id="rule-minHarm" label="Applies from harm level" hint="The rule applies to events with at least this harm." value={minHarm} onValue={setMinHarm} error={e.minHarm}>
          {(config?.harmLevels ?? []).map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="rule-category" label="Category" value={category} onValue={setCategory} error={e.category}>
          <option value="">Any category</option>
          {(config?.categories ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField id="rule-dueDays" label="Report within (days)" type="number" inputMode="numeric" min="1" max="365" value={dueDays} onValue={setDueDays} error={e.dueDays} />
        <CheckField id="rule-businessDays" label="Count business days (skip weekends and holidays)" checked={businessDays} onChecked={setBusinessDays} />
        <CheckField id="rule-sentinelOnly" label="Only for flagged sentinel events" checked={sentinelOnly} onChecked={setSentinelOnly} />
        <CheckField id="rule-active" label="Active" checked={active} onChecked={setActive} />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="save-rule">
          {rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
