import type { IncidentWork } from '../lib/incidents';
import { Link } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';

/** Home page summary of incident work: own reports, the triage queue, investigations and what is overdue. */
export function IncidentsWorkCard({ work }: { work: IncidentWork | undefined }) {
  const { session } = useAppState();
  const canRead = hasPermission(session, 'incidents.read') || hasPermission(session, 'incidents.triage');
  const rows: { key: keyof IncidentWork; label: string; href: string; show: boolean }[] = [
    { key: 'myReports', label: 'Reports I made', href: '/incidents?queue=mine', show: true },
    { key: 'triageQueue', label: 'Waiting for triage', href: '/incidents?queue=triage', show: hasPermission(session, 'incidents.triage') },
    { key: 'myInvestigations', label: 'Assigned to me to handle or investigate', href: '/incidents?queue=investigations', show: true },
    { key: 'overdue', label: 'Overdue in my scope', href: '/incidents?queue=overdue', show: canRead },
  ];
  return (
    <section class="card work-section incidents-card" aria-labelledby="work-incidents" data-testid="work-incidents">
      <h2 id="work-incidents">Patient safety</h2>
      {work ? (
        <ul class="stat-list">
          {rows
            .filter((r) => r.show)
            .map((r) => {
              const n = work[r.key] ?? 0;
              const alarm = r.key === 'overdue' && n > 0;
              return (
                <li key={r.key} class={alarm ? 'stat stat-overdue' : 'stat'} data-testid={`work-incidents-${r.key}`}>
                  <Link href={r.href}>{r.label}</Link>
                  <span class="stat-value">
                    {alarm && <span aria-hidden="true">⚠ </span>}
                    {n.toLocaleString()}
                    {alarm && <span class="visually-hidden"> overdue</span>}
                  </span>
                </li>
              );
            })}
        </ul>
      ) : (
        <p class="muted">No incident work to show.</p>
      )}
      <Link href="/incidents/new" class="btn btn-primary" data-testid="home-report">
        Report an event
      </Link>
    </section>
  );
}
