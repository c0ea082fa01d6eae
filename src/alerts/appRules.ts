import { ALERT_FOLDER_TITLE } from './constants';

/** A rule of Grafana's Prometheus-compatible rules API (/api/prometheus/grafana/api/v1/rules). */
export interface ApiRule {
  name: string;
  uid?: string;
  state?: string;
  health?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  alerts?: unknown[];
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
        instances: rule.alerts?.length ?? 0,
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
