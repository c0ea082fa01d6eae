import { t } from '@grafana/i18n';

/** Where the app knows a workspace from, as the listing's `source` says (pkg/workspaces Entry). */
export function workspaceSourceLabel(source: string): string {
  switch (source) {
    case 'metrics':
      return t('config.workspaces.source-metrics', 'metrics');
    case 'manual':
      return t('config.workspaces.source-manual', 'added by hand');
    default:
      return t('config.workspaces.source-both', 'metrics, set by hand');
  }
}
