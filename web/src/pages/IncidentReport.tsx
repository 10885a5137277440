import { useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { IncidentReportForm } from '../components/IncidentReportForm';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api } from '../lib/api';
import type { Incident, Submission } from '../lib/incidents';
import { Link } from '../lib/router';
import { useAppState } from '../lib/session';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

/** Report an event, signed in: drafts are kept on the server and in this browser. */
export function IncidentReportPage() {
  const { session } = useAppState();
  const { config, error, retry } = useIncidentFormConfig();
  const [done, setDone] = useState<Incident | null>(null);
  const [formKey, setFormKey] = useState(0);
  if (!session) return null;
  if (error) return <LoadError error={error} onRetry={retry} />;

  if (done)
    return (
      <Page title="Thank you, your report was sent" testId="report-submitted-page">
        <Notice kind="success" testId="report-submitted">
          <p>
            Your report <strong data-testid="report-reference">{done.reference}</strong> has been received by the patient safety team.
          </p>
        </Notice>
        <div class="form-actions">
          <Link href="/incidents?queue=mine" class="btn btn-primary" data-testid="go-my-reports">
            My reports
          </Link>
          <Link href={`/incidents/${done.id}`} class="btn btn-secondary">
            View this report
          </Link>
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => {
              setDone(null);
              setFormKey((n) => n + 1);
            }}
          >
            Report another event
          </button>
        </div>
      </Page>
    );

  return (
    <Page
      title="Report an event"
      testId="incident-report-page"
      intro="Incidents, near misses and unsafe conditions. It takes about two minutes; your draft is saved as you type."
    >
      {!config ? (
        <p class="muted">Loading the form…</p>
      ) : (
        <IncidentReportForm
          key={formKey}
          config={config}
          anonymous={false}
          owner={String(session.user.id)}
          homeDepartmentId={session.user.homeDepartmentId}
          submit={(s: Submission) => api.post<Incident>('/api/v1/incidents', s)}
          onDone={(incident) => {
            setDone(incident);
            window.scrollTo(0, 0);
          }}
          submitLabel="Send report"
        />
      )}
    </Page>
  );
}
