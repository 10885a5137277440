import type { FmeaSummaryNumbers } from '../lib/fmea';

/** The study in four numbers: how many failure modes, how many need action first, and how far RPN has come down. */
export function FmeaSummary({ summary }: { summary: FmeaSummaryNumbers }) {
  return (
    <ul class="stat-list fmea-summary" data-testid="fmea-summary" aria-label="Summary">
      <li class="stat">
        <span class="stat-value" data-testid="summary-count">
          {summary.count}
        </span>{' '}
        failure modes
      </li>
      <li class={`stat${summary.highPriority > 0 ? ' stat-overdue' : ''}`}>
        <span class="stat-value" data-testid="summary-high">
          {summary.highPriority}
        </span>{' '}
        high action priority
      </li>
      <li class="stat">
        <span class="stat-value" data-testid="summary-rpn">
          {summary.totalRpn} → {summary.totalRevisedRpn}
        </span>{' '}
        total RPN → revised
      </li>
      <li class="stat">
        <span class="stat-value" data-testid="summary-reduction">
          {Math.round(summary.reductionPercent)}%
        </span>{' '}
        reduction
      </li>
    </ul>
  );
}
