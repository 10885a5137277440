// Loaded on demand: an indicator's control chart as the server computed it. The browser only draws: the centre
// line and the limits come per point (they step at a phase change and differ per point on p and u charts),
// so they are drawn as step lines through the points rather than as constant mark lines.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface SpcPoint {
  period: string;
  value: number | null;
  centre: number | null;
  lower: number | null;
  upper: number | null;
  lower2Sigma: number | null;
  upper2Sigma: number | null;
  excluded: boolean;
  exclusionReason: string | null;
  signal: { rule: string; reading: string } | null;
  variation: string;
}

export interface SpcSeries {
  points: SpcPoint[];
  /** Periods where a new phase starts, with the documented reason. */
  phaseBreaks: { period: string; reason: string }[];
  target: number | null;
  unitLabel: string;
  showTwoSigma: boolean;
  ruleLabel: (rule: string) => string;
}

export interface SpcColours {
  value: string;
  centre: string;
  limit: string;
  target: string;
  concern: string;
  improvement: string;
  neutral: string;
  text: string;
}

export interface SpcHandle {
  resize: () => void;
  dispose: () => void;
  /** A PNG of the chart as drawn, for the export button. */
  png: () => string;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number(v.toPrecision(6)).toLocaleString());

/** Point variation codes: "concern" or "special_cause_concern" and so on. */
function reading(variation: string): 'concern' | 'improvement' | 'neutral' | 'common' {
  if (variation.includes('concern')) return 'concern';
  if (variation.includes('improv')) return 'improvement';
  if (variation.includes('neutral')) return 'neutral';
  return 'common';
}

function pointColour(p: SpcPoint, c: SpcColours): string {
  const r = reading(p.variation);
  return r === 'concern' ? c.concern : r === 'improvement' ? c.improvement : r === 'neutral' ? c.neutral : c.value;
}

export function renderSpcChart(el: HTMLElement, s: SpcSeries, c: SpcColours): SpcHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const periods = s.points.map((p) => p.period);
  const values = s.points.map((p) => {
    const colour = pointColour(p, c);
    const special = reading(p.variation) !== 'common';
    return {
      value: p.value,
      symbol: p.excluded ? 'emptyCircle' : 'circle',
      symbolSize: special ? 8 : 6,
      itemStyle: p.excluded ? { color: '#ffffff', borderColor: c.neutral, borderWidth: 1.5 } : { color: colour, borderColor: colour },
    };
  });
  const step = (pick: (p: SpcPoint) => number | null) => s.points.map(pick);
  const limitLine = (name: string, data: (number | null)[], dashed: boolean, colour: string) => ({
    type: 'line' as const,
    name,
    data,
    step: 'middle' as const,
    showSymbol: false,
    connectNulls: false,
    lineStyle: { color: colour, width: dashed ? 1 : 1.5, type: dashed ? ('dashed' as const) : ('solid' as const) },
    itemStyle: { color: colour },
    emphasis: { disabled: true },
    z: 1,
  });
  const marks: object[] = s.phaseBreaks.map((b) => ({
    xAxis: b.period,
    label: { formatter: b.reason || 'Process change', position: 'insideEndTop', color: c.text, fontSize: 11 },
    lineStyle: { color: c.text, type: 'dashed', width: 1 },
  }));
  if (s.target !== null) {
    marks.push({
      yAxis: s.target,
      label: { formatter: `Target ${fmt(s.target)}`, position: 'insideEndBottom', color: c.target, fontSize: 11 },
      lineStyle: { color: c.target, type: 'dotted', width: 1.5 },
    });
  }
  const series: object[] = [
    limitLine('Upper limit', step((p) => p.upper), false, c.limit),
    limitLine('Lower limit', step((p) => p.lower), false, c.limit),
    limitLine('Centre', step((p) => p.centre), false, c.centre),
  ];
  if (s.showTwoSigma) {
    series.push(limitLine('Upper 2σ', step((p) => p.upper2Sigma), true, c.limit));
    series.push(limitLine('Lower 2σ', step((p) => p.lower2Sigma), true, c.limit));
  }
  series.push({
    type: 'line',
    name: 'Value',
    data: values,
    connectNulls: false,
    lineStyle: { color: c.value, width: 1.5 },
    itemStyle: { color: c.value },
    z: 3,
    markLine: marks.length ? { silent: true, symbol: 'none', data: marks } : undefined,
  });
  chart.setOption({
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    legend: { top: 0, textStyle: { color: c.text }, data: ['Value', 'Centre', 'Upper limit', 'Lower limit'] },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const p = s.points[items[0]?.dataIndex ?? -1];
        if (!p) return '';
        const lines = [
          `<strong>${p.period}</strong>`,
          `Value ${fmt(p.value)} ${s.unitLabel}`,
          `Centre ${fmt(p.centre)} · limits ${fmt(p.lower)} – ${fmt(p.upper)}`,
        ];
        if (p.signal) lines.push(`Signal: ${s.ruleLabel(p.signal.rule)} (${p.signal.reading})`);
        if (p.excluded) lines.push(`Excluded: ${p.exclusionReason ?? 'no reason given'}`);
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: periods, boundaryGap: false, axisLabel: { color: c.text, hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: s.unitLabel, nameTextStyle: { color: c.text }, axisLabel: { color: c.text }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series,
  });
  return {
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
    png: () => chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
  };
}
