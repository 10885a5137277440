// Loaded on demand: a risk's residual score over time, one point per review, over shaded band areas so the
// reader sees at a glance which band each review left the risk in.
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

export interface RiskTrendPoint {
  /** YYYY-MM-DD */
  date: string;
  score: number;
  label: string;
}

export interface RiskTrendSeries {
  points: RiskTrendPoint[];
  /** Lowest score of moderate, high and extreme. */
  bands: { moderateFrom: number; highFrom: number; extremeFrom: number };
}

export interface RiskTrendColours {
  bands: [string, string, string, string];
  line: string;
  text: string;
}

export interface RiskTrendHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderRiskTrend(el: HTMLElement, s: RiskTrendSeries, c: RiskTrendColours): RiskTrendHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const { moderateFrom, highFrom, extremeFrom } = s.bands;
  // Scores are whole numbers: half-way edges put a point on a band's lowest score inside that band.
  const edges = [0, moderateFrom - 0.5, highFrom - 0.5, extremeFrom - 0.5, 25];
  const names = ['Low', 'Moderate', 'High', 'Extreme'];
  chart.setOption({
    animation: false,
    grid: { left: 40, right: 72, top: 12, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { data: [string, number, string] }[]) => ps.map((p) => `${p.data[0]}<br/>Residual ${p.data[1]} · ${p.data[2]}`).join('<br/>'),
    },
    xAxis: { type: 'time', axisLabel: { color: c.text, hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', min: 0, max: 25, interval: 5, name: 'Score', axisLabel: { color: c.text }, splitLine: { show: false } },
    series: [
      {
        type: 'line',
        name: 'Residual score',
        data: s.points.map((p) => [p.date, p.score, p.label]),
        symbol: 'circle',
        symbolSize: 8,
        itemStyle: { color: c.line },
        lineStyle: { color: c.line, width: 2 },
        markArea: {
          silent: true,
          data: names.map((name, i) => [
            { yAxis: edges[i], name, itemStyle: { color: c.bands[i], opacity: 0.35 }, label: { position: 'right', color: c.text } },
            { yAxis: edges[i + 1] },
          ]),
        },
      },
    ],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
