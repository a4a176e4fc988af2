// A tiny React wrapper around ECharts, registering only the parts the app uses (tree-shaken).
import { useEffect, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface EChartProps {
  option: ChartOption;
  height?: number;
  style?: CSSProperties;
  /** accessible name of the chart (also used by the e2e specs) */
  label?: string;
}

/** Renders `option` on a canvas; follows the container's width and replaces the option when it changes. */
export default function EChart({ option, height = 320, style, label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid="echart"
      // the words drawn on the canvas, one a line, for tests that check the language of a page
      data-chart-text={chartText(option)}
      style={{ width: '100%', height, ...style }}
    />
  );
}

/** Axis categories, series and legend names of an option (what the canvas shows as words). */
function chartText(option: ChartOption): string {
  const words = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') words.add(value);
    else if (value && typeof value === 'object' && 'name' in value) add((value as { name: unknown }).name);
    else if (value && typeof value === 'object' && 'value' in value) add((value as { value: unknown }).value);
  };
  const list = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []);
  for (const axis of [...list(option.xAxis), ...list(option.yAxis)]) {
    list((axis as { data?: unknown }).data).forEach(add);
    add((axis as { name?: unknown }).name);
  }
  for (const series of list(option.series)) add((series as { name?: unknown }).name);
  for (const legend of list(option.legend)) list((legend as { data?: unknown }).data).forEach(add);
  return [...words].join('\n');
}
