import { LoadError } from '../components/ErrorPages';
import { IncidentsWorkCard } from '../components/IncidentsWorkCard';
import { NotificationsCard } from '../components/NotificationsCard';
import { OverdueActionsCard } from '../components/OverdueActionsCard';
import { Page } from '../components/Page';
import type { IncidentWork } from '../lib/incidents';
import { formatDate } from '../lib/datetime';
import { formatDateTime, roleLabel, scopeLabel, scopeTypeLabel } from '../lib/format';
import { Link } from '../lib/router';
import { useAppState } from '../lib/session';
import type { Role, WorkSection } from '../lib/types';
import { useApi } from '../lib/useApi';

function greeting(now = new Date()): string {
  const h = now.getHours();
  return h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening';
}

function WorkList({ section }: { section: WorkSection }) {
  return (
    <section class="card work-section" aria-labelledby={`work-${section.key}`} data-testid={`work-${section.key}`}>
      <h2 id={`work-${section.key}`}>
        {section.title} <span class="count">{section.items.length}</span>
      </h2>
      {section.items.length === 0 ? (
        <p class="muted">{section.emptyText}</p>
      ) : (
        <ul class="work-items">
          {section.items.map((item) => (
            <li key={item.id} class={item.overdue ? 'overdue' : undefined}>
              <Link href={item.href}>{item.title}</Link>
              {item.subtitle && <span class="muted"> {item.subtitle}</span>}
              {item.dueAt && (
                <span class="due">
                  {item.overdue ? 'Overdue — was due ' : 'Due '}
                  {item.dueAt.length === 10 ? formatDate(item.dueAt) : formatDateTime(item.dueAt)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function HomePage() {
  const { session } = useAppState();
  const work = useApi<{ sections: WorkSection[]; incidents?: IncidentWork }>('/api/v1/me/work');
  const roles = useApi<{ items: Role[] }>('/api/v1/roles');
  if (!session) return null;
  const user = session.user;
  const firstName = user.displayName.split(' ')[0] || user.username;

  return (
    <Page title={`${greeting()}, ${firstName}`} testId="home-page">
      <section class="card" aria-labelledby="my-roles">
        <h2 id="my-roles">Your roles</h2>
        {user.grants.length === 0 ? (
          <p class="muted">You have no roles yet. Ask your administrator for access.</p>
        ) : (
          <ul class="role-list" data-testid="my-roles">
            {user.grants.map((g, i) => (
              <li key={i}>
                <strong>{roleLabel(g.role, roles.data?.items)}</strong>
                <span class="muted">
                  {' '}
                  · {scopeTypeLabel(g.scope.type)}: {scopeLabel(g.scope)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 class="section-heading">My work</h2>
      {work.error ? <LoadError error={work.error} onRetry={work.reload} /> : null}
      {work.loading && !work.data && <p class="muted">Loading your work…</p>}
      <div class="work-grid">
        {work.data && <IncidentsWorkCard work={work.data.incidents} />}
        <OverdueActionsCard />
        <NotificationsCard />
        {work.data?.sections.map((s) => <WorkList key={s.key} section={s} />)}
      </div>
    </Page>
  );
}
