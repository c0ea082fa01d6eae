import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { PLUGIN_ID } from '../constants';
import type { WorkspaceSettings } from '../settings/plans';
import { ruleText } from '../components/AppConfig/ruleText';

const RESOURCES = `/api/plugins/${PLUGIN_ID}/resources`;

/** One workspace of the listing and where the app knows it from (pkg/workspaces Entry). */
export interface WorkspaceEntry extends WorkspaceSettings {
  source: 'metrics' | 'manual' | 'manual,metrics' | string;
}

export interface WorkspacePage {
  items: WorkspaceEntry[];
  total: number;
  page: number;
  perPage: number;
}

export interface WorkspaceListing {
  page: WorkspacePage;
  /** Why workspaces reported by metrics are missing or not current, when they are. */
  note?: string;
  /** When the workspaces reported by metrics were last read; null before the first answer. */
  discoveredAt?: string | null;
  /** A newer discovery runs; the list is the last one that succeeded. */
  refreshing?: boolean;
}

export function errorMessage(err: unknown): string {
  const e = err as { data?: unknown; statusText?: string; status?: number };
  let data = e.data;
  if (typeof e.data === 'string') {
    try {
      data = JSON.parse(e.data);
    } catch {
      return e.data;
    }
  }
  const d = data as { error?: string; errors?: Array<{ field: string; rule: string }> } | undefined;
  if (d?.errors?.length) {
    return d.errors.map((f) => `${f.field}: ${ruleText(f.rule)}`).join('; ');
  }
  return (
    d?.error ??
    e.statusText ??
    t('config.workspaces.request-failed', 'The request failed ({{status}})', { status: e.status })
  );
}

/** Only workspaces of these plans and clusters; a filter left out keeps every value. */
export interface WorkspaceFilters {
  plans?: string[];
  clusters?: string[];
}

/**
 * The listing's query parameters. grafana/grafana packages/grafana-data/src/utils/url.ts toUrlParams
 * sends an array as its key repeated (plan=a&plan=b) and an undefined value as an empty one, so a
 * filter left out must not be a key at all.
 */
export function listingParams(search: string, page: number, perPage: number, filters: WorkspaceFilters) {
  return {
    search,
    page,
    perPage,
    ...(filters.plans ? { plan: filters.plans } : {}),
    ...(filters.clusters ? { cluster: filters.clusters } : {}),
  };
}

/** One page of the workspaces, searched by id, cluster or plan, from the saved settings. */
export async function fetchWorkspaces(
  search: string,
  page: number,
  perPage: number,
  filters: WorkspaceFilters = {}
): Promise<WorkspaceListing> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<WorkspaceListing>({
        url: `${RESOURCES}/workspaces`,
        params: listingParams(search, page, perPage, filters),
        showErrorAlert: false,
      })
    );
    return response.data;
  } catch (err) {
    throw new Error(errorMessage(err));
  }
}

/** The ConfigMap YAML of a workspace's Prometheus, rendered by the backend from the saved settings. */
export async function fetchAgentConfig(id: string): Promise<string> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<string>({
        url: `${RESOURCES}/workspaces/${encodeURIComponent(id)}/agent-config`,
        responseType: 'text',
        showErrorAlert: false,
      })
    );
    return response.data;
  } catch (err) {
    throw new Error(errorMessage(err));
  }
}
