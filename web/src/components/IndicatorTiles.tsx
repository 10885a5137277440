import type { Dashboard } from '../lib/indicators';
import { IndicatorTile } from './IndicatorTile';

/** The dashboard's indicators grouped by the six IOM aims, every aim shown even when it has none. */
export function IndicatorTiles({ dashboard, scope }: { dashboard: Dashboard; scope: string }) {
  return (
    <div class="domain-list">
      {dashboard.domains.map((d) => (
        <section key={d.domain} class="domain-section" aria-labelledby={`domain-${d.domain}`} data-testid="domain-section" data-domain={d.domain}>
          <h2 id={`domain-${d.domain}`}>{d.label}</h2>
          {d.indicators.length === 0 ? (
            <p class="muted small">No indicators in this aim for this scope.</p>
          ) : (
            <ul class="tile-grid">
              {d.indicators.map((t) => (
                <IndicatorTile key={t.code} tile={t} scope={scope} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
