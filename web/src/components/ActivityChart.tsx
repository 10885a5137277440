import { useEffect, useRef, useState } from 'preact/hooks';
import type { BarChartHandle } from '../charts/bar';
import type { ActivityDay } from '../lib/types';
import { useApi } from '../lib/useApi';

const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Audit events per day; the ECharts code is fetched only when this component mounts. */
export function ActivityChart() {
  const activity = useApi<{ days: ActivityDay[] }>('/api/v1/audit/activity?days=30');
  const el = useRef<HTMLDivElement>(null);
  const [chartError, setChartError] = useState(false);
  const days = activity.data?.days;

  useEffect(() => {
    if (!days || !el.current) return undefined;
    let handle: BarChartHandle | null = null;
    let cancelled = false;
    const onResize = () => handle?.resize();
    import('../charts/bar')
      .then(({ renderBarChart }) => {
        if (cancelled || !el.current) return;
        const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#0f6b78';
        handle = renderBarChart(
          el.current,
          days.map((d) => shortDate.format(new Date(`${d.date}T00:00:00Z`))),
          days.map((d) => d.count),
          accent,
        );
        window.addEventListener('resize', onResize);
      })
      .catch(() => setChartError(true));
    return () => {
      cancelled = true;
      window.removeEventListener('resize', onResize);
      handle?.dispose();
    };
  }, [days]);

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
