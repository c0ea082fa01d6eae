import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { t, Trans } from '@grafana/i18n';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Stack, useStyles2 } from '@grafana/ui';

import { DATASOURCE_KINDS, DATASOURCE_TYPES, type DatasourceKind } from '../../generated/settingsDefaults';
import type { AppJsonData } from '../../settings/appSettings';
import { testIds } from '../../testIds';
import { AlertingSection } from './AlertingSection';
import { IncidentsSection } from './IncidentsSection';
import { forgetHealthAfterReload, healthAfterReload, keepHealthForReload } from './healthAfterReload';
import { NotificationsSection } from './NotificationsSection';
import { PlansSection } from './PlansSection';
import { RecordingRulesSection } from './RecordingRulesSection';
import { reloadPage } from './reloadPage';
import { ruleText } from './ruleText';
import { saveSettings, validateSettings, type HealthResult } from './saveSettings';
import {
  formFromSettings,
  secretsAfterSave,
  settingsJsonWithoutWorkspaces,
  settingsPayload,
  validateForm,
  validatePayload,
  type FormError,
  type SecretKey,
} from './settingsForm';
import { WorkspacesSection } from './WorkspacesSection';

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

function ErrorList({ errors, more = 0 }: { errors: FormError[]; more?: number }) {
  return (
    <ul>
      {errors.map((e, i) => (
        <li key={`${i}:${e.field}`}>
          <code>{e.field}</code> {ruleText(e.rule)}
        </li>
      ))}
      {more > 0 && <li>{t('config.errors-more', '… and {{count}} more', { count: more })}</li>}
    </ul>
  );
}

function DatasourceHealthList({
  datasources,
}: {
  datasources: NonNullable<NonNullable<HealthResult['details']>['datasources']>;
}) {
  return (
    <ul>
      {DATASOURCE_KINDS.filter((kind) => datasources[kind]).map((kind) => (
        <li key={kind}>
          {datasourceLabel(kind)}: <code>{datasources[kind].uid}</code> {datasources[kind].status}{' '}
          {datasources[kind].message}
        </li>
      ))}
    </ul>
  );
}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { enabled, jsonData, secureJsonFields } = plugin.meta;
  const [form, setForm] = useState(() => formFromSettings(jsonData, secureJsonFields));
  const [resets, setResets] = useState<SecretKey[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [moreErrors, setMoreErrors] = useState(0);
  const [saving, setSaving] = useState(false);
  // The health check of the save that reloaded the page, shown once.
  const [result, setResult] = useState<HealthResult | undefined>(() => healthAfterReload());
  useEffect(() => forgetHealthAfterReload(), []);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [savedWorkspaces, setSavedWorkspaces] = useState(() => form.workspaces);
  const [savedVersion, setSavedVersion] = useState(0);
  const [savedJson, setSavedJson] = useState(() => settingsJsonWithoutWorkspaces(form));
  // Workspaces compared by reference: serialising 10,000 of them on every keystroke is too slow.
  const dirty = useMemo(
    () => form.workspaces !== savedWorkspaces || settingsJsonWithoutWorkspaces(form) !== savedJson,
    [form, savedJson, savedWorkspaces]
  );

  const onReset = (key: SecretKey) => {
    setResets((prev) => [...prev, key]);
    setForm((prev) => ({ ...prev, secrets: { ...prev.secrets, [key]: { configured: false, value: '' } } }));
  };

  const onSave = async () => {
    setResult(undefined);
    setSaveError(undefined);
    const payload = settingsPayload(form, resets);
    const fieldErrors = validateForm(form);
    const invalid = fieldErrors.length > 0 ? fieldErrors : validatePayload(payload);
    setErrors(invalid);
    setMoreErrors(0);
    if (invalid.length > 0) {
      return; // nothing is sent: the saved settings stay as they were
    }
    setSaving(true);
    try {
      const refused = await validateSettings(payload);
      if (refused.errors.length > 0) {
        setErrors(refused.errors);
        setMoreErrors(refused.more);
        return;
      }
      const health = await saveSettings(payload);
      setResult(health);
      setResets([]);
      setForm((prev) => ({ ...prev, secrets: secretsAfterSave(prev.secrets) }));
      setSavedWorkspaces(form.workspaces);
      setSavedJson(settingsJsonWithoutWorkspaces(form));
      setSavedVersion((v) => v + 1);
      // Grafana keeps the settings it loaded until a full page load: the pages would use the old ones.
      keepHealthForReload(health);
      reloadPage();
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
              current={form.datasources[kind]}
              noDefault
              onChange={(ds) => setForm((prev) => ({ ...prev, datasources: { ...prev.datasources, [kind]: ds.uid } }))}
            />
          </Field>
        ))}
      </FieldSet>
      <PlansSection
        plans={form.plans}
        errors={errors}
        onChange={(name, plan) => setForm((prev) => ({ ...prev, plans: { ...prev.plans, [name]: plan } }))}
      />
      <WorkspacesSection
        saved={savedWorkspaces}
        workspaces={form.workspaces}
        savedVersion={savedVersion}
        dirty={dirty}
        onChange={(workspaces) => setForm((prev) => ({ ...prev, workspaces }))}
      />
      <NotificationsSection form={form} errors={errors} onChange={setForm} onReset={onReset} />
      <IncidentsSection form={form} errors={errors} onChange={setForm} />
      <Stack direction="column" gap={2}>
        {errors.length > 0 && (
          <Alert
            data-testid={testIds.appConfig.errors}
            severity="error"
            title={t('config.invalid-input', 'Nothing was saved: fix these settings')}
          >
            <ErrorList errors={errors} more={moreErrors} />
          </Alert>
        )}
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
                : t('config.health-failed', 'Settings saved, but the health check fails')
            }
          >
            {result.details?.errors?.length ? (
              <ErrorList errors={result.details.errors} more={result.details.more} />
            ) : (
              result.message
            )}
            {result.details?.datasources && <DatasourceHealthList datasources={result.details.datasources} />}
          </Alert>
        )}
        <div>
          <Button data-testid={testIds.appConfig.submit} onClick={onSave} disabled={saving}>
            {enabled ? t('config.save', 'Save settings') : t('config.enable', 'Enable and save')}
          </Button>
        </div>
      </Stack>
      <AlertingSection />
      <RecordingRulesSection />
    </div>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  help: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
});
