import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Alert } from '@grafana/ui';

import type { WorkspaceListing } from '../api/workspaces';

/** Why a listing of workspaces may be incomplete or stale, and why it failed. */
export function WorkspaceListingAlerts({ listing, error }: { listing?: WorkspaceListing; error?: string }) {
  return (
    <>
      {listing?.note && (
        <Alert
          severity="warning"
          title={
            listing.discoveredAt
              ? t(
                  'config.workspaces.stale',
                  'Workspaces reported by metrics are from the last discovery that succeeded'
                )
              : t('config.workspaces.partial', 'Only workspaces added by hand are listed')
          }
        >
          {listing.note}
        </Alert>
      )}
      {error && (
        <Alert severity="error" title={t('config.workspaces.failed', 'The workspaces could not be listed')}>
          {error}
        </Alert>
      )}
    </>
  );
}

/** The plain table both workspace listings use. */
export const listTableStyle = (theme: GrafanaTheme2) =>
  css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.75, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
  });
