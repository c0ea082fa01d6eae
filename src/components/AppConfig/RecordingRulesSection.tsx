import React, { useState } from 'react';
import { t } from '@grafana/i18n';
import { Alert, Button, FieldSet, Stack, Text } from '@grafana/ui';

import { InstallChanges } from './InstallChanges';
import { installRecordingRules, type RecordingRulesAnswer } from './saveSettings';

/**
 * Installs the app's recording rules into the ruler of the store behind the Prometheus datasource
 * (Cortex, Mimir), through Grafana; with a plain Prometheus it shows why they stay a manual step.
 */
export function RecordingRulesSection() {
  const [running, setRunning] = useState(false);
  const [answer, setAnswer] = useState<RecordingRulesAnswer | undefined>();
  const run = async () => {
    setRunning(true);
    try {
      setAnswer(await installRecordingRules());
    } finally {
      setRunning(false);
    }
  };
  const result = answer?.result;
  return (
    <FieldSet label={t('config.recording-rules.title', 'Recording rules')}>
      <Stack direction="column" gap={1}>
        <Text color="secondary">
          {t(
            'config.recording-rules.help',
            'The fleet pages read series that the app’s recording rules compute. On Cortex or Mimir they run in the store’s ruler, in the tenant the Prometheus datasource reads; a plain Prometheus loads the rule file instead, as the README says.'
          )}
        </Text>
        <div>
          <Button variant="secondary" icon="cloud-upload" onClick={run} disabled={running}>
            {t('config.recording-rules.install', 'Install or update the recording rules in the store’s ruler')}
          </Button>
        </div>
        {answer?.error && (
          <Alert
            severity="error"
            title={t('config.recording-rules.failed', 'The recording rules were not fully installed')}
          >
            {answer.error}
          </Alert>
        )}
        {result?.noRuler && (
          <Alert
            severity="info"
            title={t('config.recording-rules.no-ruler', 'No ruler: the recording rules stay a manual step')}
          >
            {result.noRuler}
          </Alert>
        )}
        {result?.ruler && (
          <Text color="secondary">
            {t('config.recording-rules.where', 'Namespace {{namespace}} of the {{ruler}} ruler behind {{datasource}}', {
              namespace: result.namespace,
              ruler: result.ruler,
              datasource: result.datasource,
            })}
          </Text>
        )}
        <InstallChanges changes={result?.changes ?? []} testId="recording-rules-changes" />
      </Stack>
    </FieldSet>
  );
}
