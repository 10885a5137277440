import { formatDate } from '../lib/datetime';
import type { RiskSummary } from '../lib/risk';
import { Link } from '../lib/router';
import { BandBadge, EscalatedMarker, ReviewOverdueTag } from './RiskBadges';
import { SortHeader } from './SortHeader';

interface Props {
  items: RiskSummary[] | undefined;
  sort: string;
  onSort: (sort: string) => void;
  busy: boolean;
}

/** The register's rows, highest residual score first unless the reader sorts otherwise. */
export function RiskTable({ items, sort, onSort, busy }: Props) {
  return (
    <div class="table-wrap" aria-busy={busy}>
      <table class="data-table risk-table" data-testid="risk-table">
        <caption class="visually-hidden">Risks; rows whose review date has passed are marked “Review overdue”</caption>
        <thead>
          <tr>
            <SortHeader field="reference" label="Reference" sort={sort} onSort={onSort} />
            <SortHeader field="title" label="Risk" sort={sort} onSort={onSort} />
            <th scope="col">Register</th>
            <th scope="col">Owner</th>
            <SortHeader field="inherentScore" label="Inherent" sort={sort} onSort={onSort} />
            <SortHeader field="residualScore" label="Residual" sort={sort} onSort={onSort} />
            <th scope="col">Target</th>
            <SortHeader field="reviewDueOn" label="Next review" sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {items?.map((r) => (
            <tr
              key={r.id}
              class={r.reviewOverdue ? 'row-overdue' : undefined}
              data-testid="risk-row"
              data-reference={r.reference}
              data-title={r.title}
              data-residual-score={r.residual.score}
              data-band={r.residual.band}
              data-escalated={r.escalated || undefined}
            >
              <th scope="row" class="nowrap">
                <Link href={`/risks/${r.id}`}>{r.reference}</Link>
                <div class="badge-row">
                  {r.escalated && <EscalatedMarker />}
                  {r.reviewOverdue && <ReviewOverdueTag />}
                  {r.status === 'closed' && <span class="badge badge-muted">Closed</span>}
                </div>
              </th>
              <td class="risk-title-cell">
                {r.title}
                <div class="muted small">{r.categoryLabel}</div>
              </td>
              <td>
                {r.register.name}
                {r.escalated && <div class="muted small">Raised in {r.scope.name}</div>}
              </td>
              <td>{r.owner?.displayName ?? '—'}</td>
              <td class="nowrap">
                <BandBadge band={r.inherent.band} score={r.inherent.score} />
              </td>
              <td class="nowrap">
                <BandBadge band={r.residual.band} score={r.residual.score} testId="residual-badge" />
                <div class="muted small">
                  {r.residual.likelihoodLabel} × {r.residual.consequenceLabel}
                </div>
              </td>
              <td class="nowrap">
                <BandBadge band={r.target.band} score={r.target.score} />
              </td>
              <td class={`nowrap${r.reviewOverdue ? ' text-danger' : ''}`}>{formatDate(r.reviewDueOn)}</td>
            </tr>
          ))}
          {items && items.length === 0 && (
            <tr>
              <td colSpan={8} class="empty">
                No risks match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
