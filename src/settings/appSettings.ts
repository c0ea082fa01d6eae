import type { SlackChannelKey } from '../generated/notifications';
import { DEFAULT_INCIDENTS, type PlanName } from '../generated/plans';
import { DATASOURCE_KINDS, DEFAULT_DATASOURCE_UIDS, type DatasourceKind } from '../generated/settingsDefaults';
import type { PlanSettings, WorkspaceSettings } from './plans';

/** The app's jsonData as the backend parses it (pkg/settings). */
export interface AppJsonData {
  datasources?: Partial<Record<`${DatasourceKind}Uid`, string>>;
  notifications?: {
    opsEmail?: string;
    criticalEmail?: string;
    slackChannels?: Partial<Record<SlackChannelKey, string>>;
  };
  plans?: Partial<Record<PlanName, Partial<PlanSettings>>>;
  workspaces?: WorkspaceSettings[];
  incidents?: { platformWideShare?: number };
}

export type DatasourceUids = Record<DatasourceKind, string>;

/** Datasource UIDs the pages use: the configured ones, or the provisioned defaults. */
export function resolveDatasourceUids(jsonData: AppJsonData | undefined): DatasourceUids {
  const configured = jsonData?.datasources ?? {};
  const uids = { ...DEFAULT_DATASOURCE_UIDS };
  for (const kind of DATASOURCE_KINDS) {
    const uid = configured[`${kind}Uid`]?.trim();
    if (uid) {
      uids[kind] = uid;
    }
  }
  return uids;
}

/** jsonData to save: only UIDs that differ from the defaults, so defaults can evolve. */
export function datasourcesJsonData(uids: DatasourceUids): NonNullable<AppJsonData['datasources']> {
  const out: NonNullable<AppJsonData['datasources']> = {};
  for (const kind of DATASOURCE_KINDS) {
    if (uids[kind] && uids[kind] !== DEFAULT_DATASOURCE_UIDS[kind]) {
      out[`${kind}Uid`] = uids[kind];
    }
  }
  return out;
}

/** The share of a cluster's workspaces at which an incident is platform-wide: the saved one, or the default. */
export function resolvePlatformWideShare(jsonData: AppJsonData | undefined): number {
  const v = jsonData?.incidents?.platformWideShare;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : DEFAULT_INCIDENTS.platformWideShare;
}
