import type { Capa } from '../lib/capa';
import { formatDate } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import { Link } from '../lib/router';

/** Where the CAPA came from, with links to the investigation, risk or FMEA study, and its key facts. */
export function CapaSourcePanel({ capa }: { capa: Capa }) {
  return (
    <section class="card capa-section" aria-labelledby="capa-source-title" data-testid="capa-source">
      <h2 id="capa-source-title">Source and facts</h2>
      <dl class="capa-facts">
        <dt>Source</dt>
        <dd data-testid="capa-source-label">
          {capa.sourceLabel}
          {capa.sourceReference && <span class="muted"> · {capa.sourceReference}</span>}
        </dd>
        {capa.investigation && (
          <>
            <dt>Investigation</dt>
            <dd>
              <Link href={`/investigations/${capa.investigation.id}`} data-testid="capa-investigation-link">
                {capa.investigation.reference}
              </Link>{' '}
              {capa.investigation.title}
            </dd>
          </>
        )}
        {capa.risk && (
          <>
            <dt>Risk</dt>
            <dd>
              <Link href={`/risks/${capa.risk.id}`} data-testid="capa-risk-link">
                {capa.risk.reference}
              </Link>{' '}
              {capa.risk.title}
            </dd>
          </>
        )}
        {capa.fmeaStudy && (
          <>
            <dt>FMEA study</dt>
            <dd>
              <Link href={`/fmea/${capa.fmeaStudy.id}`} data-testid="capa-fmea-link">
                {capa.fmeaStudy.reference}
              </Link>{' '}
              {capa.fmeaStudy.title}
            </dd>
          </>
        )}
        <dt>Kind</dt>
        <dd>{capa.kind === 'preventive' ? 'Preventive' : 'Corrective'}</dd>
        <dt>Raised</dt>
        <dd>
          {formatDateTime(capa.createdAt)}
          {capa.createdBy && ` by ${capa.createdBy.displayName}`} · {capa.ageDays} days old
        </dd>
        <dt>Effectiveness check due</dt>
        <dd>{formatDate(capa.effectivenessDueOn)}</dd>
        {capa.closedAt && (
          <>
            <dt>Closed</dt>
            <dd>{formatDateTime(capa.closedAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
