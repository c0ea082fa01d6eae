import { formattedValueToString, getValueFormat } from '@grafana/data';
import { t } from '@grafana/i18n';

import { COVERAGE } from '../../generated/plans';
import type { HealthEntry, HealthSignal, HealthSignals } from '../../api/health';

/** What the list shows in a cell: its text and whether it is past an alert threshold. */
export interface Cell {
  text: string;
  bad?: boolean;
  /** A note under the value (the remote write's trouble). */
  note?: string;
}

const NONE = '–';

// The agent's remote write is failing as soon as it drops samples; lagging when its queue trails
// as far as the backend calls lagging (a scrape interval plus a 5 s batch is normal).
export const REMOTE_WRITE_LAG_SECONDS = COVERAGE.laggingAfterSeconds;

const format = (unit: string, value: number, decimals?: number) =>
  formattedValueToString(getValueFormat(unit)(value, decimals));

/** The name of the signal a workspace is ranked by. */
export function signalName(signal: HealthSignal): string {
  switch (signal) {
    case 'vclustersDown':
      return t('workspaces.signal-vclusters-down', 'vClusters down');
    case 'errorRatio':
      return t('workspaces.signal-error-ratio', '5xx share');
    case 'latencyP95':
      return t('workspaces.signal-latency', 'p95 latency');
    case 'quotaUsage':
      return t('workspaces.signal-quota', 'Quota usage');
    case 'budgetBurn':
      return t('workspaces.signal-budget-burn', 'Error budget burn');
    case 'dataAge':
      return t('workspaces.signal-data-age', 'Data age');
    default:
      return t('workspaces.signal-none', 'No data');
  }
}

/** The worst signal with its score against its alert's threshold (1 = at the threshold). */
export function worstCell(entry: HealthEntry): Cell {
  if (!entry.worst) {
    return { text: signalName('') };
  }
  return {
    text: t('workspaces.worst', '{{signal}} ({{score}}×)', {
      signal: signalName(entry.worst),
      score: format('none', entry.score, 2),
    }),
    bad: entry.score >= 1,
  };
}

const marks = (entry: HealthEntry, signal: HealthSignal) => entry.worst === signal && entry.score >= 1;

export function vclustersCell(entry: HealthEntry): Cell {
  const { vclustersDown: down, vclustersTotal: total } = entry.signals;
  if (down === undefined && total === undefined) {
    return { text: NONE };
  }
  return {
    text: t('workspaces.vclusters-down', '{{down}} / {{total}}', { down: down ?? NONE, total: total ?? NONE }),
    bad: (down ?? 0) > 0,
  };
}

export function errorRatioCell(entry: HealthEntry): Cell {
  const v = entry.signals.errorRatio;
  return v === undefined ? { text: NONE } : { text: format('percentunit', v, 2), bad: marks(entry, 'errorRatio') };
}

export function latencyCell(entry: HealthEntry): Cell {
  const v = entry.signals.latencyP95Seconds;
  return v === undefined ? { text: NONE } : { text: format('s', v), bad: marks(entry, 'latencyP95') };
}

export function quotaCell(entry: HealthEntry): Cell {
  const { quotaUsage: v, quotaResource: resource } = entry.signals;
  if (v === undefined) {
    return { text: NONE };
  }
  return {
    text: t('workspaces.quota-usage', '{{usage}} {{resource}}', {
      usage: format('percentunit', v, 0),
      resource: resource ?? '',
    }).trim(),
    bad: marks(entry, 'quotaUsage'),
  };
}

export function budgetCell(entry: HealthEntry): Cell {
  const v = entry.signals.budgetRemaining;
  return v === undefined ? { text: NONE } : { text: format('percentunit', v, 1), bad: v <= 0 };
}

export function burnRateCell(entry: HealthEntry): Cell {
  const v = entry.signals.burnRate1h;
  return v === undefined
    ? { text: NONE }
    : { text: t('workspaces.burn-rate', '{{rate}}×', { rate: format('none', v, 1) }), bad: marks(entry, 'budgetBurn') };
}

/** Why the agent's remote write is in trouble, if it is. */
export function remoteWriteNote(signals: HealthSignals): string | undefined {
  if ((signals.remoteWriteFailedRatio ?? 0) > 0) {
    return t('workspaces.remote-write-failing', 'remote write failing ({{share}})', {
      share: format('percentunit', signals.remoteWriteFailedRatio!, 1),
    });
  }
  if ((signals.remoteWriteLagSeconds ?? 0) > REMOTE_WRITE_LAG_SECONDS) {
    return t('workspaces.remote-write-lagging', 'remote write {{lag}} behind', {
      lag: format('dtdurations', signals.remoteWriteLagSeconds!),
    });
  }
  return undefined;
}

export function dataAgeCell(entry: HealthEntry): Cell {
  const v = entry.signals.dataAgeSeconds;
  const note = remoteWriteNote(entry.signals);
  if (v === undefined) {
    return { text: t('workspaces.never-reported', 'never reported'), bad: true, note };
  }
  return { text: format('dtdurations', v), bad: marks(entry, 'dataAge'), note };
}
