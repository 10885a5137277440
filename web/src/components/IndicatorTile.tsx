import { formatValue, ruleLabel, type TileIndicator } from '../lib/indicators';
import { Link } from '../lib/router';
import { AssuranceIcon, MDC_COLOURS, VariationIcon } from './MdcIcons';
import { Sparkline } from './Sparkline';

function lastColour(variation: string): string {
  if (variation.includes('concern')) return MDC_COLOURS.concern;
  if (variation.includes('improv')) return MDC_COLOURS.improvement;
  if (variation.includes('neutral')) return MDC_COLOURS.neutral;
  return MDC_COLOURS.common;
}

/** One indicator on a dashboard: its latest value against the target, its SPC reading and its trend. */
export function IndicatorTile({ tile, scope }: { tile: TileIndicator; scope: string }) {
  const href = `/indicators/${encodeURIComponent(tile.code)}?scope=${encodeURIComponent(scope)}`;
  const current = tile.current;
  // The ring marks what needs attention: beyond the alert threshold, or a special cause of concern now.
  const attention = tile.alert || tile.variation.includes('concern');
  return (
    <li class={`indicator-tile${attention ? ' tile-alert' : ''}`} data-testid="indicator-tile" data-code={tile.code} data-variation={tile.variation}>
      <Link href={href} class="tile-link" data-testid="indicator-tile-link">
        <span class="tile-name">{tile.name}</span>
      </Link>
      <div class="tile-figures">
        <p class="tile-value" data-testid="tile-value">
          <span class="tile-number">{formatValue(current?.value ?? null)}</span> <span class="tile-unit">{tile.unitLabel}</span>
        </p>
        <div class="tile-icons">
          <VariationIcon variation={tile.variation} label={tile.variationLabel || 'Common cause variation'} testId="variation-icon" />
          <AssuranceIcon assurance={tile.assurance} label={tile.assuranceLabel || 'No target to assure'} testId="assurance-icon" />
        </div>
      </div>
      <p class="tile-meta small muted">
        {current ? current.period : 'No data yet'}
        {' · '}
        {tile.target === null ? 'no target' : `target ${formatValue(tile.target, tile.unitLabel)}`}
      </p>
      <Sparkline points={tile.sparkline} lastColour={lastColour(tile.variation)} label={tile.name} />
      {attention && (
        <p class="tile-flag small" data-testid="tile-alert">
          <span aria-hidden="true">●</span> Needs attention
          {tile.signal && tile.signal.reading === 'concern' ? `: ${ruleLabel(tile.signal.rule).toLowerCase()} in ${tile.signal.period}` : tile.alert ? ': beyond the alert threshold' : ''}
        </p>
      )}
    </li>
  );
}
