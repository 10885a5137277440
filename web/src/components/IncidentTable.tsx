import { formatDate } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import { labelOf, type IncidentSummary } from '../lib/incidents';
import { Link } from '../lib/router';
import { OverdueTag, SentinelBadge } from './IncidentBadges';
import { SortHeader } from './SortHeader';

interface Props {
  items: IncidentSummary[] | undefined;
  sort: string;
  onSort: (sort: string) => void;
  busy: boolean;
}

export function IncidentTable({ items, sort, onSort, busy }: Props) {
  return (
    <div class="table-wrap" aria-busy={busy}>
      <table class="data-table incident-table" data-testid="incident-table">
        <caption class="visually-hidden">Reported events; overdue rows are marked “Overdue”</caption>
        <thead>
          <tr>
            <SortHeader field="reference" label="Reference" sort={sort} onSort={onSort} />
            <th scope="col">Event</th>
            <SortHeader field="harm" label="Harm" sort={sort} onSort={onSort} />
            <th scope="col">Department</th>
            <SortHeader field="occurredAt" label="Occurred" sort={sort} onSort={onSort} />
            <SortHeader field="state" label="State" sort={sort} onSort={onSort} />
            <SortHeader field="analysisDue" label="Analysis due" sort={sort} onSort={onSort} />
            <SortHeader field="submittedAt" label="Submitted" sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {items?.map((i) => (
            <tr key={i.id} class={i.overdue ? 'row-overdue' : undefined} data-testid="incident-row" data-reference={i.reference} data-overdue={i.overdue || undefined}>
              <th scope="row">
                <Link href={`/incidents/${i.id}`}>{i.reference}</Link>
                <div class="badge-row">
                  {i.sentinel && <SentinelBadge />}
                  {i.overdue && <OverdueTag />}
                  {i.anonymous && <span class="badge badge-muted">Anonymous</span>}
                </div>
              </th>
              <td class="event-cell">
                {i.categoryLabel}
                {i.summary && <div class="muted small clamp-2">{i.summary}</div>}
              </td>
              <td>
                {i.harmLabel}
                {i.severity && <div class="muted small">Severity: {labelOf(undefined, i.severity)}</div>}
              </td>
              <td>
                {i.departmentName}
                <div class="muted small">{i.siteName}</div>
              </td>
              <td class="nowrap">{formatDateTime(i.occurredAt)}</td>
              <td>
                {i.stateLabel}
                {i.handler && <div class="muted small">{i.handler.displayName}</div>}
              </td>
              <td class={`nowrap${i.overdue && i.analysisDue ? ' text-danger' : ''}`}>{i.analysisDue ? formatDate(i.analysisDue) : '—'}</td>
              <td class="nowrap">{formatDate(i.submittedAt)}</td>
            </tr>
          ))}
          {items && items.length === 0 && (
            <tr>
              <td colSpan={8} class="empty">
                No events match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
