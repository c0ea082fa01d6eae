import { PanelBuilders, SceneDataTransformer, SceneQueryRunner, type VizPanel } from '@grafana/scenes';
import { BigValueGraphMode, LegendDisplayMode } from '@grafana/schema';

import { VAR_DATASOURCE_EXPR } from './variableNames';

export interface PromTarget {
  refId: string;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  format?: 'time_series' | 'table';
}

/** Queries the page's Prometheus variable; maxDataPoints bounds the points per series. */
export function promQueryRunner(targets: PromTarget[], maxDataPoints = 500): SceneQueryRunner {
  return new SceneQueryRunner({
    datasource: { type: 'prometheus', uid: VAR_DATASOURCE_EXPR },
    queries: targets.map((q) => ({ range: !q.instant, ...q })),
    maxDataPoints,
  });
}

interface PanelOptions {
  title: string;
  description?: string;
  targets: PromTarget[];
  unit?: string;
}

export function statPanel(o: PanelOptions): VizPanel {
  return PanelBuilders.stat()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(promQueryRunner(o.targets, 100))
    .setUnit(o.unit ?? 'short')
    .setOption('graphMode', BigValueGraphMode.None)
    .setNoValue('0')
    .build();
}

export function timeseriesPanel(o: PanelOptions): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(promQueryRunner(o.targets))
    .setUnit(o.unit ?? 'short')
    .setOption('legend', {
      displayMode: LegendDisplayMode.Table,
      placement: 'right',
      showLegend: true,
      calcs: ['mean', 'max'],
    })
    .build();
}

export function stateTimelinePanel(
  o: PanelOptions & { mappings: Parameters<ReturnType<typeof PanelBuilders.statetimeline>['setMappings']>[0] }
): VizPanel {
  return PanelBuilders.statetimeline()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(promQueryRunner(o.targets))
    .setMappings(o.mappings)
    .build();
}

interface TableOptions extends PanelOptions {
  /** Columns to show, in order, with their header text. */
  columns: Array<{ field: string; header: string; link?: (valueExpr: string) => string }>;
}

/** An instant table whose rows are label sets; label columns may link to a drill-down. */
export function labelTablePanel(o: TableOptions): VizPanel {
  const data = new SceneDataTransformer({
    $data: promQueryRunner(o.targets.map((q) => ({ ...q, instant: true, format: 'table' as const }))),
    transformations: [
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: Object.fromEntries(o.columns.map((c, i) => [c.field, i])),
          renameByName: Object.fromEntries(o.columns.map((c) => [c.field, c.header])),
        },
      },
    ],
  });
  const builder = PanelBuilders.table()
    .setTitle(o.title)
    .setDescription(o.description ?? '')
    .setData(data);
  for (const c of o.columns) {
    if (c.link) {
      builder.setOverrides((b) =>
        b.matchFieldsWithName(c.header).overrideLinks([{ title: c.header, url: c.link!('${__value.raw}') }])
      );
    }
  }
  return builder.build();
}
