import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorsByField, messageOf } from '../lib/api';
import { COLUMNS, isRating, RATING_MESSAGE, type FailureModeRow, type FmeaStep } from '../lib/fmea';

interface Props {
  studyId: number;
  steps: FmeaStep[];
  onAdded: (row: FailureModeRow) => void;
}

type Fields = 'stepId' | 'mode' | 'effects' | 'causes' | 'preventionControls' | 'detectionControls' | 'severity' | 'occurrence' | 'detection';
const TEXT: Fields[] = ['mode', 'effects', 'causes', 'preventionControls', 'detectionControls'];
const RATINGS: Fields[] = ['severity', 'occurrence', 'detection'];
const empty: Record<Fields, string> = { stepId: '', mode: '', effects: '', causes: '', preventionControls: '', detectionControls: '', severity: '', occurrence: '', detection: '' };
const labelOf = (k: Fields) => COLUMNS.find((c) => c.key === k)?.label ?? k;

/**
 * The worksheet's last row: a new failure mode typed straight into the grid's columns and added with Enter.
 * The step is kept for the next one, since a step usually fails in several ways.
 */
export function FmeaAddRow({ studyId, steps, onAdded }: Props) {
  const [values, setValues] = useState<Record<Fields, string>>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const modeInput = useRef<HTMLInputElement>(null);
  const stepId = values.stepId || (steps[0] ? String(steps[0].id) : '');
  useEffect(() => {
    // A step removed in the header panel must not stay chosen here.
    if (values.stepId && !steps.some((s) => String(s.id) === values.stepId)) setValues((v) => ({ ...v, stepId: '' }));
  }, [steps]);

  const set = (k: Fields, v: string) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((old) => {
      const { [k]: _gone, ...rest } = old;
      return RATINGS.includes(k) && v !== '' && !isRating(v) ? { ...rest, [k]: RATING_MESSAGE } : rest;
    });
  };

  // A <form> cannot sit inside a table, so Enter in any of the row's controls adds the row by hand.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement)) return;
    e.preventDefault();
    void add();
  };

  const add = async () => {
    if (busy) return;
    const found: Record<string, string> = {};
    if (!stepId) found.stepId = 'Add a process step first.';
    if (!values.mode.trim()) found.mode = 'Describe how the step fails.';
    for (const k of RATINGS) if (!isRating(values[k])) found[k] = RATING_MESSAGE;
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) {
      document.getElementById(`fm-new-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const row = await api.post<FailureModeRow>(`/api/v1/fmea/${studyId}/failure-modes`, {
        stepId: Number(stepId),
        ...Object.fromEntries(TEXT.map((k) => [k, values[k].trim()])),
        ...Object.fromEntries(RATINGS.map((k) => [k, Number(values[k])])),
      });
      setValues({ ...empty, stepId });
      setErrors({});
      onAdded(row);
      modeInput.current?.focus();
    } catch (err) {
      const byField = errorsByField(err);
      setErrors(byField);
      setMessage(Object.keys(byField).length ? null : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const input = (k: Fields, rating = false) => (
    <td class={`add-cell col-${k}${errors[k] ? ' cell-invalid' : ''}`}>
      <input
        id={`fm-new-${k}`}
        ref={k === 'mode' ? modeInput : undefined}
        class="cell-input"
        type="text"
        inputMode={rating ? 'numeric' : undefined}
        maxLength={rating ? 2 : undefined}
        autoComplete="off"
        aria-label={`New failure mode: ${labelOf(k).toLowerCase()}`}
        aria-invalid={!!errors[k] || undefined}
        aria-describedby={errors[k] ? `fm-new-${k}-error` : undefined}
        placeholder={rating ? '1–10' : k === 'mode' ? 'How the step fails' : ''}
        value={values[k]}
        onInput={(e) => set(k, rating ? e.currentTarget.value.replace(/[^0-9]/g, '') : e.currentTarget.value)}
        data-testid={`new-${k}`}
      />
      {errors[k] && (
        <span class="cell-error" id={`fm-new-${k}-error`}>
          {errors[k]}
        </span>
      )}
    </td>
  );

  return (
    <>
      <tr class="add-row" data-testid="add-failure-mode" onKeyDown={onKeyDown}>
        <td class={`add-cell col-stepId${errors.stepId ? ' cell-invalid' : ''}`}>
          <select id="fm-new-stepId" class="cell-input" aria-label="New failure mode: step" value={stepId} onChange={(e) => set('stepId', e.currentTarget.value)} data-testid="new-stepId">
            {steps.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.number}. {s.name}
              </option>
            ))}
          </select>
          {errors.stepId && <span class="cell-error">{errors.stepId}</span>}
        </td>
        {TEXT.map((k) => input(k))}
        {RATINGS.map((k) => input(k, true))}
        <td colSpan={COLUMNS.length - 9 + 1} class="add-cell add-submit">
          <button type="button" class="btn btn-primary btn-small" disabled={busy} onClick={() => void add()} data-testid="add-row-submit">
            {busy ? 'Adding…' : 'Add failure mode'}
          </button>
          <span class="muted small"> or press Enter</span>
        </td>
      </tr>
      {message && (
        <tr class="row-message">
          <td colSpan={COLUMNS.length + 1} role="alert">
            {message}
          </td>
        </tr>
      )}
    </>
  );
}
