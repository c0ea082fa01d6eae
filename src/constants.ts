import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

export enum ROUTES {
  Overview = 'overview',
  Workspaces = 'workspaces',
  Business = 'business',
  Alerts = 'alerts',
}

export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

export function workspaceUrl(workspaceId: string): string {
  return `${prefixRoute(ROUTES.Workspaces)}/${encodeURIComponent(workspaceId)}`;
}
