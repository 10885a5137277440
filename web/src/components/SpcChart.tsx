import { useMemo, useRef } from 'preact/hooks';
import { assuranceKind, formatValue, ruleLabel, type IndicatorChart } from '../lib/indicators';
import { cssVar, useLazyChart } from '../lib/useLazyChart';
import { MDC_COLOURS } from './MdcIcons';
import { SpcDataTable } from './SpcDataTable';

interface Props {
  chart: IndicatorChart;
  showTwoSigma?: boolean;
  /** File name of the PNG export; no export button without it. */
  pngName?: string;
  testId?: string;
}

interface PngSource {
  png: () => string;
}

/** The start of each phase after the first, with the documented reason for recalculating the limits. */
function phaseBreaks(chart: IndicatorChart): { period: string; reason: string }[] {
  return chart.phases.slice(1).map((p) => ({ period: p.begin, reason: p.reason ?? 'Process change' }));
}

/** Words for the chart, for the figure's label and the summary line beside it. */
export function chartSummary(chart: IndicatorChart): string {
  const pts = chart.points;
  if (pts.length === 0) return 'No points to chart.';
  const last = pts[pts.length - 1];
  const unit = chart.indicator.unitLabel;
  const signals = chart.signals.length;
  return (
    `${pts.length} points from ${pts[0].period} to ${last.period}. Latest ${formatValue(last.value, unit)}; centre ${formatValue(last.centre)}, ` +
    `limits ${formatValue(last.lower)} to ${formatValue(last.upper)}. ${signals === 0 ? 'No special-cause signals' : `${signals} special-cause signal${signals === 1 ? '' : 's'}`}. ` +
    `${chart.variationLabel}${assuranceKind(chart.assurance) !== 'none' ? `; ${chart.assuranceLabel}` : ''}.`
  );
}

/**
 * An indicator's control chart as the server computed it (ECharts draws; nothing is computed here), with the
 * same numbers in a table beneath for screen readers and for checking.
 */
export function SpcChart({ chart, showTwoSigma = false, pngName, testId = 'spc-chart' }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const handle = useRef<PngSource | null>(null);
  const data = useMemo(() => (chart.points.length > 0 ? { chart, showTwoSigma } : null), [chart, showTwoSigma]);
  const failed = useLazyChart(el, data, (target, d) =>
    import('../charts/spc').then(({ renderSpcChart }) => {
      const h = renderSpcChart(
        target,
        {
          points: d.chart.points,
          phaseBreaks: phaseBreaks(d.chart),
          target: d.chart.indicator.target,
          unitLabel: d.chart.indicator.unitLabel,
          showTwoSigma: d.showTwoSigma,
          ruleLabel,
        },
        {
          value: cssVar('--text', '#1b2330'),
          centre: cssVar('--muted', '#576170'),
          limit: '#b42318',
          target: '#1d6f42',
          concern: MDC_COLOURS.concern,
          improvement: MDC_COLOURS.improvement,
          neutral: MDC_COLOURS.common,
          text: cssVar('--muted', '#576170'),
        },
      );
      handle.current = h;
      return h;
    }),
  );
  const downloadPng = () => {
    if (!handle.current || !pngName) return;
    const a = document.createElement('a');
    a.href = handle.current.png();
    a.download = pngName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  const summary = chartSummary(chart);
  return (
    <figure class="spc-figure" data-testid={testId} data-points={chart.points.length} data-signals={chart.signals.length}>
      {chart.points.length === 0 ? (
        <p class="muted">There is no data for this indicator in this scope yet.</p>
      ) : failed ? (
        <p class="muted">The chart could not be drawn; the data table below has the same numbers.</p>
      ) : (
        <div ref={el} class="chart spc-chart" role="img" aria-label={`Control chart of ${chart.indicator.name}. ${summary}`} data-testid={`${testId}-canvas`} />
      )}
      <figcaption>
        <p class="small" data-testid={`${testId}-summary`}>
          {summary}
        </p>
        {chart.phases.length > 1 && (
          <ul class="spc-phases small" data-testid={`${testId}-phases`}>
            {phaseBreaks(chart).map((b) => (
              <li key={b.period} data-testid="spc-phase-break" data-period={b.period}>
                Limits recalculated from {b.period}: {b.reason}
              </li>
            ))}
          </ul>
        )}
        {chart.warnings.length > 0 && (
          <ul class="spc-warnings small" data-testid={`${testId}-warnings`}>
            {chart.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
        {pngName && chart.points.length > 0 && !failed && (
          <button type="button" class="btn btn-secondary btn-small" onClick={downloadPng} data-testid="export-png">
            Download PNG
          </button>
        )}
      </figcaption>
      <SpcDataTable chart={chart} testId={`${testId}-data`} />
    </figure>
  );
}
