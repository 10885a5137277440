import { query } from '../lib/api';

interface Props {
  code: string;
  scope: string;
  stratum: string;
  /** The latest period on the chart: the MeasureReport's period. */
  period: string | null;
}

/** The series behind the chart as CSV, and the FHIR R4 MeasureReport of the latest period (the PNG is on the chart). */
export function IndicatorExports({ code, scope, stratum, period }: Props) {
  const base = `/api/v1/indicators/${encodeURIComponent(code)}`;
  return (
    <div class="export-links" data-testid="indicator-exports">
      <a class="btn btn-secondary" href={`${base}/series.csv${query({ scope, stratum })}`} download data-testid="export-series-csv">
        Series CSV
      </a>
      {period && (
        <a class="btn btn-secondary" href={`${base}/measure-report${query({ scope, period })}`} target="_blank" rel="noopener" data-testid="export-measure-report">
          FHIR MeasureReport ({period})
        </a>
      )}
    </div>
  );
}
