import { useEffect, useState } from 'preact/hooks';
import { AttachmentsPanel } from '../components/AttachmentsPanel';
import { CommentsPanel } from '../components/CommentsPanel';
import { DisclosurePanel } from '../components/DisclosurePanel';
import { LoadError } from '../components/ErrorPages';
import { IncidentFacts } from '../components/IncidentFacts';
import { OverdueTag, SentinelBadge } from '../components/IncidentBadges';
import { ObligationsPanel } from '../components/ObligationsPanel';
import { Page } from '../components/Page';
import { SentinelStatus } from '../components/SentinelStatus';
import { StartInvestigation } from '../components/StartInvestigation';
import { StateActions } from '../components/StateActions';
import { TriagePanel } from '../components/TriagePanel';
import type { Incident } from '../lib/incidents';
import { Link } from '../lib/router';
import { useApi } from '../lib/useApi';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

export function IncidentDetailPage({ id }: { id: number }) {
  const loaded = useApi<Incident>(`/api/v1/incidents/${id}`);
  const { config } = useIncidentFormConfig();
  const [incident, setIncident] = useState<Incident | null>(null);
  useEffect(() => {
    if (loaded.data) setIncident(loaded.data);
  }, [loaded.data]);

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!incident) return <p class="muted">Loading the report…</p>;
  const i = incident;
  // Recording external reports and disclosure is the safety team's work: those who triage or move the report.
  const canManage = i.can.triage || i.can.transition;

  return (
    <Page
      title={`${i.reference} · ${i.categoryLabel}`}
      testId="incident-detail-page"
      intro={
        <>
          <Link href="/incidents" class="print-hide">
            Back to incidents
          </Link>
          <span class="badge-row inline">
            {i.sentinel && <SentinelBadge />}
            {i.overdue && <OverdueTag />}
          </span>
        </>
      }
      actions={
        <>
          <StartInvestigation incident={i} />
          <a class="btn btn-secondary" href={`/api/v1/incidents/${i.id}/fhir`} download={`${i.reference}.fhir.json`} data-testid="export-fhir">
            Export FHIR
          </a>
        </>
      }
    >
      <SentinelStatus incident={i} />
      <StateActions incident={i} config={config} onChange={setIncident} />
      {i.can.triage && config && <TriagePanel incident={i} config={config} onChange={setIncident} />}
      <IncidentFacts incident={i} config={config} />
      <ObligationsPanel incident={i} canRecord={canManage} onChange={setIncident} />
      <DisclosurePanel incident={i} canRecord={canManage} onChange={setIncident} />
      <AttachmentsPanel
        incidentId={i.id}
        attachments={i.attachments ?? []}
        canUpload={i.can.comment}
        onAdded={(a) => setIncident({ ...i, attachments: [...(i.attachments ?? []), a] })}
      />
      <CommentsPanel incidentId={i.id} canComment={i.can.comment} anonymous={i.anonymous} />
    </Page>
  );
}
