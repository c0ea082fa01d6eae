import { ALERT_FOLDER_TITLE, ALERT_FOLDER_UID, RULES_API } from './constants';

/** A rule of Grafana's Prometheus-compatible rules API (/api/prometheus/grafana/api/v1/rules). */
export interface ApiRule {
  name: string;
  uid?: string;
  state?: string;
  health?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  alerts?: unknown[];
  /** Instances by state (`alerting`, `pending`, `normal`, `nodata`, `error`, `recovering`), whatever limit_alerts. */
  totals?: Record<string, number>;
}

export interface RulesResponse {
  data?: { groups?: Array<{ name: string; file: string; rules: ApiRule[] }> };
}

export interface RuleRow {
  name: string;
  group: string;
  state: string;
  health: string;
  severity: string;
  component: string;
  summary: string;
  instances: number;
  url: string;
}

export interface RuleSection {
  component: string;
  severity: string;
  rules: RuleRow[];
}

// grafana/grafana pkg/services/ngalert/api/prometheus/api_prometheus.go: an unknown folder_uid is ignored (hence the title filter); limit_alerts=0 keeps totals.
/** The rules API, asked for the app's folder only and no alert instance: the page needs counts. */
export const RULES_URL = `${RULES_API}?folder_uid=${encodeURIComponent(ALERT_FOLDER_UID)}&limit_alerts=0`;

/** Alert instances of a rule: Grafana's per-rule totals, or the listed alerts on a Grafana without them. */
export function instanceCount(rule: ApiRule): number {
  // Grafana adds an `error` count to an instance's state only when execErrState is not Error; the app's rules use Error.
  if (rule.totals) {
    return Object.values(rule.totals).reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);
  }
  return rule.alerts?.length ?? 0;
}

const STATE_ORDER: Record<string, number> = { firing: 0, pending: 1, inactive: 2 };
const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1 };

/** Grafana's page of one rule: by uid when the API gives it, else a search by folder and name. */
export function ruleUrl(rule: ApiRule): string {
  if (rule.uid) {
    return `/alerting/grafana/${encodeURIComponent(rule.uid)}/view`;
  }
  return `/alerting/list?search=${encodeURIComponent(`namespace:${ALERT_FOLDER_TITLE} rule:"${rule.name}"`)}`;
}

/** The app's rules (those of its folder), firing first. */
export function appRules(response: RulesResponse, folder = ALERT_FOLDER_TITLE): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const group of response.data?.groups ?? []) {
    if (group.file !== folder) {
      continue;
    }
    for (const rule of group.rules) {
      rows.push({
        name: rule.name,
        group: group.name,
        state: rule.state ?? 'inactive',
        health: rule.health ?? 'unknown',
        severity: rule.labels?.severity ?? '',
        component: rule.labels?.component ?? '',
        summary: rule.annotations?.summary ?? '',
        instances: instanceCount(rule),
        url: ruleUrl(rule),
      });
    }
  }
  return rows.sort((a, b) => (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || a.name.localeCompare(b.name));
}

/** Rules grouped by component, then severity (critical first). */
export function groupByComponentAndSeverity(rows: RuleRow[]): RuleSection[] {
  const sections = new Map<string, RuleSection>();
  for (const r of rows) {
    const key = `${r.component}\u0000${r.severity}`;
    if (!sections.has(key)) {
      sections.set(key, { component: r.component, severity: r.severity, rules: [] });
    }
    sections.get(key)!.rules.push(r);
  }
  return [...sections.values()].sort(
    (a, b) =>
      a.component.localeCompare(b.component) || (SEVERITY_ORDER[a.severity] ?? 2) - (SEVERITY_ORDER[b.severity] ?? 2)
  );
}
