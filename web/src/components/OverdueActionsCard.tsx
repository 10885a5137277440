import type { OverdueItem } from '../lib/capa';
import { formatDate } from '../lib/datetime';
import { pluralise } from '../lib/format';
import { Link } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';

// The most overdue first (the server's order); the rest are on the CAPA list.
const SHOWN = 5;

function Items({ items, withOwner, testId }: { items: OverdueItem[]; withOwner: boolean; testId: string }) {
  return (
    <ul class="work-items" data-testid={testId}>
      {items.slice(0, SHOWN).map((i) => (
        <li key={`${i.capaId}-${i.actionId}`} class="overdue" data-testid="overdue-item" data-capa-reference={i.capaReference}>
          <Link href={`/capa/${i.capaId}`}>
            {i.capaReference}: {i.description}
          </Link>
          <span class="muted small"> {i.capaTitle}</span>
          <span class="due">
            {pluralise(i.daysOverdue, 'day')} overdue — was due {formatDate(i.dueOn)}
            {withOwner && i.owner && ` · ${i.owner.displayName}`}
            {withOwner && ` · ${i.departmentName}`}
          </span>
        </li>
      ))}
      {items.length > SHOWN && <li class="muted small">and {items.length - SHOWN} more</li>}
    </ul>
  );
}

/** The home page escalation: overdue CAPA actions the user owns, and those of the departments they manage. */
export function OverdueActionsCard() {
  const { session } = useAppState();
  const overdue = useApi<{ own: OverdueItem[]; team: OverdueItem[] }>('/api/v1/me/overdue-actions');
  // The card is a convenience on the home page: if it cannot load, the rest of the page still works.
  if (!overdue.data) return null;
  const { own, team } = overdue.data;
  return (
    <section class="card work-section overdue-actions-card" aria-labelledby="work-overdue-actions" data-testid="overdue-actions">
      <h2 id="work-overdue-actions">
        Overdue actions <span class="count">{own.length + team.length}</span>
      </h2>
      {own.length === 0 && team.length === 0 && <p class="muted">Nothing overdue.</p>}
      {team.length > 0 && <h3 class="capa-card-subhead">Mine</h3>}
      {own.length > 0 ? <Items items={own} withOwner={false} testId="overdue-own" /> : team.length > 0 && <p class="muted small">None of your actions is overdue.</p>}
      {team.length > 0 && (
        <>
          <h3 class="capa-card-subhead">My departments</h3>
          <Items items={team} withOwner testId="overdue-team" />
        </>
      )}
      {own.length + team.length > 0 && hasPermission(session, 'capa.read') && (
        <Link href="/capa?view=list&overdue=true" class="btn btn-secondary" data-testid="overdue-all">
          All overdue CAPAs
        </Link>
      )}
    </section>
  );
}
