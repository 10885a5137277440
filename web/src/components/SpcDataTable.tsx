import { formatCount, formatValue, pointReading, ruleLabel, type IndicatorChart } from '../lib/indicators';

const READING_WORDS = { common: 'Common cause', improvement: 'Special cause, improving', concern: 'Special cause, concerning', neutral: 'Special cause, neither' };

/** Every plotted point with its limits and its reading: what the chart shows, as a table. */
export function SpcDataTable({ chart, testId }: { chart: IndicatorChart; testId: string }) {
  if (chart.points.length === 0) return null;
  const hasDenominator = chart.points.some((p) => p.denominator !== null);
  return (
    <details class="spc-data">
      <summary>Data</summary>
      <div class="table-wrap">
        <table class="data-table spc-table" data-testid={testId}>
          <caption class="visually-hidden">Values, centre line and process limits of each period</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" class="num">
                Numerator
              </th>
              {hasDenominator && (
                <th scope="col" class="num">
                  Denominator
                </th>
              )}
              <th scope="col" class="num">
                Value
              </th>
              <th scope="col" class="num">
                Centre
              </th>
              <th scope="col" class="num">
                Lower limit
              </th>
              <th scope="col" class="num">
                Upper limit
              </th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            {chart.points.map((p) => (
              <tr
                key={p.period}
                data-testid="spc-point"
                data-period={p.period}
                data-value={p.value ?? ''}
                data-centre={p.centre ?? ''}
                data-lower={p.lower ?? ''}
                data-upper={p.upper ?? ''}
                data-variation={p.variation}
                data-reading={pointReading(p.variation)}
                data-signal={p.signal ? p.signal.rule : ''}
                data-excluded={p.excluded ? 'true' : 'false'}
              >
                <th scope="row">{p.period}</th>
                <td class="num">{formatCount(p.numerator)}</td>
                {hasDenominator && <td class="num">{formatCount(p.denominator)}</td>}
                <td class="num">{formatValue(p.value)}</td>
                <td class="num">{formatValue(p.centre)}</td>
                <td class="num">{formatValue(p.lower)}</td>
                <td class="num">{formatValue(p.upper)}</td>
                <td>
                  {p.excluded ? `Excluded: ${p.exclusionReason ?? 'no reason given'}` : READING_WORDS[pointReading(p.variation)]}
                  {p.signal && !p.excluded ? ` · ${ruleLabel(p.signal.rule)}` : ''}
                  {p.inBaseline ? ' · baseline' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
