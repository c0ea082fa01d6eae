import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { t, Trans } from '@grafana/i18n';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Stack, useStyles2 } from '@grafana/ui';

import { DATASOURCE_KINDS, DATASOURCE_TYPES, type DatasourceKind } from '../../generated/settingsDefaults';
import {
  datasourcesJsonData,
  resolveDatasourceUids,
  type AppJsonData,
  type DatasourceUids,
} from '../../settings/appSettings';
import { testIds } from '../../testIds';
import { saveSettings, type HealthResult } from './saveSettings';

export type AppConfigProps = PluginConfigPageProps<AppPluginMeta<AppJsonData>>;

function datasourceLabel(kind: DatasourceKind): string {
  switch (kind) {
    case 'prometheus':
      return t('config.datasource-prometheus', 'Prometheus (metrics)');
    case 'loki':
      return t('config.datasource-loki', 'Loki (logs)');
    case 'jaeger':
      return t('config.datasource-jaeger', 'Jaeger (traces)');
    case 'clickhouse':
      return t('config.datasource-clickhouse', 'ClickHouse (analytics)');
  }
}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { enabled, jsonData } = plugin.meta;
  const [uids, setUids] = useState<DatasourceUids>(() => resolveDatasourceUids(jsonData));
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<HealthResult | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();

  const onSave = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      setResult(await saveSettings(true, { ...jsonData, datasources: datasourcesJsonData(uids) }));
    } catch (err) {
      setSaveError(
        err instanceof Error ? err.message : String((err as { data?: { message?: string } })?.data?.message ?? err)
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid={testIds.appConfig.container}>
      <FieldSet label={t('config.datasources', 'Datasources')}>
        <p className={s.help}>
          <Trans i18nKey="config.datasources-help">The pages of the app query these datasources.</Trans>
        </p>
        {DATASOURCE_KINDS.map((kind) => (
          <Field key={kind} label={datasourceLabel(kind)} data-testid={testIds.appConfig.datasourcePicker(kind)}>
            <DataSourcePicker
              pluginId={DATASOURCE_TYPES[kind]}
              current={uids[kind]}
              noDefault
              onChange={(ds) => setUids((prev) => ({ ...prev, [kind]: ds.uid }))}
            />
          </Field>
        ))}
      </FieldSet>
      <Stack direction="column" gap={2}>
        {saveError && (
          <Alert severity="error" title={t('config.save-failed', 'Settings were not saved')}>
            {saveError}
          </Alert>
        )}
        {result && (
          <Alert
            data-testid={testIds.appConfig.errors}
            severity={result.status === 'OK' ? 'success' : 'error'}
            title={
              result.status === 'OK'
                ? t('config.saved', 'Settings saved')
                : t('config.invalid', 'Settings saved but invalid')
            }
          >
            {result.details?.errors?.length ? (
              <ul>
                {result.details.errors.map((e) => (
                  <li key={e.field}>
                    <code>{e.field}</code> {e.rule}
                  </li>
                ))}
              </ul>
            ) : (
              result.message
            )}
          </Alert>
        )}
        <div>
          <Button data-testid={testIds.appConfig.submit} onClick={onSave} disabled={saving}>
            {enabled ? t('config.save', 'Save settings') : t('config.enable', 'Enable and save')}
          </Button>
        </div>
      </Stack>
    </div>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  help: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
});
