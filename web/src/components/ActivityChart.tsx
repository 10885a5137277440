import { useRef } from 'preact/hooks';
import type { ActivityDay } from '../lib/types';
import { useApi } from '../lib/useApi';
import { cssVar, useLazyChart } from '../lib/useLazyChart';

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Audit events per day; the ECharts code is fetched only when this component mounts. */
export function ActivityChart() {
  const activity = useApi<{ days: ActivityDay[] }>('/api/v1/audit/activity?days=30');
  const el = useRef<HTMLDivElement>(null);
  const days = activity.data?.days;

  const chartError = useLazyChart(el, days, (target, data) =>
    import('../charts/bar').then(({ renderBarChart }) =>
      renderBarChart(
        target,
        data.map((d) => shortDate.format(new Date(`${d.date}T00:00:00Z`))),
        data.map((d) => d.count),
        cssVar('--accent', '#0f6b78'),
      ),
    ),
  );

  const total = days?.reduce((n, d) => n + d.count, 0) ?? 0;
  const busiest = days?.reduce<ActivityDay | null>((m, d) => (!m || d.count > m.count ? d : m), null);
  const summary = days
    ? `${total.toLocaleString()} events in the last ${days.length} days` +
      (busiest && busiest.count > 0 ? `; busiest day ${busiest.date} with ${busiest.count}.` : '.')
    : '';

  return (
    <figure class="card chart-card" data-testid="activity-chart">
      <figcaption>
        <h2>Activity, last 30 days</h2>
        {activity.error ? <span class="muted">Activity could not be loaded.</span> : <span class="muted">{summary}</span>}
      </figcaption>
      {!chartError && !activity.error && <div ref={el} class="chart" role="img" aria-label={summary || 'Loading activity chart'} />}
    </figure>
  );
}
