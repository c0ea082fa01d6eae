export const VAR_DATASOURCE = 'ds';
export const VAR_PLAN = 'plan';
export const VAR_CLUSTER = 'cluster';
export const VAR_WORKSPACE = 'workspace';

export const VAR_DATASOURCE_EXPR = `\${${VAR_DATASOURCE}}`;
export const VAR_PLAN_EXPR = `\${${VAR_PLAN}:regex}`;
export const VAR_CLUSTER_EXPR = `\${${VAR_CLUSTER}:regex}`;
export const VAR_WORKSPACE_EXPR = `\${${VAR_WORKSPACE}:regex}`;

/** URL keys that follow the user from page to page: time range and fleet variables. */
export const PRESERVED_URL_KEYS = [
  'from',
  'to',
  'refresh',
  ...[VAR_DATASOURCE, VAR_PLAN, VAR_CLUSTER, VAR_WORKSPACE].map((v) => `var-${v}`),
];
