import { t } from '@grafana/i18n';
import { DataSourceVariable, QueryVariable } from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { FleetLevelVariable } from './fleetLevelVariable';
import { WorkspaceVariable } from './workspaceVariable';
import { clusterValuesQuery, planValuesQuery } from '../queries/fleet';
import { FLEET_ALL_VALUES, VAR_CLUSTER, VAR_DATASOURCE, VAR_DATASOURCE_EXPR, VAR_PLAN } from './variableNames';

export function buildDatasourceVariable(defaultUid: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_DATASOURCE,
    label: t('variables.datasource', 'Prometheus'),
    pluginId: 'prometheus',
    value: defaultUid,
  });
}

/**
 * A multi-value label variable with "All". With an allValue, "All" is that value passed raw to every
 * query; without one, it is the list of every option, formatted per query (PromQL `(a|b)`, SQL `'a','b'`).
 */
function labelVariable(name: string, label: string, query: string): QueryVariable {
  return new QueryVariable({
    name,
    label,
    datasource: { type: 'prometheus', uid: VAR_DATASOURCE_EXPR },
    query: { query, refId: name },
    includeAll: true,
    defaultToAll: true,
    isMulti: true,
    allValue: FLEET_ALL_VALUES[name],
    refresh: VariableRefresh.onTimeRangeChanged,
    sort: 1,
  });
}

/** Datasource, then plan and cluster, the second scoped by the first. */
export function buildPlanClusterVariables(prometheusUid: string) {
  return [
    buildDatasourceVariable(prometheusUid),
    labelVariable(VAR_PLAN, t('variables.plan', 'Plan'), planValuesQuery()),
    labelVariable(VAR_CLUSTER, t('variables.cluster', 'Cluster'), clusterValuesQuery()),
  ];
}

/** Datasource, then plan, cluster and workspace, each scoped by the one before it, and the hidden level. */
export function buildFleetVariables(prometheusUid: string) {
  return [...buildPlanClusterVariables(prometheusUid), new WorkspaceVariable(), new FleetLevelVariable()];
}
