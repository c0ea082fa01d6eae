import React from 'react';
import { t } from '@grafana/i18n';
import { Alert, TextLink } from '@grafana/ui';

import { CONFIG_PAGE_URL } from '../../constants';
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
      {/* An internal TextLink goes through Grafana's router, which adds the sub-path (config.appSubUrl). */}
      <TextLink href={CONFIG_PAGE_URL}>{t('app.configuration-page', 'Hexabase.AI Monitoring configuration')}</TextLink>
    </Alert>
  );
}
