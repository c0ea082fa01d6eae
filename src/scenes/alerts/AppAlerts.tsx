import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { t, Trans } from '@grafana/i18n';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Alert, Badge, LoadingPlaceholder, TextLink, useStyles2, type BadgeColor } from '@grafana/ui';

import { RULES_URL, appRules, groupByComponentAndSeverity, type RuleRow } from '../../alerts/appRules';
import { fetchRules, severityText } from '../../alerts/fetchRules';
import { refreshWhileActive } from './refreshWhileActive';

interface AppAlertsState extends SceneObjectState {
  firingOnly: boolean;
  rows?: RuleRow[];
  error?: string;
}

/** The app's alert rules with their state, read from Grafana's rules API while visible. */
export class AppAlerts extends SceneObjectBase<AppAlertsState> {
  static Component = AppAlertsRenderer;

  constructor(state: AppAlertsState) {
    super(state);
    refreshWhileActive(this, () => this.load());
  }

  async load() {
    try {
      const response = await fetchRules(RULES_URL);
      this.setState({ rows: appRules(response), error: undefined });
    } catch (err) {
      this.setState({ error: (err as Error).message });
    }
  }
}

const STATE_COLORS: Record<string, BadgeColor> = { firing: 'red', pending: 'orange', inactive: 'green' };

function stateText(state: string): string {
  switch (state) {
    case 'firing':
      return t('alerts.state-firing', 'Firing');
    case 'pending':
      return t('alerts.state-pending', 'Pending');
    case 'inactive':
      return t('alerts.state-normal', 'Normal');
  }
  return state;
}

function healthText(health: string): string {
  switch (health) {
    case 'error':
      return t('alerts.health-error', 'Error');
    case 'nodata':
      return t('alerts.health-nodata', 'No data');
  }
  return health;
}

function RuleLine({ rule }: { rule: RuleRow }) {
  const s = useStyles2(getStyles);
  return (
    <li className={s.rule}>
      <Badge color={STATE_COLORS[rule.state] ?? 'blue'} text={stateText(rule.state)} />
      {/* An internal TextLink goes through Grafana's router, which adds the sub-path (config.appSubUrl). */}
      <TextLink href={rule.url}>{rule.name}</TextLink>
      {rule.instances > 0 && (
        <span className={s.muted}>{t('alerts.instances', '{{count}} instances', { count: rule.instances })}</span>
      )}
      {rule.health !== 'ok' && rule.health !== 'unknown' && <Badge color="purple" text={healthText(rule.health)} />}
    </li>
  );
}

function AppAlertsRenderer({ model }: SceneComponentProps<AppAlerts>) {
  const { rows, error, firingOnly } = model.useState();
  const s = useStyles2(getStyles);
  if (error) {
    return (
      <Alert severity="error" title={t('alerts.load-failed', 'The alert rules could not be read')}>
        {error}
      </Alert>
    );
  }
  if (!rows) {
    return <LoadingPlaceholder text={t('alerts.loading', 'Loading alert rules…')} />;
  }
  const shown = firingOnly ? rows.filter((r) => r.state === 'firing') : rows;
  return (
    <div className={s.container} data-testid="app-alerts">
      <h6>{firingOnly ? t('alerts.firing-title', 'Firing alerts') : t('alerts.rules', 'Alert rules of the app')}</h6>
      {rows.length === 0 && (
        <p className={s.muted}>
          <Trans i18nKey="alerts.none-installed">
            No rule of the app is installed in this Grafana: install them from the app’s configuration page.
          </Trans>
        </p>
      )}
      {rows.length > 0 && shown.length === 0 && (
        <p className={s.muted}>{t('alerts.none-firing', 'No alert of the app is firing.')}</p>
      )}
      {groupByComponentAndSeverity(shown).map((section) => (
        <section key={`${section.component}/${section.severity}`}>
          <div className={s.section}>
            {section.component} · {severityText(section.severity)}
          </div>
          <ul className={s.list}>
            {section.rules.map((r) => (
              <RuleLine key={r.name} rule={r} />
            ))}
          </ul>
        </section>
      ))}
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
  section: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(1, 0, 0.5),
  }),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  rule: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', padding: theme.spacing(0.25, 0) }),
  muted: css({ color: theme.colors.text.secondary }),
});
