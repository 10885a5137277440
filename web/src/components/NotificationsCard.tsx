import { useState } from 'preact/hooks';
import { messageOf } from '../lib/api';
import { capaApi, type AppNotification } from '../lib/capa';
import { formatDate } from '../lib/datetime';
import { Link } from '../lib/router';
import { useApi } from '../lib/useApi';
import { LiveRegion } from './Notice';

/** The latest in-app notifications (the daily overdue digest); each can be marked as read. */
export function NotificationsCard() {
  const list = useApi<{ items: AppNotification[] }>('/api/v1/me/notifications?limit=5');
  const [read, setRead] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  if (!list.data || items.length === 0) return null;

  const markRead = async (n: AppNotification) => {
    setError(null);
    try {
      await capaApi.markRead(n.id);
      setRead(new Set(read).add(n.id));
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const unread = items.filter((n) => !n.readAt && !read.has(n.id)).length;

  return (
    <section class="card work-section" aria-labelledby="work-notifications" data-testid="notifications">
      <h2 id="work-notifications">
        Notifications{' '}
        <span class="count" data-testid="notifications-unread">
          {unread}
          <span class="visually-hidden"> unread</span>
        </span>
      </h2>
      <ul class="work-items notification-list">
        {items.map((n) => {
          const isRead = !!n.readAt || read.has(n.id);
          return (
            <li key={n.id} class={isRead ? 'notification-read' : 'notification-unread'} data-testid="notification" data-notification-id={n.id} data-read={isRead || undefined}>
              <strong>{n.title}</strong> <span class="muted small">{formatDate(n.day)}</span>
              {/* The body is the digest as plain text (for e-mail); the items say the same with links. */}
              {n.body && n.items.length === 0 && <p class="small notification-body prewrap">{n.body}</p>}
              {n.items.length > 0 && (
                <ul class="notification-items small">
                  {n.items.slice(0, 5).map((i) => (
                    <li key={`${i.capaId}-${i.actionId}`}>
                      <Link href={`/capa/${i.capaId}`}>{i.capaReference}</Link> {i.description} · {i.daysOverdue} days overdue
                    </li>
                  ))}
                  {n.items.length > 5 && <li class="muted">and {n.items.length - 5} more</li>}
                </ul>
              )}
              {!isRead && (
                <button type="button" class="btn btn-secondary notification-read-button" onClick={() => void markRead(n)} data-testid="notification-mark-read">
                  Mark as read<span class="visually-hidden">: {n.title}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <LiveRegion message={error} />
    </section>
  );
}
