import { formatDate } from '../lib/datetime';
import type { CapaListItem } from '../lib/capa';
import { Link } from '../lib/router';
import { WeakerOnlyIcon } from './CapaBadges';
import { OverdueTag } from './IncidentBadges';

/** One CAPA on the board: the whole card is a link, so the board is walked with Tab like any list of links. */
export function CapaCard({ item }: { item: CapaListItem }) {
  return (
    <li class={`capa-card${item.overdue ? ' capa-card-overdue' : ''}`} data-testid="capa-card" data-reference={item.reference} data-overdue={item.overdue || undefined}>
      <Link href={`/capa/${item.id}`} class="capa-card-link">
        <span class="capa-card-head">
          <span class="capa-card-ref">{item.reference}</span>
          {item.onlyWeakerActions && <WeakerOnlyIcon />}
        </span>
        <span class="capa-card-title clamp-2">{item.title}</span>
        <span class="capa-card-meta muted small">
          {item.departmentName}
          {item.coordinator && ` · ${item.coordinator.displayName}`}
        </span>
        <span class="capa-card-meta muted small">
          {item.openActionCount}/{item.actionCount} actions open{item.nextDueOn && ` · next due ${formatDate(item.nextDueOn)}`}
        </span>
        {item.overdue && <OverdueTag />}
      </Link>
    </li>
  );
}
