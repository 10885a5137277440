import { useEffect, useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { IncidentFilters } from '../components/IncidentFilters';
import { MonthlyGrid } from '../components/MonthlyGrid';
import { Page } from '../components/Page';
import { ParetoChart } from '../components/ParetoChart';
import { query } from '../lib/api';
import { monthOf, monthsAgo } from '../lib/datetime';
import type { MonthlyCounts, ParetoResult } from '../lib/incidents';
import { readFilters, type FilterKey, type Filters } from '../lib/incidentQueues';
import { replaceQuery, useLocation } from '../lib/router';
import { useApi } from '../lib/useApi';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

const BY: { id: string; label: string; title: string }[] = [
  { id: 'category', label: 'Category', title: 'Events by category' },
  { id: 'factor', label: 'Contributing factor', title: 'Events by contributing factor' },
  { id: 'location', label: 'Location', title: 'Events by location' },
];

/** What the reports teach: the vital few categories, factors or places, and the trend per department. */
export function LearningPage() {
  const { search } = useLocation();
  const { config } = useIncidentFormConfig();
  const [by, setBy] = useState(search.get('by') ?? 'category');
  const [filters, setFilters] = useState<Filters>(() => {
    const f = readFilters(search);
    // An open end ("up to now") rather than today's date: today in the browser's zone may already be
    // yesterday in UTC, which would drop the newest events.
    return { ...f, from: f.from || monthsAgo(11) };
  });
  const onFilter = (key: FilterKey, value: string) => setFilters((f) => ({ ...f, [key]: value }));

  const listFilters = { ...filters, q: undefined, state: undefined };
  const qs = query({ by, ...listFilters });
  useEffect(() => replaceQuery(qs), [qs]);
  const pareto = useApi<ParetoResult>(`/api/v1/incidents/pareto${qs}`);
  // The monthly grid runs over whole months of the same period.
  const fromMonth = filters.from ? filters.from.slice(0, 7) : monthOf(new Date(new Date().getFullYear(), new Date().getMonth() - 11, 1));
  const toMonth = filters.to ? filters.to.slice(0, 7) : monthOf(new Date());
  // The server names the month range fromMonth/toMonth (from/to stay the day filters of the list).
  const monthly = useApi<MonthlyCounts>(`/api/v1/incidents/monthly${query({ ...listFilters, from: undefined, to: undefined, fromMonth, toMonth })}`);
  const chosen = BY.find((b) => b.id === by) ?? BY[0];

  if (isPageError(pareto.error)) return <LoadError error={pareto.error} />;
  return (
    <Page title="Learning from events" testId="learning-page" intro="Where most events come from, and how reporting changes month by month.">
      <form class="filters" role="search" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="learning-by" label="Group by" value={by} onValue={setBy}>
          {BY.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </SelectField>
        <TextField id="learning-from" label="From" type="date" value={filters.from} onValue={(v) => onFilter('from', v)} max={filters.to || undefined} />
        <TextField id="learning-to" label="To" type="date" value={filters.to} onValue={(v) => onFilter('to', v)} min={filters.from || undefined} />
        <IncidentFilters idPrefix="learning" config={config} filters={filters} onFilter={onFilter} omit={['q', 'state', 'from', 'to']} />
      </form>
      {pareto.error ? <LoadError error={pareto.error} onRetry={pareto.reload} /> : null}
      <ParetoChart result={pareto.data} title={chosen.title} />
      <section class="card" aria-labelledby="monthly-title">
        <h2 id="monthly-title">Events per month by department</h2>
        {monthly.error ? <LoadError error={monthly.error} onRetry={monthly.reload} /> : monthly.data ? <MonthlyGrid data={monthly.data} /> : <p class="muted">Loading…</p>}
      </section>
    </Page>
  );
}
