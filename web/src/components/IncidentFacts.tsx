import { Fragment } from 'preact';
import { formatDate } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import { labelOf, type Incident, type IncidentFormConfig } from '../lib/incidents';

function detailValue(config: IncidentFormConfig | null, incident: Incident, name: string, value: string): string {
  const field = config?.categories.find((c) => c.id === incident.category)?.fields.find((f) => f.name === name);
  return field?.kind === 'choice' ? labelOf(field.choices, value) : value;
}

/** Everything reported and decided about one event, as a description list. */
export function IncidentFacts({ incident: i, config }: { incident: Incident; config: IncidentFormConfig | null }) {
  const fields = config?.categories.find((c) => c.id === i.category)?.fields ?? [];
  const merp = config?.merpCategories.find((m) => m.id === i.merpCategory);
  return (
    <div class="facts-grid">
      <section class="card" aria-labelledby="facts-event">
        <h2 id="facts-event">Event</h2>
        <dl class="details" data-testid="incident-facts">
          <dt>Type</dt>
          <dd>{labelOf(config?.eventTypes, i.type)}</dd>
          <dt>Category</dt>
          <dd>{i.categoryLabel}</dd>
          {Object.entries(i.details ?? {}).map(([name, value]) => (
            <Fragment key={name}>
              <dt>{fields.find((f) => f.name === name)?.label ?? name}</dt>
              <dd>{detailValue(config, i, name, value)}</dd>
            </Fragment>
          ))}
          <dt>Harm</dt>
          <dd data-testid="incident-harm">{i.harmLabel}</dd>
          <dt>Harm duration</dt>
          <dd>{labelOf(config?.harmDurations, i.harmDuration)}</dd>
          {i.merpCategory && (
            <>
              <dt>NCC MERP category</dt>
              <dd>
                {i.merpCategory}
                {merp && <span class="muted small"> — {merp.meaning}</span>}
              </dd>
            </>
          )}
          <dt>Severity</dt>
          <dd>{i.severity ? labelOf(config?.severities, i.severity) : 'Not yet assessed'}</dd>
          <dt>Where</dt>
          <dd>
            {i.departmentName}, {i.siteName}
            {i.location && <span class="muted"> · {i.location}</span>}
          </dd>
          <dt>Occurred</dt>
          <dd>{formatDateTime(i.occurredAt)}</dd>
          <dt>Submitted</dt>
          <dd>{i.anonymous ? formatDate(i.submittedAt) : formatDateTime(i.submittedAt)}</dd>
          <dt>Reported by</dt>
          <dd>{i.anonymous ? 'Anonymous reporter' : (i.reporter?.displayName ?? '—')}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="facts-people">
        <h2 id="facts-people">People</h2>
        <dl class="details">
          <dt>Patient</dt>
          <dd data-testid="incident-patient">
            {i.patientMasked ? (
              <span class="badge badge-muted" title="You are not allowed to see patient identifiers">
                Restricted
              </span>
            ) : i.patient ? (
              <>
                {i.patient.name || '—'} <span class="muted">({i.patient.identifier || 'no identifier'})</span>
              </>
            ) : (
              'None recorded'
            )}
          </dd>
          <dt>Staff involved</dt>
          <dd>{i.peopleInvolved || '—'}</dd>
          <dt>Handler</dt>
          <dd data-testid="incident-handler">{i.handler?.displayName ?? 'Not assigned'}</dd>
          <dt>Investigator</dt>
          <dd>{i.investigator?.displayName ?? 'Not assigned'}</dd>
        </dl>
      </section>
      <section class="card facts-narrative" aria-labelledby="facts-narrative">
        <h2 id="facts-narrative">What happened</h2>
        <p class="prewrap" data-testid="incident-description">
          {i.description}
        </p>
        <h3>Immediate actions</h3>
        <p class="prewrap">{i.immediateActions || <span class="muted">None recorded.</span>}</p>
      </section>
    </div>
  );
}
