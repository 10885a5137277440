import { useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { FollowUpCode } from '../components/FollowUpCode';
import { IncidentReportForm } from '../components/IncidentReportForm';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api } from '../lib/api';
import type { AnonymousReceipt, Submission } from '../lib/incidents';
import { Link } from '../lib/router';
import { useAppState } from '../lib/session';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

/** Report without signing in. Nothing identifies the reporter; the draft stays in this browser only. */
export function AnonymousReportPage() {
  const { session } = useAppState();
  const { config, error, retry } = useIncidentFormConfig();
  const [receipt, setReceipt] = useState<AnonymousReceipt | null>(null);
  if (error) return <LoadError error={error} onRetry={retry} />;

  if (receipt)
    return (
      <Page title="Your report was sent" testId="anonymous-receipt-page">
        <Notice kind="success" testId="anonymous-receipt">
          <p>
            Thank you. Your report reference is <strong data-testid="anonymous-reference">{receipt.reference}</strong>.
          </p>
        </Notice>
        <FollowUpCode code={receipt.followUpCode} />
        <p>
          <Link href="/report/follow-up">Check on a report or answer a question</Link>
        </p>
      </Page>
    );

  return (
    <Page
      title="Report an event anonymously"
      testId="anonymous-report-page"
      intro={
        <>
          Your name is not recorded and you do not need to sign in. You will get a follow-up code to see what happens
          and answer questions.{' '}
          {!session && (
            <>
              Staff with an account can instead <Link href="/login?next=%2Fincidents%2Fnew">sign in and report</Link>.
            </>
          )}
        </>
      }
    >
      <p class="small muted">
        Already reported? <Link href="/report/follow-up">Follow up with your code</Link>.
      </p>
      {session && (
        <Notice kind="info">
          You are signed in, but this report is sent without your name. The draft is kept only in this browser.
        </Notice>
      )}
      {!config ? (
        <p class="muted">Loading the form…</p>
      ) : (
        <IncidentReportForm
          config={config}
          anonymous
          owner="anonymous"
          homeDepartmentId={null}
          submit={(s: Submission) => api.post<AnonymousReceipt>('/api/v1/anonymous-reports', s)}
          onDone={(r) => {
            setReceipt(r);
            window.scrollTo(0, 0);
          }}
          submitLabel="Send report anonymously"
        />
      )}
    </Page>
  );
}
