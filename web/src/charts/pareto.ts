// Loaded on demand: a Pareto chart (bars by count, cumulative percentage line on a 0–100% axis, 80% line).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface ParetoChartHandle {
  resize: () => void;
  dispose: () => void;
}

export interface ParetoSeries {
  labels: string[];
  counts: number[];
  cumulative: number[];
  vitalFew: boolean[];
}

export interface ParetoColours {
  vital: string;
  other: string;
  line: string;
  cut: string;
}

/** What the bars count ("Events", "RPN") and what the line is called. */
export interface ParetoNames {
  bars: string;
  line: string;
}

export function renderParetoChart(el: HTMLElement, s: ParetoSeries, c: ParetoColours, names: ParetoNames = { bars: 'Events', line: 'Cumulative %' }): ParetoChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 44, right: 48, top: 36, bottom: 72 },
    legend: { data: [names.bars, names.line], top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? `${v.toFixed(1)}` : String(v)),
    },
    xAxis: {
      type: 'category',
      data: s.labels,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: '#5b6472', interval: 0, rotate: s.labels.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
      axisLine: { lineStyle: { color: '#c9cfd8' } },
    },
    yAxis: [
      { type: 'value', name: names.bars, minInterval: 1, axisLabel: { color: '#5b6472' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      { type: 'value', name: 'Cumulative', min: 0, max: 100, interval: 20, axisLabel: { color: '#5b6472', formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: names.bars,
        barMaxWidth: 48,
        itemStyle: { color: c.vital },
        data: s.counts.map((value, i) => ({ value, itemStyle: { color: s.vitalFew[i] ? c.vital : c.other, borderRadius: [2, 2, 0, 0] } })),
      },
      {
        type: 'line',
        name: names.line,
        yAxisIndex: 1,
        data: s.cumulative,
        symbol: 'circle',
        symbolSize: 6,
        itemStyle: { color: c.line },
        lineStyle: { color: c.line, width: 2 },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: c.cut, type: 'dashed' },
          label: { formatter: '80%', position: 'insideEndTop', color: c.cut },
          data: [{ yAxis: 80 }],
        },
      },
    ],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
