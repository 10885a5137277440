import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { TextAreaField, TextField } from '../components/Field';
import { LiveRegion, Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';
import { formatDate } from '../lib/datetime';
import type { FollowUp, FollowUpMessage } from '../lib/incidents';
import { Link } from '../lib/router';

/** An anonymous reporter checks on a report with the follow-up code and answers the safety team. */
export function FollowUpPage() {
  const [code, setCode] = useState('');
  const [report, setReport] = useState<FollowUp | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reply, setReply] = useState('');
  const [replyError, setReplyError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const lookUp = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    if (!code.trim()) {
      setError('Enter the follow-up code you were given.');
      return;
    }
    setBusy(true);
    try {
      // The code is a secret: it goes in a POST body, never in the address bar.
      setReport(await api.post<FollowUp>('/api/v1/anonymous-reports/follow-up', { code: code.trim() }));
      setTimeout(() => heading.current?.focus(), 0);
    } catch (err) {
      setReport(null);
      setError(err instanceof ApiError && err.status === 404 ? 'No report has this code. Check it and try again.' : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const sendReply = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setReplyError(null);
    setSent(false);
    if (!reply.trim() || !report) {
      setReplyError('Write your reply first.');
      return;
    }
    setBusy(true);
    try {
      const msg = await api.post<FollowUpMessage>('/api/v1/anonymous-reports/replies', { code: code.trim(), body: reply.trim() });
      setReport({ ...report, messages: [...report.messages, msg] });
      setReply('');
      setSent(true);
    } catch (err) {
      setReplyError(errorsByField(err).body ?? messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Follow up an anonymous report" testId="followup-page" intro={<Link href="/report">Make a new anonymous report</Link>}>
      <form class="card form form-narrow" onSubmit={lookUp} noValidate data-testid="followup-form">
        <LiveRegion message={error} testId="followup-error" />
        <TextField id="followup-code" label="Follow-up code" value={code} onValue={setCode} autoComplete="off" autoCapitalize="none" spellcheck={false} required />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          Show my report
        </button>
      </form>

      {report && (
        <section class="card" aria-labelledby="followup-report" data-testid="followup-report">
          <h2 id="followup-report" ref={heading} tabIndex={-1}>
            Report {report.reference}
          </h2>
          <dl class="details">
            <dt>State</dt>
            <dd data-testid="followup-state">{report.stateLabel}</dd>
            <dt>Submitted</dt>
            <dd>{formatDate(report.submittedOn)}</dd>
          </dl>
          <h3 class="thread-heading">Messages</h3>
          {report.messages.length === 0 ? (
            <p class="muted">No messages yet. The safety team may ask you a question here.</p>
          ) : (
            <ol class="thread" data-testid="followup-messages">
              {report.messages.map((m) => (
                <li key={m.id} class={`message ${m.from === 'reporter' ? 'message-mine' : 'message-team'}`}>
                  <p class="message-meta small">
                    <strong>{m.from === 'reporter' ? 'You' : 'Patient safety team'}</strong> · {formatDate(m.on)}
                  </p>
                  <p class="message-body">{m.body}</p>
                </li>
              ))}
            </ol>
          )}
          <form onSubmit={sendReply} noValidate data-testid="followup-reply-form">
            <TextAreaField id="followup-reply" label="Your reply" hint="Do not include your name if you wish to stay anonymous." value={reply} onValue={setReply} error={replyError ?? undefined} rows={3} />
            {sent && <Notice kind="success">Your reply was sent.</Notice>}
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Send reply
            </button>
          </form>
        </section>
      )}
    </Page>
  );
}
