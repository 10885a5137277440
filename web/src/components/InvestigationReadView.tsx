import { formatDate } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import { labelOf, type Option } from '../lib/incidents';
import type { InvestigationEdit } from '../lib/investigations';
import { hasPermission, useAppState } from '../lib/session';
import { CapaPlanLink } from './CapaPlanLink';

interface Props {
  edit: InvestigationEdit;
  strengths: Option[];
  /** Shown on screen too (not editable); otherwise only when printing. */
  onScreen: boolean;
  /** For each action's CAPA link or "Create CAPA" button. */
  investigationId?: number;
}

/** The analysis as a document: what prints, and what people without edit rights see. */
export function InvestigationReadView({ edit: e, strengths, onScreen, investigationId }: Props) {
  // Raising a CAPA changes the investigation: offer it to those who may (the server has the last word).
  const { session } = useAppState();
  const me = session?.user.id;
  const mayRaise = onScreen && (hasPermission(session, 'investigations.manage') || e.leadId === me || e.team.some((m) => m.userId === me));
  return (
    <div class={onScreen ? 'inv-read' : 'inv-read print-only'} data-testid="investigation-read">
      <section class="card inv-section" aria-labelledby="read-team">
        <h2 id="read-team">Team</h2>
        {e.team.length === 0 ? (
          <p class="muted">No team recorded.</p>
        ) : (
          <ul>
            {e.team.map((m, i) => (
              <li key={i}>
                {m.displayName ?? `User #${m.userId ?? '?'}`} — {m.role || 'member'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card inv-section" aria-labelledby="read-timeline">
        <h2 id="read-timeline">Timeline of facts</h2>
        {e.timeline.length === 0 ? (
          <p class="muted">No facts recorded.</p>
        ) : (
          <table class="data-table print-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Fact</th>
              </tr>
            </thead>
            <tbody>
              {e.timeline.map((t, i) => (
                <tr key={i}>
                  <td class="nowrap">{formatDateTime(t.at)}</td>
                  <td>{t.fact}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {e.whys.length > 0 && (
        <section class="card inv-section" aria-labelledby="read-whys">
          <h2 id="read-whys">5 whys</h2>
          {e.whys.map((w, i) => (
            <div key={i} class="read-chain">
              <h3>{w.problem || `Chain ${i + 1}`}</h3>
              <ol>
                {w.whys.map((x, j) => (
                  <li key={j}>{x}</li>
                ))}
              </ol>
            </div>
          ))}
        </section>
      )}
      <section class="card inv-section" aria-labelledby="read-root">
        <h2 id="read-root">Root causes</h2>
        {e.rootCauses.length === 0 ? (
          <p class="muted">None recorded.</p>
        ) : (
          <ol>
            {e.rootCauses.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
        )}
      </section>
      <section class="card inv-section" aria-labelledby="read-actions">
        <h2 id="read-actions">Action plan</h2>
        {e.actions.length === 0 ? (
          <p class="muted">No actions planned.</p>
        ) : (
          <table class="data-table print-table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Strength</th>
                <th scope="col">CAPA</th>
              </tr>
            </thead>
            <tbody>
              {e.actions.map((a, i) => (
                <tr key={a.id ?? i}>
                  <td>{a.description}</td>
                  <td>{a.ownerName ?? (a.ownerId ? `User #${a.ownerId}` : '—')}</td>
                  <td class="nowrap">{formatDate(a.dueOn)}</td>
                  <td>{labelOf(strengths, a.strength)}</td>
                  <td>
                    <CapaPlanLink investigationId={mayRaise ? investigationId : undefined} action={a} number={i + 1} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
