// The coverage as an ECharts treemap: each part of the region (a city's counties, or a county's
// townships) sized by its villages and split into covered (green) and not covered (grey). Its own
// small ECharts set-up (the shared EChart registers bars and lines only, and treemaps are drawn
// on this page alone).
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { TreemapChart, type TreemapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

echarts.use([TreemapChart, TooltipComponent, CanvasRenderer]);
type Option = echarts.ComposeOption<TreemapSeriesOption | TooltipComponentOption>;

export interface CoveragePart { code: string; name: string; villages: number; covered: number }

export default function CoverageTreemap({ parts, height, label }: { parts: CoveragePart[]; height: number; label: string }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const covered = t('commissioners.staff.covered');
  const uncovered = t('commissioners.staff.uncovered');

  const option = useMemo((): Option => ({
    tooltip: { formatter: (p: any) => `${(p.treePathInfo ?? []).slice(1).map((n: { name: string }) => n.name).join(' · ')}：${p.value}` },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%', top: 0, left: 0,
      // level 0 is the treemap's own root; 1 the counties or townships (named above their blocks); 2 covered / not
      levels: [
        { itemStyle: { borderWidth: 0, gapWidth: 4 }, upperLabel: { show: false } },
        { itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 1 }, upperLabel: { show: true, height: 22, color: '#262626', formatter: '{b}' } },
        { itemStyle: { borderColor: '#fff', borderWidth: 1 }, label: { show: true, formatter: '{c}', fontSize: 11 } },
      ],
      data: parts.filter((p) => p.villages > 0).map((p) => ({
        name: `${p.name} ${Math.round((p.covered / p.villages) * 100)}%`, value: p.villages,
        itemStyle: { color: '#f0f0f0' },
        children: [
          { name: covered, value: p.covered, itemStyle: { color: '#73d13d' } },
          { name: uncovered, value: p.villages - p.covered, itemStyle: { color: '#d9d9d9' } },
        ].filter((c) => c.value > 0),
      })),
    }],
  }), [parts, covered, uncovered]);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => { observer.disconnect(); instance.dispose(); chart.current = null; };
  }, []);
  useEffect(() => { chart.current?.setOption(option, { notMerge: true }); }, [option]);

  return (
    <>
      <div ref={box} role="img" aria-label={label} data-testid="echart" data-chart-text={[...parts.map((p) => p.name), covered, uncovered].join('\n')}
        style={{ width: '100%', height }} />
      {/* a treemap has no legend of its own */}
      <div style={{ marginTop: 8 }}>
        <Tag color="#73d13d">{covered}</Tag>
        <Tag color="#d9d9d9" style={{ color: '#595959' }}>{uncovered}</Tag>
      </div>
    </>
  );
}
