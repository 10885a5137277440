import { formatDate } from '../lib/datetime';
import { AP_LETTER, apLabel, isRating, type ActionPriority, type Column, type EditKey, type FailureModeRow, type FmeaStep, type RowDraft } from '../lib/fmea';
import { Link } from '../lib/router';
import { FmeaPersonInput } from './FmeaPersonInput';

export function ApBadge({ ap, testId = 'ap-badge' }: { ap: ActionPriority; testId?: string }) {
  return (
    <span class={`badge ap-badge ap-${ap}`} data-ap={ap} data-testid={testId} title={`${apLabel(ap)} action priority`}>
      {AP_LETTER[ap]}
      <span class="visually-hidden"> ({apLabel(ap)} action priority)</span>
    </span>
  );
}

interface Props {
  column: Column;
  colIndex: number;
  row: FailureModeRow;
  /** Present while the row is being edited. */
  draft: RowDraft | null;
  error?: string;
  steps: FmeaStep[];
  canEdit: boolean;
  canCapa: boolean;
  /** The cell the keyboard is on: the only one in the tab order. */
  active: boolean;
  onDraft: (key: EditKey, value: string, name?: string | null) => void;
  onMakeCapa: () => void;
  capaBusy: boolean;
}

const product = (a: string, b: string, c: string) => (isRating(a) && isRating(b) && isRating(c) ? Number(a) * Number(b) * Number(c) : null);

/** What a cell shows when not being edited, as text for its accessible name. */
function viewText(key: Column['key'], row: FailureModeRow): string {
  switch (key) {
    case 'stepId':
      return `${row.stepNumber}. ${row.stepName}`;
    case 'severity':
    case 'occurrence':
    case 'detection':
    case 'rpn':
      return String(row[key]);
    case 'ap':
      return apLabel(row.actionPriority);
    case 'responsibleId':
      return row.responsible?.displayName ?? '';
    case 'dueOn':
      return row.dueOn ? formatDate(row.dueOn) : '';
    case 'capa':
      return row.correctiveActionReference ?? '';
    case 'revisedSeverity':
      return row.revised ? String(row.revised.severity) : '';
    case 'revisedOccurrence':
      return row.revised ? String(row.revised.occurrence) : '';
    case 'revisedDetection':
      return row.revised ? String(row.revised.detection) : '';
    case 'revisedRpn':
      return row.revised ? String(row.revised.rpn) : '';
    case 'reduction':
      return row.rpnReduction === null ? '' : String(row.rpnReduction);
    default:
      return row[key];
  }
}

/** One worksheet cell: its value, or while its row is edited, the control for it. */
export function FmeaCell({ column, colIndex, row, draft, error, steps, canEdit, canCapa, active, onDraft, onMakeCapa, capaBusy }: Props) {
  const key = column.key;
  const mode = (draft?.mode ?? row.mode) || 'new failure mode';
  const name = `${column.label} for ${mode}`;
  const dataCell = `${row.id}:${colIndex}`;
  const inputId = `fm-${row.id}-${key}`;
  const errorId = error ? `${inputId}-error` : undefined;
  const classes = [`fm-cell`, `col-${key}`, column.kind === 'rating' ? 'num' : '', column.kind === 'computed' ? 'computed' : '', error ? 'cell-invalid' : ''].filter(Boolean).join(' ');
  const common = {
    role: 'gridcell' as const,
    class: classes,
    'data-cell': dataCell,
    'data-col': key,
    tabIndex: draft ? -1 : active ? 0 : -1,
  };

  if (draft && column.editable) {
    const k = key as EditKey;
    const value = draft[k];
    const attrs = { id: inputId, 'aria-label': name, 'aria-invalid': !!error || undefined, 'aria-describedby': errorId, 'data-input': dataCell };
    let control;
    if (column.kind === 'step')
      control = (
        <select class="cell-input" value={value} onChange={(e) => onDraft(k, e.currentTarget.value)} {...attrs}>
          {steps.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.number}. {s.name}
            </option>
          ))}
        </select>
      );
    else if (column.kind === 'rating')
      control = <input class="cell-input" type="text" inputMode="numeric" maxLength={2} autoComplete="off" value={value} onInput={(e) => onDraft(k, e.currentTarget.value.replace(/[^0-9]/g, ''))} {...attrs} />;
    else if (column.kind === 'date') control = <input class="cell-input" type="date" value={value} onInput={(e) => onDraft(k, e.currentTarget.value)} {...attrs} />;
    else if (column.kind === 'person')
      control = <FmeaPersonInput id={inputId} label={name} value={value} name={draft.responsibleName} onValue={(v, n) => onDraft(k, v, n)} invalid={!!error} describedBy={errorId} dataInput={dataCell} />;
    else control = <input class="cell-input" type="text" autoComplete="off" value={value} onInput={(e) => onDraft(k, e.currentTarget.value)} {...attrs} />;
    return (
      <td {...common}>
        {control}
        {error && (
          <span class="cell-error" id={errorId} data-testid="cell-error">
            {error}
          </span>
        )}
      </td>
    );
  }

  if (draft && (key === 'rpn' || key === 'revisedRpn' || key === 'reduction')) {
    // Live figures while typing; the server's arrive with the saved row.
    const rpn = product(draft.severity, draft.occurrence, draft.detection);
    const revised = product(draft.revisedSeverity, draft.revisedOccurrence, draft.revisedDetection);
    const shown = key === 'rpn' ? rpn : key === 'revisedRpn' ? revised : rpn !== null && revised !== null ? rpn - revised : null;
    return (
      <td {...common} aria-label={`${name}: ${shown ?? 'not yet'}`}>
        <span class="muted">{shown ?? '—'}</span>
      </td>
    );
  }

  const text = viewText(key, row);
  let content;
  if (key === 'ap') content = <ApBadge ap={row.actionPriority} />;
  else if (key === 'rpn') content = <strong data-testid="rpn">{row.rpn}</strong>;
  else if (key === 'revisedRpn') content = row.revised ? <span data-testid="revised-rpn">{row.revised.rpn}</span> : <span class="muted">—</span>;
  else if (key === 'reduction')
    content =
      row.rpnReduction === null ? (
        <span class="muted">—</span>
      ) : (
        <span data-testid="rpn-reduction">
          {row.rpnReduction} <span class="muted small">({row.rpn > 0 ? Math.round((row.rpnReduction / row.rpn) * 100) : 0}%)</span>
        </span>
      );
  else if (key === 'capa')
    content = row.correctiveActionId ? (
      <Link href={`/capa/${row.correctiveActionId}`} tabIndex={-1} data-testid="capa-link">
        {row.correctiveActionReference ?? `CAPA #${row.correctiveActionId}`}
      </Link>
    ) : canCapa ? (
      <button type="button" class="btn btn-secondary btn-small" tabIndex={-1} disabled={capaBusy || !row.recommendedAction.trim()} title={row.recommendedAction.trim() ? undefined : 'Write a recommended action first'} onClick={onMakeCapa} data-testid="make-capa">
        {capaBusy ? 'Making…' : 'Make CAPA'}
      </button>
    ) : (
      <span class="muted">—</span>
    );
  else content = text ? <span class="cell-text">{text}</span> : <span class="muted">{column.editable && canEdit ? '' : '—'}</span>;

  return (
    <td {...common} aria-label={`${name}: ${text || 'empty'}`} data-value={text}>
      {content}
    </td>
  );
}
