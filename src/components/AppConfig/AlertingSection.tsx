import React, { useState } from 'react';
import { t } from '@grafana/i18n';
import { Alert, Button, Checkbox, FieldSet, Stack } from '@grafana/ui';

import { InstallChanges } from './InstallChanges';
import { installAlerting, type InstallAnswer } from './saveSettings';

/** Installs or updates the app's rules, templates and contact points in this Grafana. */
export function AlertingSection() {
  const [running, setRunning] = useState(false);
  const [rotate, setRotate] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [answer, setAnswer] = useState<InstallAnswer | undefined>();
  const run = async () => {
    setRunning(true);
    try {
      setAnswer(await installAlerting({ rotateSecrets: rotate, overwrite }));
    } finally {
      setRunning(false);
    }
  };
  return (
    <FieldSet label={t('config.alerting', 'Alerting')}>
      <Stack direction="column" gap={1}>
        <Checkbox
          value={rotate}
          onChange={(e) => setRotate(e.currentTarget.checked)}
          label={t('config.rotate-secrets', 'Rewrite the integrations that carry a secret (after changing one)')}
        />
        <Checkbox
          value={overwrite}
          onChange={(e) => setOverwrite(e.currentTarget.checked)}
          label={t(
            'config.overwrite-rules',
            'Replace the rules changed in Grafana (thresholds, pending periods) with the app’s version'
          )}
          description={t(
            'config.overwrite-rules-help',
            'Without it, rules edited in Grafana’s rule editor are kept and listed; rules you added to the app’s groups are always kept.'
          )}
        />
        <div>
          <Button variant="secondary" icon="bell" onClick={run} disabled={running}>
            {t('config.install-alerting', 'Install or update the alert rules and contact points')}
          </Button>
        </div>
        {answer?.error && (
          <Alert severity="error" title={t('config.install-failed', 'The alerting was not fully installed')}>
            {answer.error}
          </Alert>
        )}
        <InstallChanges changes={answer?.result?.changes ?? []} testId="alerting-install-changes" />
        {answer?.result?.notes?.map((n) => (
          <div key={n}>{n}</div>
        ))}
      </Stack>
    </FieldSet>
  );
}
