import { t } from '@grafana/i18n';

import type { InstallChange } from './saveSettings';

/** What an installer did (pkg/alerting/install Action, pkg/alerting/ruler Deleted), in the user's language; an unknown action as sent. */
export function installActionText(action: InstallChange['action']): string {
  switch (action) {
    case 'created':
      return t('config.install.action-created', 'created');
    case 'updated':
      return t('config.install.action-updated', 'updated');
    case 'unchanged':
      return t('config.install.action-unchanged', 'unchanged');
    case 'skipped':
      return t('config.install.action-skipped', 'skipped');
    case 'failed':
      return t('config.install.action-failed', 'failed');
    case 'kept':
      return t('config.install.action-kept', 'kept as changed in Grafana');
    case 'provisioned':
      return t('config.install.action-provisioned', 'provisioned from files');
    case 'deleted':
      return t('config.install.action-deleted', 'removed');
  }
  return action;
}

/** The kind of resource an installer touched (pkg/alerting/install, pkg/alerting/ruler Kind), in the user's language. */
export function installKindText(kind: string): string {
  switch (kind) {
    case 'folder':
      return t('config.install.kind-folder', 'Folder');
    case 'template':
      return t('config.install.kind-template', 'Template');
    case 'contact point':
      return t('config.install.kind-contact-point', 'Contact point');
    case 'rule group':
      return t('config.install.kind-rule-group', 'Rule group');
    case 'recording rule group':
      return t('config.install.kind-recording-rule-group', 'Recording rule group');
  }
  return kind;
}
