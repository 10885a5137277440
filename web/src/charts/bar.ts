// Loaded on demand: only the ECharts pieces the activity chart uses, to keep the main bundle small.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface BarChartHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderBarChart(el: HTMLElement, labels: string[], values: number[], color: string): BarChartHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 36, right: 12, top: 12, bottom: 28 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: labels,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: '#5b6472', hideOverlap: true },
      axisLine: { lineStyle: { color: '#c9cfd8' } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: '#5b6472' },
      splitLine: { lineStyle: { color: '#eef0f3' } },
    },
    series: [{ type: 'bar', name: 'Events', data: values, itemStyle: { color, borderRadius: [2, 2, 0, 0] }, barMaxWidth: 18 }],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
