import { ROUTES, prefixRoute } from '../constants';
import { VAR_DATASOURCE } from './variableNames';

/**
 * Data-link URL from a workspace id cell to its drill-down, keeping the time range and the
 * Prometheus the operator chose (the drill-down has its own `ds` variable, defaulting to the settings').
 */
export function workspaceLinkTemplate(): string {
  return `${prefixRoute(ROUTES.Workspaces)}/\${__value.raw:percentencode}?\${__url_time_range}&\${${VAR_DATASOURCE}:queryparam}`;
}
