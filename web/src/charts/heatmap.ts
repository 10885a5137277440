// Loaded on demand: the 5×5 risk heat map. Cells are coloured by their band (not by count: a single extreme
// risk matters more than ten low ones) and labelled with the number of risks in them; clicking a cell picks it.
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

export interface HeatMapCellData {
  likelihood: number;
  consequence: number;
  score: number;
  /** 0 low … 3 extreme. */
  bandIndex: number;
  bandLabel: string;
  count: number;
}

export interface HeatMapSeries {
  likelihoodLabels: string[];
  consequenceLabels: string[];
  cells: HeatMapCellData[];
  /** The chosen cell, drawn with a heavy border. */
  selected: { likelihood: number; consequence: number } | null;
}

export interface HeatMapColours {
  bands: [string, string, string, string];
  text: string;
  selected: string;
}

export interface HeatMapHandle {
  resize: () => void;
  dispose: () => void;
}

export function renderHeatMap(
  el: HTMLElement,
  s: HeatMapSeries,
  c: HeatMapColours,
  onCell: (likelihood: number, consequence: number) => void,
): HeatMapHandle {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  const isSelected = (cell: HeatMapCellData) =>
    !!s.selected && s.selected.likelihood === cell.likelihood && s.selected.consequence === cell.consequence;
  chart.setOption({
    animation: false,
    grid: { left: 110, right: 12, top: 8, bottom: 56 },
    tooltip: {
      formatter: (p: { data: { cell: HeatMapCellData } }) => {
        const cell = p.data.cell;
        return `${s.likelihoodLabels[cell.likelihood - 1]} × ${s.consequenceLabels[cell.consequence - 1]}<br/>Score ${cell.score} · ${cell.bandLabel}<br/>${cell.count} risk${cell.count === 1 ? '' : 's'}`;
      },
    },
    xAxis: {
      type: 'category',
      data: s.consequenceLabels,
      name: 'Consequence',
      nameLocation: 'middle',
      nameGap: 32,
      splitArea: { show: false },
      axisLabel: { color: c.text, interval: 0 },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'category',
      data: s.likelihoodLabels,
      name: 'Likelihood',
      nameLocation: 'middle',
      nameGap: 96,
      axisLabel: { color: c.text, interval: 0 },
      axisTick: { show: false },
    },
    visualMap: {
      type: 'piecewise',
      show: false,
      dimension: 3,
      pieces: c.bands.map((color, value) => ({ value, color })),
    },
    series: [
      {
        type: 'heatmap',
        data: s.cells.map((cell) => ({
          value: [cell.consequence - 1, cell.likelihood - 1, cell.count, cell.bandIndex],
          cell,
          itemStyle: isSelected(cell) ? { borderColor: c.selected, borderWidth: 4 } : { borderColor: '#ffffff', borderWidth: 2 },
        })),
        label: {
          show: true,
          fontSize: 15,
          fontWeight: 'bold',
          color: '#1b2330',
          formatter: (p: { data: { cell: HeatMapCellData } }) => (p.data.cell.count > 0 ? String(p.data.cell.count) : ''),
        },
        emphasis: { itemStyle: { borderColor: c.selected, borderWidth: 3 } },
      },
    ],
  });
  chart.on('click', (p) => {
    const cell = (p.data as { cell?: HeatMapCellData } | undefined)?.cell;
    if (cell) onCell(cell.likelihood, cell.consequence);
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
