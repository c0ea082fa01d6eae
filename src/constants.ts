// Imported by module.tsx, so it loads on every page of the app: keep it free of eager imports.
import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Id of the configuration page (addConfigPage in module.tsx). */
export const CONFIG_PAGE_ID = 'configuration';

// grafana/grafana public/app/features/plugins/admin/hooks/usePluginDetailsTabs.ts: a config page's tab is `${pathname}?page=${page.id}`
export const CONFIG_PAGE_URL = `/plugins/${PLUGIN_ID}?page=${CONFIG_PAGE_ID}`;

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
