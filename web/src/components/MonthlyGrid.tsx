import { formatMonth } from '../lib/datetime';
import type { MonthlyCounts } from '../lib/incidents';

/** Shade 0–5 for a count relative to the busiest cell; the number itself is always shown. */
function heat(n: number, max: number): string {
  if (n <= 0 || max <= 0) return 'heat-0';
  return `heat-${Math.min(5, Math.ceil((n / max) * 5))}`;
}

/** Events per department and month, shaded like a heat map, with totals. */
export function MonthlyGrid({ data }: { data: MonthlyCounts }) {
  const max = Math.max(0, ...data.departments.flatMap((d) => d.counts));
  const grand = data.totals.reduce((a, b) => a + b, 0);
  return (
    <div class="table-wrap">
      <table class="data-table heat-table" data-testid="monthly-grid">
        <caption class="visually-hidden">Events per department and month; darker cells have more events</caption>
        <thead>
          <tr>
            <th scope="col">Department</th>
            {data.months.map((m) => (
              <th key={m} scope="col" class="num">
                {formatMonth(m)}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {data.departments.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                {d.name}
                <div class="muted small">{d.siteName}</div>
              </th>
              {d.counts.map((n, i) => (
                <td key={data.months[i] ?? i} class={`num ${heat(n, max)}`}>
                  {n}
                </td>
              ))}
              <td class="num total">{d.total}</td>
            </tr>
          ))}
          {data.departments.length === 0 && (
            <tr>
              <td colSpan={data.months.length + 2} class="empty">
                No events in this period.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All departments</th>
            {data.totals.map((n, i) => (
              <td key={data.months[i] ?? i} class="num total">
                {n}
              </td>
            ))}
            <td class="num total">{grand}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
