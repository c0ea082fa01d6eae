import { FieldType, type DataFrame } from '@grafana/data';

import { ALERT_FOLDER_TITLE, ALERT_FOLDER_UID, RULES_API } from './constants';
import { ruleUrl, type ApiRule, type RulesResponse } from './appRules';

// grafana/grafana pkg/services/ngalert/api/prometheus/api_prometheus.go (Grafana 12): state=firing keeps the Alerting instances of each rule, and no limit_alerts lists them all.
/** The rules API, asked for the app's folder and its firing instances, each with its labels and activeAt. */
export const INCIDENTS_URL = `${RULES_API}?folder_uid=${encodeURIComponent(ALERT_FOLDER_UID)}&state=firing`;

/** An alert instance as the rules API lists it under its rule. */
export interface AlertInstance {
  labels?: Record<string, string>;
  /** "Alerting", "Pending", "Normal", "NoData", "Error", "Recovering", with a reason: "Alerting (NoData)". */
  state?: string;
  activeAt?: string;
}

/** The firing instances of one rule, as one incident. */
export interface Incident {
  rule: string;
  uid?: string;
  severity: string;
  component: string;
  /** Firing instances, with or without a workspace (host alerts have none). */
  instances: number;
  workspaces: number;
  clusters: number;
  /** activeAt of the first and the last instance to fire (RFC 3339). */
  firstFiredAt?: string;
  lastFiredAt?: string;
  /** Clusters where the incident's workspaces are at least the platform-wide share of the cluster's workspaces. */
  platformWideClusters: string[];
  /** Grafana's list of the rule's instances. */
  url: string;
}

const WORKSPACE = 'workspace_id';
const CLUSTER = 'cluster_id';
const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1 };

// grafana/grafana pkg/services/ngalert/state/state.go FormatStateAndReason: "Alerting" or "Alerting (<reason>)".
/** Firing, as Grafana's Alertmanager sees it: not Pending, Normal or Recovering. */
export function isFiring(instance: AlertInstance): boolean {
  return instance.state === 'Alerting' || (instance.state?.startsWith('Alerting (') ?? false);
}

// grafana/grafana public/app/features/alerting/routes.tsx (`/alerting/:sourceName/:id/view`) and
// unified/components/rule-viewer/RuleViewer.tsx (Grafana 12): `tab=instances` opens the instance list.
/** Grafana's list of a rule's instances, or its search when the API gives no uid. */
export function instancesUrl(rule: ApiRule): string {
  return rule.uid ? `${ruleUrl(rule)}?tab=instances` : ruleUrl(rule);
}

function timeOf(iso: string | undefined): number {
  return iso === undefined ? NaN : Date.parse(iso);
}

/** Workspaces of the incident per cluster; instances without a workspace count none. */
function workspacesByCluster(firing: AlertInstance[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of firing) {
    const ws = a.labels?.[WORKSPACE];
    const cluster = a.labels?.[CLUSTER];
    if (ws && cluster) {
      out.set(cluster, (out.get(cluster) ?? new Set()).add(ws));
    }
  }
  return out;
}

/**
 * Clusters where the incident covers at least `share` of the workspaces. The ratio is compared, not
 * share × total: 3/10 and 0.3 are the same double, 0.3 × 10 is not 3.
 */
function platformWideClusters(
  byCluster: Map<string, Set<string>>,
  workspacesPerCluster: ReadonlyMap<string, number>,
  share: number
): string[] {
  return [...byCluster.entries()]
    .filter(([cluster, ws]) => {
      const total = workspacesPerCluster.get(cluster) ?? 0;
      return total > 0 && ws.size / total >= share;
    })
    .map(([cluster]) => cluster)
    .sort();
}

function incidentOf(
  rule: ApiRule,
  firing: AlertInstance[],
  workspacesPerCluster: ReadonlyMap<string, number>,
  share: number
): Incident {
  const workspaces = new Set<string>();
  const clusters = new Set<string>();
  let first: string | undefined;
  let last: string | undefined;
  for (const a of firing) {
    const ws = a.labels?.[WORKSPACE];
    const cluster = a.labels?.[CLUSTER];
    if (ws) {
      workspaces.add(ws);
    }
    if (cluster) {
      clusters.add(cluster);
    }
    const at = timeOf(a.activeAt);
    if (Number.isFinite(at)) {
      first = first === undefined || at < timeOf(first) ? a.activeAt : first;
      last = last === undefined || at > timeOf(last) ? a.activeAt : last;
    }
  }
  return {
    rule: rule.name,
    uid: rule.uid,
    severity: rule.labels?.severity ?? '',
    component: rule.labels?.component ?? '',
    instances: firing.length,
    workspaces: workspaces.size,
    clusters: clusters.size,
    firstFiredAt: first,
    lastFiredAt: last,
    platformWideClusters: platformWideClusters(workspacesByCluster(firing), workspacesPerCluster, share),
    url: instancesUrl(rule),
  };
}

/**
 * The firing instances of each of the app's rules grouped into one incident: critical first, then
 * platform-wide, then by workspaces and instances affected. A rule with no firing instance is none.
 */
export function incidents(
  response: RulesResponse,
  workspacesPerCluster: ReadonlyMap<string, number>,
  platformWideShare: number,
  folder = ALERT_FOLDER_TITLE
): Incident[] {
  const out: Incident[] = [];
  for (const group of response.data?.groups ?? []) {
    if (group.file !== folder) {
      continue;
    }
    for (const rule of group.rules) {
      const firing = ((rule.alerts ?? []) as AlertInstance[]).filter(isFiring);
      if (firing.length > 0) {
        out.push(incidentOf(rule, firing, workspacesPerCluster, platformWideShare));
      }
    }
  }
  return out.sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 2) - (SEVERITY_ORDER[b.severity] ?? 2) ||
      Number(b.platformWideClusters.length > 0) - Number(a.platformWideClusters.length > 0) ||
      b.workspaces - a.workspaces ||
      b.instances - a.instances ||
      a.rule.localeCompare(b.rule)
  );
}

/** Workspaces per cluster from the frames of workspacesPerClusterQuery (one number field per cluster, labelled). */
export function workspacesPerCluster(frames: DataFrame[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const frame of frames ?? []) {
    for (const field of frame.fields) {
      const cluster = field.labels?.[CLUSTER];
      const n = field.type === FieldType.number ? Number(field.values[field.values.length - 1]) : NaN;
      if (cluster && Number.isFinite(n)) {
        out.set(cluster, n);
      }
    }
  }
  return out;
}
