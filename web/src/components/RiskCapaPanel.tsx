import { formatDate } from '../lib/datetime';
import type { Risk } from '../lib/risk';
import { Link } from '../lib/router';

/** The CAPAs raised to treat this risk, and the way to raise another. */
export function RiskCapaPanel({ risk }: { risk: Risk }) {
  return (
    <section class="card risk-section" aria-labelledby="risk-capa-title" data-testid="risk-capas">
      <div class="section-title-row">
        <h2 id="risk-capa-title">Corrective and preventive actions</h2>
        {risk.can.raiseCapa && (
          <Link href={`/capa/new?riskId=${risk.id}`} class="btn btn-secondary" data-testid="raise-capa">
            Raise CAPA
          </Link>
        )}
      </div>
      {risk.actions.length === 0 ? (
        <p class="muted">No CAPA has been raised for this risk.</p>
      ) : (
        <ul class="capa-links">
          {risk.actions.map((a) => (
            <li key={a.id} data-testid="linked-capa">
              <Link href={`/capa/${a.id}`}>{a.reference}</Link> {a.title}{' '}
              <span class="muted small">
                · {a.stateLabel ?? a.state}
                {a.nextDueOn ? ` · next due ${formatDate(a.nextDueOn)}` : ''}
              </span>
              {a.overdue && <span class="badge badge-danger">Overdue</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
