import { escapeLabelValue } from './escape';

/** A label matcher of a PromQL selector. */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** `metric{a="b", c=~"$d"}`; values that start with `$` are left for Grafana to interpolate. */
export function selector(metric: string, matchers: Matcher[] = []): string {
  if (matchers.length === 0) {
    return metric;
  }
  const parts = matchers.map((m) => `${m.label}${m.op}"${escapeLabelValue(m.value)}"`);
  return `${metric}{${parts.join(', ')}}`;
}

export function labelValues(metricSelector: string, label: string): string {
  return `label_values(${metricSelector}, ${label})`;
}
