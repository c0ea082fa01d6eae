import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import { Button, Stack, useStyles2 } from '@grafana/ui';

import type { Coverage } from '../../api/health';

/**
 * How many known workspaces send data: the lagging, silent and never-reported ones are the
 * coverage gaps, and a click on one orders the list by data age to bring them up.
 */
export function CoverageSummary({ coverage, onSortByAge }: { coverage: Coverage; onSortByAge: () => void }) {
  const s = useStyles2(getStyles);
  const gaps: Array<{ key: keyof Coverage; label: string }> = [
    { key: 'lagging', label: t('workspaces.coverage-lagging', 'Lagging: {{count}}', { count: coverage.lagging }) },
    { key: 'silent', label: t('workspaces.coverage-silent', 'Silent: {{count}}', { count: coverage.silent }) },
    { key: 'never', label: t('workspaces.coverage-never', 'Never reported: {{count}}', { count: coverage.never }) },
  ];
  return (
    <Stack direction="row" gap={1} alignItems="center" wrap="wrap" data-testid="workspace-coverage">
      <span className={s.label}>{t('workspaces.coverage', 'Coverage')}</span>
      <span>{t('workspaces.coverage-known', 'Known: {{count}}', { count: coverage.known })}</span>
      <span>{t('workspaces.coverage-reporting', 'Reporting: {{count}}', { count: coverage.reporting })}</span>
      {gaps.map((g) => (
        <Button
          key={g.key}
          size="sm"
          fill="outline"
          variant={coverage[g.key] > 0 ? 'destructive' : 'secondary'}
          tooltip={t('workspaces.coverage-sort-tooltip', 'Order the list by data age, oldest first')}
          onClick={onSortByAge}
        >
          {g.label}
        </Button>
      ))}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  label: css({ fontWeight: theme.typography.fontWeightMedium }),
});
