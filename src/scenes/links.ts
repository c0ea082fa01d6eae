import { ROUTES, prefixRoute } from '../constants';

/** Data-link URL from a workspace id cell to its drill-down, keeping the time range. */
export function workspaceLinkTemplate(): string {
  return `${prefixRoute(ROUTES.Workspaces)}/\${__value.raw}?\${__url_time_range}`;
}
