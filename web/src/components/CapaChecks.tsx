import type { EffectivenessCheck } from '../lib/capa';
import { formatDateTime } from '../lib/format';

/** Every effectiveness check so far, oldest first: a not-effective one explains why the plan changed. */
export function CapaChecks({ checks }: { checks: EffectivenessCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <section class="card capa-section" aria-labelledby="capa-checks-title" data-testid="capa-checks">
      <h2 id="capa-checks-title">Effectiveness checks</h2>
      <div class="table-wrap">
        <table class="data-table print-table">
          <thead>
            <tr>
              <th scope="col">Checked</th>
              <th scope="col">Result</th>
              <th scope="col">Criterion</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id} data-testid="capa-check" data-result={c.result}>
                <td class="nowrap">
                  {formatDateTime(c.checkedAt)}
                  {c.checkedBy && <div class="muted small">{c.checkedBy.displayName}</div>}
                </td>
                <td>
                  <span class={`badge ${c.result === 'effective' ? 'badge-ok' : 'badge-danger'}`}>{c.result === 'effective' ? 'Effective' : 'Not effective'}</span>
                </td>
                <td class="prewrap">{c.criterion}</td>
                <td class="prewrap">{c.evidence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
