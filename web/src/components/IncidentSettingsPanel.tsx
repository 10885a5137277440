import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../lib/api';
import { formatDate } from '../lib/datetime';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { TextField } from './Field';
import { LiveRegion, Notice } from './Notice';

interface Holiday {
  day: string;
  name: string;
}

interface IncidentSettings {
  sentinelAnalysisBusinessDays: number;
  holidays: Holiday[];
}

const byDay = (a: Holiday, b: Holiday) => a.day.localeCompare(b.day);

/** A control in a table cell: its label is hidden (the column header shows it) and its error sits under it. */
function Cell({ id, label, error, children }: { id: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label class="visually-hidden" for={id}>
        {label}
      </label>
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The organisation's sentinel-event analysis deadline and the holidays that business days skip. */
export function IncidentSettingsPanel() {
  const loaded = useApi<IncidentSettings>('/api/v1/incident-settings');
  const action = useAction();
  const [days, setDays] = useState('');
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [adding, setAdding] = useState<Holiday>({ day: '', name: '' });
  const [addErrors, setAddErrors] = useState<Partial<Holiday>>({});
  const adopt = (s: IncidentSettings) => {
    setDays(String(s.sentinelAnalysisBusinessDays));
    setHolidays([...s.holidays].sort(byDay));
  };
  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);
  const e = action.errors;

  const change = (i: number, patch: Partial<Holiday>) => setHolidays(holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const add = () => {
    const h = { day: adding.day, name: adding.name.trim() };
    const same = holidays.find((x) => x.day === h.day);
    const errors = {
      day: !h.day ? 'Choose the date.' : same ? `${same.name || 'Another holiday'} is already on that day.` : undefined,
      name: !h.name ? 'Enter the name of the holiday.' : undefined,
    };
    setAddErrors(errors);
    if (errors.day || errors.name) return;
    setHolidays([...holidays, h].sort(byDay));
    setAdding({ day: '', name: '' });
  };
  // The rows go to the server in the order shown, so its "holidays[3].day" errors land on the fourth row.
  const save = (ev: TargetedEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const body = { sentinelAnalysisBusinessDays: Number(days), holidays: holidays.map((h) => ({ day: h.day, name: h.name.trim() })) };
    void action.run(async () => adopt(await api.put<IncidentSettings>('/api/v1/incident-settings', body)), 'Settings saved.', false);
  };

  return (
    <form class="card form" onSubmit={save} noValidate aria-labelledby="incident-settings-title" aria-busy={loaded.loading} data-testid="incident-settings">
      <h2 id="incident-settings-title">Sentinel-event clock and holidays</h2>
      {loaded.error ? (
        <Notice kind="error">
          <p>{messageOf(loaded.error)}</p>
          <button type="button" class="btn btn-secondary" onClick={loaded.reload}>
            Try again
          </button>
        </Notice>
      ) : null}
      <LiveRegion message={action.error} />
      {action.done && <Notice kind="success" testId="incident-settings-saved">{action.done}</Notice>}
      <div class="form-grid">
        <TextField
          id="settings-sentinelAnalysisBusinessDays"
          label="Sentinel-event analysis due within (business days)"
          hint="Counted from the day an event is flagged sentinel, skipping weekends and the holidays below. From 1 to 365."
          type="number"
          inputMode="numeric"
          min="1"
          max="365"
          value={days}
          onValue={setDays}
          error={e.sentinelAnalysisBusinessDays}
        />
      </div>
      <h3 id="holidays-title">Holidays</h3>
      {e.holidays && <p class="field-error">{e.holidays}</p>}
      <div class="table-wrap">
        <table class="data-table" aria-labelledby="holidays-title" data-testid="holidays-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Name</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((h, i) => {
              const [dayId, nameId, what] = [`holiday-${i}-day`, `holiday-${i}-name`, h.name || `holiday ${i + 1}`];
              const [dayError, nameError] = [e[`holidays[${i}].day`], e[`holidays[${i}].name`]];
              return (
                <tr key={i} data-testid="holiday-row">
                  <td>
                    <Cell id={dayId} label={`Date of ${what}`} error={dayError}>
                      <input id={dayId} type="date" value={h.day} onInput={(ev) => change(i, { day: ev.currentTarget.value })} aria-invalid={!!dayError || undefined} aria-describedby={dayError ? `${dayId}-error` : undefined} />
                    </Cell>
                  </td>
                  <td>
                    <Cell id={nameId} label={`Name of the holiday on ${h.day ? formatDate(h.day) : `row ${i + 1}`}`} error={nameError}>
                      <input id={nameId} value={h.name} maxLength={100} onInput={(ev) => change(i, { name: ev.currentTarget.value })} aria-invalid={!!nameError || undefined} aria-describedby={nameError ? `${nameId}-error` : undefined} />
                    </Cell>
                  </td>
                  <td>
                    <button type="button" class="btn btn-quiet" onClick={() => setHolidays(holidays.filter((_, j) => j !== i))} aria-label={`Remove ${what}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
            {loaded.data && holidays.length === 0 && (
              <tr>
                <td colSpan={3} class="empty">
                  No holidays: business days skip weekends only.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {/* Enter here adds the holiday rather than saving the whole form. */}
      <div
        class="inline-form subform holiday-add"
        role="group"
        aria-label="Add a holiday"
        onKeyDown={(ev) => {
          if (ev.key !== 'Enter') return;
          ev.preventDefault();
          add();
        }}
      >
        <TextField id="holiday-new-day" label="Date" type="date" value={adding.day} onValue={(day) => setAdding({ ...adding, day })} error={addErrors.day} />
        <TextField id="holiday-new-name" label="Holiday name" placeholder="e.g. New Year's Day" maxLength={100} value={adding.name} onValue={(name) => setAdding({ ...adding, name })} error={addErrors.name} />
        <button type="button" class="btn btn-secondary" onClick={add} data-testid="add-holiday">
          Add holiday
        </button>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy || !loaded.data} data-testid="save-incident-settings">
          {action.busy ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
