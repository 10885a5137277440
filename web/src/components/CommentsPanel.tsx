import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { IncidentComment } from '../lib/incidents';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { CheckField, TextAreaField } from './Field';
import { LiveRegion } from './Notice';

/** The discussion of a report; a comment marked "ask the reporter" is a question the reporter sees and can answer. */
export function CommentsPanel({ incidentId, canComment, anonymous }: { incidentId: number; canComment: boolean; anonymous: boolean }) {
  const list = useApi<{ items: IncidentComment[] }>(`/api/v1/incidents/${incidentId}/comments`);
  const action = useAction();
  const [body, setBody] = useState('');
  const [toReporter, setToReporter] = useState(false);

  const post = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!body.trim()) return;
    void action.run(async () => {
      await api.post<IncidentComment>(`/api/v1/incidents/${incidentId}/comments`, { body: body.trim(), toReporter });
      setBody('');
      setToReporter(false);
      list.reload();
    }, toReporter ? 'Question sent to the reporter.' : 'Comment added.');
  };
  const items = list.data?.items ?? [];

  return (
    <section class="card" aria-labelledby="comments-title" data-testid="comments">
      <h2 id="comments-title">Comments</h2>
      {list.error ? <p class="muted">Comments could not be loaded.</p> : null}
      {items.length === 0 && !list.loading && <p class="muted">No comments yet.</p>}
      <ol class="thread">
        {items.map((c) => (
          <li key={c.id} class={`message${c.fromReporter ? ' message-reporter' : ''}${c.toReporter ? ' message-question' : ''}`} data-testid="comment">
            <p class="message-meta small">
              <strong>{c.fromReporter ? 'Reporter' : (c.author?.displayName ?? 'Unknown')}</strong> · {formatDateTime(c.at)}
              {c.toReporter && <span class="badge badge-warn">Question to the reporter</span>}
              {c.fromReporter && <span class="badge">Reporter's reply</span>}
            </p>
            <p class="message-body">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment && (
        <form class="form subform" onSubmit={post} noValidate>
          <LiveRegion message={action.error} />
          <TextAreaField id="comment-body" label="Add a comment" value={body} onValue={setBody} error={action.errors.body} rows={3} />
          <CheckField
            id="comment-toReporter"
            label="Ask the reporter (they will see this and can reply)"
            hint={anonymous ? 'The anonymous reporter sees it when they follow up with their code.' : undefined}
            checked={toReporter}
            onChecked={setToReporter}
          />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy || !body.trim()}>
              {toReporter ? 'Send question' : 'Add comment'}
            </button>
            <span class="muted small" aria-live="polite">
              {action.done}
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
