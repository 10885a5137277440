import { formatDate, isPast } from '../lib/datetime';
import type { Incident } from '../lib/incidents';

/** The sentinel-event clock, prominent at the top of the report; red (and saying so) when overdue. */
export function SentinelStatus({ incident: i }: { incident: Incident }) {
  if (!i.sentinel) return null;
  const overdue = i.overdueReasons?.analysis || (i.analysisDue !== null && isPast(i.analysisDue) && !['closed', 'rejected', 'duplicate', 'merged'].includes(i.state));
  return (
    <div class={`sentinel-status${overdue ? ' sentinel-overdue' : ''}`} role="status" data-testid="sentinel-status" data-overdue={overdue || undefined}>
      <p class="sentinel-title">
        <span aria-hidden="true">{overdue ? '⚠ ' : '◆ '}</span>
        Sentinel event{i.sentinelFlaggedOn ? `, flagged on ${formatDate(i.sentinelFlaggedOn)}` : ''}
      </p>
      {i.analysisDue && (
        <p class="analysis-due" data-testid="analysis-due">
          {overdue ? 'Overdue: analysis was due ' : 'Analysis due '}
          <strong>{formatDate(i.analysisDue)}</strong>
        </p>
      )}
      <p class="small">A comprehensive systematic analysis and action plan is required by the due date.</p>
    </div>
  );
}
