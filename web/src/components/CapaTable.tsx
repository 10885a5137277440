import { formatDate } from '../lib/datetime';
import { SOURCE_LABELS, type CapaListItem } from '../lib/capa';
import { Link } from '../lib/router';
import { CapaStateBadge, WeakerOnlyIcon } from './CapaBadges';
import { OverdueTag } from './IncidentBadges';
import { SortHeader } from './SortHeader';

interface Props {
  items: CapaListItem[] | undefined;
  sort: string;
  onSort: (sort: string) => void;
  busy: boolean;
}

export function CapaTable({ items, sort, onSort, busy }: Props) {
  return (
    <div class="table-wrap" aria-busy={busy}>
      <table class="data-table capa-table" data-testid="capa-table">
        <caption class="visually-hidden">Corrective and preventive actions; overdue rows are marked “Overdue”</caption>
        <thead>
          <tr>
            <SortHeader field="reference" label="Reference" sort={sort} onSort={onSort} />
            <SortHeader field="title" label="Title" sort={sort} onSort={onSort} />
            <SortHeader field="state" label="State" sort={sort} onSort={onSort} />
            <th scope="col">Department</th>
            <th scope="col">Actions</th>
            <SortHeader field="createdAt" label="Age" sort={sort} onSort={onSort} />
            <SortHeader field="updatedAt" label="Updated" sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {items?.map((c) => (
            <tr key={c.id} class={c.overdue ? 'row-overdue' : undefined} data-testid="capa-row" data-reference={c.reference} data-overdue={c.overdue || undefined}>
              <th scope="row" class="nowrap">
                <Link href={`/capa/${c.id}`}>{c.reference}</Link>
                <div class="badge-row">
                  {c.overdue && <OverdueTag />}
                  {c.onlyWeakerActions && <WeakerOnlyIcon />}
                </div>
              </th>
              <td class="capa-title-cell">
                {c.title}
                <div class="muted small">
                  {c.kind === 'preventive' ? 'Preventive' : 'Corrective'} · {SOURCE_LABELS[c.source] ?? c.source}
                </div>
              </td>
              <td>
                <CapaStateBadge state={c.state} label={c.stateLabel} />
              </td>
              <td>
                {c.departmentName}
                {c.coordinator && <div class="muted small">{c.coordinator.displayName}</div>}
              </td>
              <td>
                {c.openActionCount} of {c.actionCount} open
                {c.nextDueOn && <div class={`small${c.overdue ? ' text-danger' : ' muted'}`}>Next due {formatDate(c.nextDueOn)}</div>}
              </td>
              <td class="nowrap num">{c.ageDays} days</td>
              <td class="nowrap">{formatDate(c.updatedAt)}</td>
            </tr>
          ))}
          {items && items.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                No CAPAs match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
