import { t } from '@grafana/i18n';

import type { InstallChange } from './saveSettings';

/** What the installer did (pkg/alerting/install Action), in the user's language; an unknown action as sent. */
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
  }
  return action;
}

/** The kind of resource the installer touched (pkg/alerting/install), in the user's language. */
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
  }
  return kind;
}
