// The platform design's dashboard ("Hexabase.AI Platform Overview", in the design document's
// dashboard section, ダッシュボード設定): its four panels' queries, as written there. The panels set
// no maxDataPoints, so Grafana uses the panel's width in pixels: DESIGN_MAX_DATA_POINTS stands for it.
export const DESIGN_QUERIES: Array<{ panel: string; expr: string }> = [
  { panel: 'vCluster Health Status', expr: 'sum(hexabase_vcluster_status) by (workspace_id)' },
  { panel: 'Request Rate', expr: 'sum(rate(hexabase_http_requests_total[5m])) by (workspace_id)' },
  {
    panel: 'Error Rate',
    expr:
      'sum(rate(hexabase_http_requests_total{status_code=~"5.."}[5m])) by (workspace_id)' +
      ' / sum(rate(hexabase_http_requests_total[5m])) by (workspace_id) * 100',
  },
  { panel: 'Resource Usage by Workspace', expr: 'hexabase_resource_usage_ratio' },
];

// The app's own default (scenes/dataRunners.ts): both sides are measured at the same resolution.
export const DESIGN_MAX_DATA_POINTS = 500;
