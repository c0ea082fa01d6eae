import { SceneDataTransformer, SceneQueryRunner, type SceneDataProvider } from '@grafana/scenes';
import type { DataQuery } from '@grafana/schema';

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

/** Instant table of label sets: the Time column dropped, columns renamed and ordered. */
export function promTableRunner(
  targets: PromTarget[],
  columns: Array<{ field: string; header: string }>
): SceneDataProvider {
  return new SceneDataTransformer({
    $data: promQueryRunner(targets.map((q) => ({ ...q, instant: true, format: 'table' as const }))),
    transformations: [
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true, __name__: true },
          indexByName: Object.fromEntries(columns.map((c, i) => [c.field, i])),
          renameByName: Object.fromEntries(columns.map((c) => [c.field, c.header])),
        },
      },
    ],
  });
}

/** A runner on a fixed datasource (Loki, Jaeger or ClickHouse) chosen in the app's settings. */
export function queryRunner(type: string, uid: string, queries: DataQuery[], maxDataPoints = 500): SceneQueryRunner {
  return new SceneQueryRunner({ datasource: { type, uid }, queries, maxDataPoints });
}

/** A ClickHouse SQL query; format 1 is a table, 0 a time series (grafana-clickhouse-datasource v4). */
export function clickhouseQuery(refId: string, rawSql: string, timeSeries = false): DataQuery {
  return {
    refId,
    rawSql,
    editorType: 'sql',
    format: timeSeries ? 0 : 1,
    queryType: timeSeries ? 'timeseries' : 'table',
  } as DataQuery;
}
