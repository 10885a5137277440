// Loaded on demand: open CAPAs per department as bars stacked by age band, oldest band darkest.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface AgeingSeries {
  departments: string[];
  bands: string[];
  /** counts[band][department] */
  counts: number[][];
}

export function renderAgeingChart(el: HTMLElement, s: AgeingSeries, colours: string[]) {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 140, right: 16, top: 36, bottom: 24 },
    legend: { top: 0, data: s.bands.map((b) => `${b} days`) },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // Departments down the side: their names are long and there may be many.
    yAxis: { type: 'category', data: s.departments, inverse: true, axisLabel: { color: '#5b6472', width: 130, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#5b6472' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: s.bands.map((b, i) => ({
      type: 'bar',
      name: `${b} days`,
      stack: 'age',
      data: s.counts[i],
      itemStyle: { color: colours[i % colours.length] },
      barMaxWidth: 22,
    })),
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
