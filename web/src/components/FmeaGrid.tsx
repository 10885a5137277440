import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';
import { CONFLICT_MESSAGE } from '../lib/useAction';
import {
  checkDraft,
  COLUMNS,
  draftOf,
  errorsByColumn,
  isRating,
  RATING_MESSAGE,
  rowRequest,
  sameDraft,
  type EditKey,
  type FailureModeRow,
  type FmeaStudy,
  type RowDraft,
} from '../lib/fmea';
import { FmeaAddRow } from './FmeaAddRow';
import { FmeaCell } from './FmeaCell';

interface Props {
  study: FmeaStudy;
  /** A row as the server saved it; the page re-reads the study for its order, Pareto and summary. */
  onRowSaved: (row: FailureModeRow) => void;
  onRowDeleted: (id: number) => void;
  onCapaMade: (capa: { id: number; reference: string }, row: FailureModeRow) => void;
  /** Re-read the study, dropping what this grid holds (after a conflict). */
  onReload: () => void;
}

interface Editing {
  rowId: number;
  draft: RowDraft;
  original: RowDraft;
  version: number;
  errors: Partial<Record<EditKey, string>>;
  busy: boolean;
}

interface Active {
  rowId: number;
  col: number;
}

type CommitReason = 'enter' | 'blur' | 'switch';

/** Columns plus the trailing one holding the row's delete button. */
const LAST_COL = COLUMNS.length;

/**
 * The FMEA worksheet as a spreadsheet-like grid. Arrow keys move between cells; Enter (or a click) edits the
 * row with the caret in that cell; Tab and Shift+Tab move between the row's fields; Enter or leaving the row
 * saves it with the row's version; Escape drops the edit. One row is edited at a time.
 */
export function FmeaGrid({ study, onRowSaved, onRowDeleted, onCapaMade, onReload }: Props) {
  const rows = study.failureModes;
  const canEdit = study.can.edit;
  const table = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<Active | null>(null);
  const [editing, setEditingState] = useState<Editing | null>(null);
  const editingRef = useRef<Editing | null>(null);
  const [conflicts, setConflicts] = useState<Record<number, string>>({});
  const [rowMessages, setRowMessages] = useState<Record<number, string>>({});
  const [capaBusy, setCapaBusy] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [, setFocusTick] = useState(0);
  const pendingFocus = useRef<string | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  // Whether the keyboard is working in the grid: then a re-sort (which moves rows in the DOM and drops the
  // focus) puts the focus back on the cell it was on.
  const inGrid = useRef(false);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!table.current?.contains(e.target as Node)) inGrid.current = false;
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, []);

  const setEditing = (e: Editing | null) => {
    editingRef.current = e;
    setEditingState(e);
  };
  const setRowMessage = (rowId: number, message: string | null) =>
    setRowMessages((m) => {
      const { [rowId]: _old, ...rest } = m;
      return message ? { ...rest, [rowId]: message } : rest;
    });
  const setConflict = (rowId: number, message: string | null) =>
    setConflicts((m) => {
      const { [rowId]: _old, ...rest } = m;
      return message ? { ...rest, [rowId]: message } : rest;
    });

  const focusCell = (rowId: number, col: number, input = false) => {
    pendingFocus.current = input ? `[data-input="${rowId}:${col}"]` : `[data-cell="${rowId}:${col}"]`;
    setActive({ rowId, col });
    setFocusTick((n) => n + 1);
  };
  useLayoutEffect(() => {
    const selector = pendingFocus.current;
    if (selector) {
      const el = table.current?.querySelector<HTMLElement>(selector);
      if (el) {
        pendingFocus.current = null;
        el.focus();
        if (el instanceof HTMLInputElement && el.type === 'text') el.select();
      }
      return;
    }
    const focused = document.activeElement;
    if (inGrid.current && active && (!focused || focused === document.body)) {
      const ed = editingRef.current;
      const el = table.current?.querySelector<HTMLElement>(ed && ed.rowId === active.rowId ? `[data-input="${active.rowId}:${active.col}"]` : `[data-cell="${active.rowId}:${active.col}"]`);
      el?.focus();
    }
  });

  // The cell the keyboard starts on: the first, until the reader moves.
  const current = active && rows.some((r) => r.id === active.rowId) ? active : rows[0] ? { rowId: rows[0].id, col: 0 } : null;

  const focusFirstError = (rowId: number, errors: Partial<Record<EditKey, string>>) => {
    const col = COLUMNS.findIndex((c) => errors[c.key as EditKey]);
    if (col >= 0) focusCell(rowId, col, true);
  };

  const commit = (reason: CommitReason, col = 0): Promise<boolean> => {
    if (inflight.current) return inflight.current;
    const ed = editingRef.current;
    if (!ed) return Promise.resolve(true);
    if (conflicts[ed.rowId] && reason === 'blur') return Promise.resolve(false);
    if (sameDraft(ed.draft, ed.original)) {
      setEditing(null);
      if (reason === 'enter') focusCell(ed.rowId, col);
      return Promise.resolve(true);
    }
    const found = checkDraft(ed.draft);
    if (Object.keys(found).length) {
      setEditing({ ...ed, errors: found });
      if (reason !== 'blur') focusFirstError(ed.rowId, found);
      return Promise.resolve(false);
    }
    const run = (async () => {
      setEditing({ ...ed, busy: true });
      try {
        const row = await api.put<FailureModeRow>(`/api/v1/fmea/${study.id}/failure-modes/${ed.rowId}`, rowRequest(ed.draft, ed.version));
        setEditing(null);
        setConflict(ed.rowId, null);
        setRowMessage(ed.rowId, null);
        setAnnouncement(`Saved “${row.mode}”: RPN ${row.rpn}${row.revised ? `, revised RPN ${row.revised.rpn}` : ''}.`);
        onRowSaved(row);
        if (reason === 'enter') focusCell(row.id, col);
        return true;
      } catch (err) {
        const still = { ...ed, busy: false };
        if (err instanceof ApiError && err.status === 409) {
          setEditing(still);
          setConflict(ed.rowId, `${CONFLICT_MESSAGE}${err.problem.detail ? ` (${err.problem.detail})` : ''}`);
        } else {
          const byColumn = errorsByColumn(errorsByField(err));
          setEditing({ ...still, errors: byColumn });
          const shown = Object.keys(byColumn).length > 0;
          setRowMessage(ed.rowId, shown ? null : messageOf(err));
          if (shown && reason !== 'blur') focusFirstError(ed.rowId, byColumn);
        }
        return false;
      } finally {
        inflight.current = null;
      }
    })();
    inflight.current = run;
    return run;
  };

  const startEdit = async (rowId: number, col: number) => {
    if (!canEdit || !COLUMNS[col]?.editable) return;
    const ed = editingRef.current;
    if (ed && ed.rowId === rowId) {
      focusCell(rowId, col, true);
      return;
    }
    if (ed && !(await commit('switch'))) return;
    const row = rowsRef.current.find((r) => r.id === rowId);
    if (!row) return;
    const draft = draftOf(row);
    setEditing({ rowId, draft, original: draft, version: row.version, errors: {}, busy: false });
    setRowMessage(rowId, null);
    focusCell(rowId, col, true);
  };

  const cancel = (col: number) => {
    const ed = editingRef.current;
    if (!ed) return;
    setEditing(null);
    setRowMessage(ed.rowId, null);
    if (!conflicts[ed.rowId]) setAnnouncement('Edit cancelled.');
    focusCell(ed.rowId, col);
  };

  const onDraft = (key: EditKey, value: string, name?: string | null) => {
    const ed = editingRef.current;
    if (!ed) return;
    const draft = { ...ed.draft, [key]: value, ...(key === 'responsibleId' ? { responsibleName: name ?? null } : {}) };
    const { [key]: _old, ...errors } = ed.errors;
    const rating = COLUMNS.find((c) => c.key === key)?.kind === 'rating';
    // Ratings are checked as they are typed: only 1 to 10 is a rating.
    setEditing({ ...ed, draft, errors: rating && value !== '' && !isRating(value) ? { ...errors, [key]: RATING_MESSAGE } : errors });
  };

  const reloadRow = (rowId: number) => {
    setEditing(null);
    setConflict(rowId, null);
    setRowMessage(rowId, null);
    onReload();
  };

  const deleteRow = async (row: FailureModeRow) => {
    if (!window.confirm(`Delete the failure mode “${row.mode}”?`)) return;
    try {
      await api.del(`/api/v1/fmea/${study.id}/failure-modes/${row.id}`);
      if (editingRef.current?.rowId === row.id) setEditing(null);
      setAnnouncement(`Deleted “${row.mode}”.`);
      onRowDeleted(row.id);
    } catch (err) {
      setRowMessage(row.id, messageOf(err));
    }
  };

  const makeCapa = async (row: FailureModeRow) => {
    if (editingRef.current?.rowId === row.id && !(await commit('switch'))) return;
    setCapaBusy(row.id);
    try {
      const res = await api.post<{ capa: { id: number; reference: string }; row: FailureModeRow }>(`/api/v1/fmea/${study.id}/failure-modes/${row.id}/capa`, { strength: 'intermediate' });
      setRowMessage(row.id, null);
      setAnnouncement(`${res.capa.reference} created from “${row.mode}”.`);
      onCapaMade(res.capa, res.row);
    } catch (err) {
      setRowMessage(row.id, messageOf(err));
    } finally {
      setCapaBusy(null);
    }
  };

  const move = (rowId: number, col: number, dRow: number, dCol: number) => {
    const i = rows.findIndex((r) => r.id === rowId);
    const nextRow = rows[Math.max(0, Math.min(rows.length - 1, i + dRow))];
    const nextCol = Math.max(0, Math.min(canEdit ? LAST_COL : LAST_COL - 1, col + dCol));
    if (nextRow) focusCell(nextRow.id, nextCol);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('td[data-cell]');
    if (!cell?.dataset.cell) return;
    const [rowId, col] = cell.dataset.cell.split(':').map(Number);
    const ed = editingRef.current;
    if (ed && ed.rowId === rowId) {
      if (e.key === 'Enter') {
        e.preventDefault();
        void commit('enter', col);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        cancel(col);
      }
      return;
    }
    if (e.target !== cell) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(rowId, col, 0, 1),
      ArrowLeft: () => move(rowId, col, 0, -1),
      ArrowDown: () => move(rowId, col, 1, 0),
      ArrowUp: () => move(rowId, col, -1, 0),
      Home: () => (e.ctrlKey ? move(rowId, 0, -rows.length, -LAST_COL) : move(rowId, col, 0, -LAST_COL)),
      End: () => (e.ctrlKey ? move(rowId, col, rows.length, LAST_COL) : move(rowId, col, 0, LAST_COL)),
      Enter: () => (COLUMNS[col]?.editable ? void startEdit(rowId, col) : cell.querySelector<HTMLElement>('a, button:not(:disabled)')?.click()),
      F2: () => void startEdit(rowId, col),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  const onClick = (e: MouseEvent) => {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('td[data-cell]');
    if (!cell?.dataset.cell) return;
    const [rowId, col] = cell.dataset.cell.split(':').map(Number);
    const ed = editingRef.current;
    if (ed && ed.rowId === rowId) {
      // A click on the padding around a field edits that field.
      if (target === cell && COLUMNS[col]?.editable) focusCell(rowId, col, true);
      return;
    }
    if (target.closest('a, button') || !canEdit || !COLUMNS[col]?.editable) {
      setActive({ rowId, col });
      return;
    }
    void startEdit(rowId, col);
  };

  const onRowFocusOut = (rowId: number, e: FocusEvent) => {
    const ed = editingRef.current;
    if (!ed || ed.rowId !== rowId) return;
    const next = e.relatedTarget as Node | null;
    if (next && (e.currentTarget as HTMLElement).contains(next)) return;
    // Decided after the focus has landed: a re-render may have moved it back into the row.
    window.setTimeout(() => {
      const still = editingRef.current;
      if (!still || still.rowId !== rowId) return;
      const rowEl = table.current?.querySelector(`tr[data-row-id="${rowId}"]`);
      if (rowEl && document.activeElement && rowEl.contains(document.activeElement)) return;
      void commit('blur');
    }, 0);
  };

  const colCount = COLUMNS.length + 1;

  return (
    <div class="fmea-grid-wrap">
      <p class="visually-hidden" aria-live="polite" data-testid="grid-announcement">
        {announcement}
      </p>
      <div class="table-wrap fmea-table-wrap">
        <table
          ref={table}
          class="data-table fmea-grid"
          role="grid"
          aria-label={`${study.reference} worksheet, highest RPN first`}
          aria-describedby="fmea-grid-help"
          data-testid="fmea-grid"
          onFocusIn={() => (inGrid.current = true)}
          onFocusOut={(e) => {
            if (e.relatedTarget && !table.current?.contains(e.relatedTarget as Node)) inGrid.current = false;
          }}
          onMouseDown={() => (inGrid.current = true)}
        >
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" role="columnheader" class={`col-${c.key}`}>
                  {c.title !== c.label ? <abbr title={c.label}>{c.title}</abbr> : c.title}
                </th>
              ))}
              <th scope="col" role="columnheader">
                <span class="visually-hidden">Row actions</span>
              </th>
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown} onClick={onClick}>
            {rows.map((row) => {
              const ed = editing && editing.rowId === row.id ? editing : null;
              const conflict = conflicts[row.id];
              const message = rowMessages[row.id];
              return [
                <tr
                  key={row.id}
                  data-row-id={row.id}
                  data-testid="fm-row"
                  data-mode={row.mode}
                  data-rpn={row.rpn}
                  data-revised-rpn={row.revised?.rpn}
                  data-ap={row.actionPriority}
                  class={[ed ? 'row-editing' : '', conflict ? 'row-conflict' : '', ed?.busy ? 'row-busy' : ''].filter(Boolean).join(' ') || undefined}
                  aria-busy={ed?.busy || undefined}
                  onFocusOut={(e) => onRowFocusOut(row.id, e)}
                >
                  {COLUMNS.map((c, col) => (
                    <FmeaCell
                      key={c.key}
                      column={c}
                      colIndex={col}
                      row={row}
                      draft={ed?.draft ?? null}
                      error={ed?.errors[c.key as EditKey]}
                      steps={study.steps}
                      canEdit={canEdit}
                      canCapa={canEdit && study.can.raiseCapa !== false}
                      active={!!current && current.rowId === row.id && current.col === col}
                      onDraft={onDraft}
                      onMakeCapa={() => void makeCapa(row)}
                      capaBusy={capaBusy === row.id}
                    />
                  ))}
                  <td
                    role="gridcell"
                    class="fm-cell col-actions"
                    data-cell={`${row.id}:${LAST_COL}`}
                    tabIndex={ed ? -1 : current && current.rowId === row.id && current.col === LAST_COL ? 0 : -1}
                  >
                    {canEdit && (
                      <button type="button" class="btn btn-quiet btn-small" tabIndex={-1} onClick={() => void deleteRow(row)} aria-label={`Delete “${row.mode}”`}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>,
                conflict || message ? (
                  <tr key={`${row.id}-message`} class={conflict ? 'row-message row-message-conflict' : 'row-message'}>
                    <td colSpan={colCount} role="alert" data-testid={conflict ? 'row-conflict' : 'row-message'}>
                      {conflict ? (
                        <>
                          <strong>“{row.mode}” was changed by someone else; your edit was not saved.</strong> {conflict}{' '}
                          <button type="button" class="btn btn-secondary btn-small" onClick={() => reloadRow(row.id)} data-testid="reload-row">
                            Reload
                          </button>
                        </>
                      ) : (
                        message
                      )}
                    </td>
                  </tr>
                ) : null,
              ];
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={colCount} class="empty">
                  No failure modes yet{canEdit ? ': add the first one below.' : '.'}
                </td>
              </tr>
            )}
          </tbody>
          {canEdit && (
            <tfoot>
              <FmeaAddRow studyId={study.id} steps={study.steps} onAdded={onRowSaved} />
            </tfoot>
          )}
        </table>
      </div>
      <p id="fmea-grid-help" class="muted small grid-help">
        Arrow keys move between cells. Enter or a click edits a row; Tab moves between its fields; Enter or leaving the row saves it; Escape cancels. S, O and D take 1 to 10.
      </p>
    </div>
  );
}
