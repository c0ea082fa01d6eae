import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, dateTimeFormatTimeAgo, type GrafanaTheme2 } from '@grafana/data';
import { t } from '@grafana/i18n';
import {
  SceneObjectBase,
  sceneGraph,
  type SceneComponentProps,
  type SceneDataProvider,
  type SceneObjectState,
} from '@grafana/scenes';
import { Alert, Badge, LoadingPlaceholder, TextLink, Tooltip, useStyles2 } from '@grafana/ui';

import type { RulesResponse } from '../../alerts/appRules';
import { fetchRules, severityText } from '../../alerts/fetchRules';
import { refreshWhileActive } from './refreshWhileActive';
import { INCIDENTS_URL, incidents, workspacesPerCluster, type Incident } from '../../alerts/incidents';

interface IncidentsState extends SceneObjectState {
  /** Runs workspacesPerClusterQuery: the denominator of the platform-wide share. */
  $data: SceneDataProvider;
  platformWideShare: number;
  response?: RulesResponse;
  error?: string;
}

/** The app's firing alerts, one incident per rule, read from Grafana's rules API while visible. */
export class Incidents extends SceneObjectBase<IncidentsState> {
  static Component = IncidentsRenderer;

  constructor(state: IncidentsState) {
    super(state);
    refreshWhileActive(this, () => this.load());
  }

  async load() {
    try {
      const response = await fetchRules(INCIDENTS_URL);
      this.setState({ response, error: undefined });
    } catch (err) {
      this.setState({ error: (err as Error).message });
    }
  }
}

function severityColor(severity: string) {
  return severity === 'critical' ? 'red' : severity === 'warning' ? 'orange' : 'blue';
}

function FiredAt({ iso }: { iso?: string }) {
  if (!iso) {
    return <>–</>;
  }
  return (
    <Tooltip content={dateTimeFormat(iso)}>
      <span>{dateTimeFormatTimeAgo(iso)}</span>
    </Tooltip>
  );
}

function IncidentRow({ incident }: { incident: Incident }) {
  const wide = incident.platformWideClusters;
  return (
    <tr>
      <td>
        <Badge color={severityColor(incident.severity)} text={severityText(incident.severity)} />
      </td>
      <td>
        {/* An internal TextLink goes through Grafana's router, which adds the sub-path (config.appSubUrl). */}
        <TextLink href={incident.url}>{incident.rule}</TextLink>
        {wide.length > 0 && (
          <>
            {' '}
            <Badge
              color="purple"
              icon="globe"
              text={t('incidents.platform-wide', 'Platform-wide')}
              tooltip={t('incidents.platform-wide-clusters', 'Clusters: {{clusters}}', { clusters: wide.join(', ') })}
            />
          </>
        )}
      </td>
      <td>{incident.workspaces}</td>
      <td>{incident.clusters}</td>
      <td>{incident.instances}</td>
      <td>
        <FiredAt iso={incident.firstFiredAt} />
      </td>
      <td>
        <FiredAt iso={incident.lastFiredAt} />
      </td>
    </tr>
  );
}

function IncidentsRenderer({ model }: SceneComponentProps<Incidents>) {
  const { response, error, platformWideShare } = model.useState();
  const { data } = sceneGraph.getData(model).useState();
  const s = useStyles2(getStyles);
  const list = useMemo(
    () => (response ? incidents(response, workspacesPerCluster(data?.series), platformWideShare) : undefined),
    [response, data?.series, platformWideShare]
  );
  if (error) {
    return (
      <Alert severity="error" title={t('incidents.load-failed', 'The firing alerts could not be read')}>
        {error}
      </Alert>
    );
  }
  if (!list) {
    return <LoadingPlaceholder text={t('incidents.loading', 'Loading incidents…')} />;
  }
  return (
    <div className={s.container} data-testid="incidents">
      <h6>{t('incidents.title', 'Incidents: {{count}}', { count: list.length })}</h6>
      <p className={s.muted}>
        {t(
          'incidents.description',
          'Each alert rule firing in any number of workspaces is one incident; platform-wide when it covers at least {{share}}% of a cluster’s workspaces.',
          { share: Math.round(platformWideShare * 1000) / 10 }
        )}
      </p>
      {list.length === 0 ? (
        <p className={s.muted}>{t('incidents.none', 'No alert of the app is firing.')}</p>
      ) : (
        <table className={s.table}>
          <thead>
            <tr>
              <th>{t('incidents.column-severity', 'Severity')}</th>
              <th>{t('incidents.column-rule', 'Rule')}</th>
              <th>{t('incidents.column-workspaces', 'Workspaces')}</th>
              <th>{t('incidents.column-clusters', 'Clusters')}</th>
              <th>{t('incidents.column-instances', 'Instances')}</th>
              <th>{t('incidents.column-first', 'First fired')}</th>
              <th>{t('incidents.column-last', 'Last fired')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((i) => (
              <IncidentRow key={i.uid ?? i.rule} incident={i} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    padding: theme.spacing(1),
    overflowY: 'auto',
    height: '100%',
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      textAlign: 'left',
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
  }),
});
