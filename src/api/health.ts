import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { PLUGIN_ID } from '../constants';
import {
  errorMessage,
  listingParams,
  type WorkspaceEntry,
  type WorkspaceFilters,
  type WorkspaceListing,
} from './workspaces';

/** The order of GET /workspaces/health: worst first, least error budget left, oldest data, or by id. */
export const HEALTH_SORTS = ['health', 'budget', 'age', 'id'] as const;
export type HealthSort = (typeof HEALTH_SORTS)[number];

/** The signal a workspace is ranked by; empty when it has none. */
export type HealthSignal = 'vclustersDown' | 'errorRatio' | 'latencyP95' | 'quotaUsage' | 'budgetBurn' | 'dataAge' | '';

/** A workspace's signals as the backend read them; a missing one had no data. */
export interface HealthSignals {
  vclustersDown?: number;
  vclustersTotal?: number;
  errorRatio?: number;
  latencyP95Seconds?: number;
  quotaUsage?: number;
  quotaResource?: string;
  burnRate1h?: number;
  budgetRemaining?: number;
  dataAgeSeconds?: number;
  remoteWriteFailedRatio?: number;
  remoteWriteLagSeconds?: number;
}

export interface HealthEntry extends WorkspaceEntry {
  /** The worst signal's score: 1 is its alert's threshold. */
  score: number;
  worst: HealthSignal;
  /** How it reports (pkg/fleethealth classify). */
  coverage: 'reporting' | 'lagging' | 'silent' | 'never';
  signals: HealthSignals;
}

/** Workspaces known to the app by what their agents send. */
export interface Coverage {
  known: number;
  reporting: number;
  lagging: number;
  silent: number;
  never: number;
}

export interface HealthListing extends Omit<WorkspaceListing, 'page'> {
  page: { items: HealthEntry[]; total: number; page: number; perPage: number };
  /** When the signals were read (RFC 3339). */
  evaluatedAt?: string;
  coverage: Coverage;
}

export interface HealthQuery {
  search: string;
  page: number;
  perPage: number;
  sort: HealthSort;
  filters?: WorkspaceFilters;
}

/** The parameters of GET /workspaces/health: those of GET /workspaces and the order. */
export function healthParams(q: HealthQuery) {
  return { ...listingParams(q.search, q.page, q.perPage, q.filters ?? {}), sort: q.sort };
}

export const HEALTH_URL = `/api/plugins/${PLUGIN_ID}/resources/workspaces/health`;

/** One page of the workspaces ranked by health, searched and filtered by the backend. */
export async function fetchWorkspaceHealth(q: HealthQuery): Promise<HealthListing> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<HealthListing>({ url: HEALTH_URL, params: healthParams(q), showErrorAlert: false })
    );
    return response.data;
  } catch (err) {
    throw new Error(errorMessage(err));
  }
}
