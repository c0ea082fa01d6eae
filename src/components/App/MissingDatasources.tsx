import React from 'react';
import { t } from '@grafana/i18n';
import { Alert } from '@grafana/ui';

import { PLUGIN_ID } from '../../constants';
import type { DatasourceKind } from '../../generated/settingsDefaults';

/** Says which datasources the pages cannot find and where to choose them. */
export function MissingDatasources({ kinds, uids }: { kinds: DatasourceKind[]; uids: Record<DatasourceKind, string> }) {
  if (kinds.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" title={t('app.missing-datasources', 'Some datasources of the app are missing')}>
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>
            <code>{kind}</code>:{' '}
            {t('app.missing-datasource-uid', 'no datasource with UID {{uid}}', { uid: uids[kind] })}
          </li>
        ))}
      </ul>
      {t(
        'app.missing-datasources-help',
        'The panels that read them show an error. Choose the datasources on the configuration page:'
      )}{' '}
      <a href={`/plugins/${PLUGIN_ID}`}>{t('app.configuration-page', 'Hexabase.AI Monitoring configuration')}</a>
    </Alert>
  );
}
