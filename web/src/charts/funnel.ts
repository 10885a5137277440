// Loaded on demand: a funnel plot comparing units at one point in time. Each unit sits at its size
// (denominator) and value; the 95% and 99.8% limits around the overall value narrow as the size grows, so a
// small unit's extreme value is not mistaken for a real difference (Spiegelhalter 2005).
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, ScatterChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface FunnelGroup {
  label: string;
  denominator: number;
  value: number;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  outside998: boolean;
  outside95: boolean;
}

export interface FunnelColours {
  point: string;
  outside: string;
  limit95: string;
  limit998: string;
  overall: string;
  text: string;
}

export interface FunnelHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderFunnel(el: HTMLElement, groups: FunnelGroup[], overall: number | null, unitLabel: string, c: FunnelColours): FunnelHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const bySize = [...groups].sort((a, b) => a.denominator - b.denominator);
  const limit = (name: string, pick: (g: FunnelGroup) => number | null, colour: string, dashed: boolean) => ({
    type: 'line',
    name,
    data: bySize.filter((g) => pick(g) !== null).map((g) => [g.denominator, pick(g)]),
    showSymbol: false,
    smooth: true,
    silent: true,
    lineStyle: { color: colour, width: 1, type: dashed ? 'dashed' : 'solid' },
  });
  chart.setOption({
    animation: false,
    grid: { left: 56, right: 24, top: 16, bottom: 44 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: [number, number, string] }) =>
        p.seriesName === 'Units' ? `<strong>${p.data[2]}</strong><br/>${p.data[1].toLocaleString()} ${unitLabel}<br/>size ${p.data[0].toLocaleString()}` : '',
    },
    xAxis: { type: 'value', name: 'Size (denominator)', nameLocation: 'middle', nameGap: 28, scale: true, axisLabel: { color: c.text }, nameTextStyle: { color: c.text }, splitLine: { show: false } },
    yAxis: { type: 'value', name: unitLabel, scale: true, axisLabel: { color: c.text }, nameTextStyle: { color: c.text }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      limit('Upper 99.8%', (g) => g.upper998, c.limit998, false),
      limit('Lower 99.8%', (g) => g.lower998, c.limit998, false),
      limit('Upper 95%', (g) => g.upper95, c.limit95, true),
      limit('Lower 95%', (g) => g.lower95, c.limit95, true),
      {
        type: 'scatter',
        name: 'Units',
        symbolSize: 9,
        data: groups.map((g) => ({ value: [g.denominator, g.value, g.label], itemStyle: { color: g.outside998 || g.outside95 ? c.outside : c.point } })),
        markLine:
          overall === null
            ? undefined
            : { silent: true, symbol: 'none', data: [{ yAxis: overall, label: { formatter: 'Overall', position: 'insideEndTop', color: c.overall }, lineStyle: { color: c.overall, type: 'solid' } }] },
      },
    ],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
