import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t, Trans } from '@grafana/i18n';
import { Alert, Button, ClipboardButton, Drawer, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';

import { fetchAgentConfig } from '../../api/workspaces';

interface Props {
  workspaceId: string;
  /** Whether the form holds changes that the saved settings, and so the preview, do not have yet. */
  unsaved: boolean;
  onClose: () => void;
}

export function agentConfigFileName(workspaceId: string): string {
  return `prometheus-agent-${workspaceId}.yaml`;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Keyed by workspace: the ConfigMap of one workspace's Prometheus, as the backend renders it, to read, copy or download. */
export function AgentConfigDrawer({ workspaceId, unsaved, onClose }: Props) {
  const s = useStyles2(getStyles);
  const [yaml, setYaml] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    fetchAgentConfig(workspaceId).then(
      (text) => live && setYaml(text),
      (err: Error) => live && setError(err.message)
    );
    return () => {
      live = false;
    };
  }, [workspaceId]);
  return (
    <Drawer
      title={t('config.agent.title', 'Prometheus configuration of {{id}}', { id: workspaceId })}
      subtitle={t('config.agent.subtitle', 'Apply it with kubectl in the workspace’s vCluster.')}
      onClose={onClose}
      size="lg"
    >
      <Stack direction="column" gap={2}>
        {unsaved && (
          <Alert severity="warning" title={t('config.agent.unsaved', 'Rendered from the saved settings')}>
            <Trans i18nKey="config.agent.unsaved-body">Save the settings to see your changes here.</Trans>
          </Alert>
        )}
        {error && (
          <Alert severity="error" title={t('config.agent.failed', 'The configuration could not be rendered')}>
            {error}
          </Alert>
        )}
        {!yaml && !error && <LoadingPlaceholder text={t('config.agent.loading', 'Rendering…')} />}
        {yaml && (
          <>
            <Stack direction="row" gap={1}>
              <Button icon="download-alt" onClick={() => download(agentConfigFileName(workspaceId), yaml)}>
                {t('config.agent.download', 'Download {{file}}', { file: agentConfigFileName(workspaceId) })}
              </Button>
              <ClipboardButton icon="copy" variant="secondary" getText={() => yaml}>
                {t('config.agent.copy', 'Copy')}
              </ClipboardButton>
            </Stack>
            <pre className={s.yaml} data-testid="agent-config-yaml">
              {yaml}
            </pre>
          </>
        )}
      </Stack>
    </Drawer>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  yaml: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre',
  }),
});
