// Loaded on demand: the small trend line of a dashboard tile; no axes, the last point marked.
import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, CanvasRenderer]);

export interface SparklineHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderSparkline(el: HTMLElement, values: (number | null)[], colour: string, lastColour: string): SparklineHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const last = values.length - 1;
  chart.setOption({
    animation: false,
    grid: { left: 2, right: 4, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: values.map((v, i) => (i === last ? { value: v, symbol: 'circle', symbolSize: 5, itemStyle: { color: lastColour } } : v)),
        symbol: 'none',
        showAllSymbol: true,
        silent: true,
        lineStyle: { color: colour, width: 1.5 },
      },
    ],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
