export const VAR_DATASOURCE = 'ds';
export const VAR_PLAN = 'plan';
export const VAR_CLUSTER = 'cluster';
export const VAR_WORKSPACE = 'workspace';
/** Hidden: the recording level that answers the selection (see FleetLevelVariable). */
export const VAR_LEVEL = 'level';

export const VAR_DATASOURCE_EXPR = `\${${VAR_DATASOURCE}}`;
// No format inside PromQL strings: the Prometheus datasource escapes each value for PromQL (`a\\.b`, `(a|b)`);
// `:regex` would override it and emit `\.`, an escape PromQL rejects.
// grafana/grafana packages/grafana-prometheus/src/datasource.ts: templateSrv.replace(expr, vars, this.interpolateQueryExpr)
export const VAR_PLAN_EXPR = `\${${VAR_PLAN}}`;
export const VAR_CLUSTER_EXPR = `\${${VAR_CLUSTER}}`;
export const VAR_WORKSPACE_EXPR = `\${${VAR_WORKSPACE}}`;
export const VAR_LEVEL_EXPR = `\${${VAR_LEVEL}}`;

/** The name prefixes of the two recording levels (rules/hexabase.rules.yml). */
export const LEVELS = { planCluster: 'plan_cluster', workspace: 'workspace' } as const;

// Plans and clusters are few: "All" lists them, so that ClickHouse's `IN (${plan:singlequote})` works.
// Workspaces reach 10,000: their "All" stays the regex `.*` rather than a 10,000-value alternation.
/** The custom "All" value of each fleet variable that has one; scenes passes it raw to every query. */
export const FLEET_ALL_VALUES: Partial<Record<string, string>> = { [VAR_WORKSPACE]: '.*' };

/** URL keys that follow the user from page to page: time range and fleet variables. */
export const PRESERVED_URL_KEYS = [
  'from',
  'to',
  'refresh',
  ...[VAR_DATASOURCE, VAR_PLAN, VAR_CLUSTER, VAR_WORKSPACE].map((v) => `var-${v}`),
];
