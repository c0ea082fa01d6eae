/** A label matcher of a PromQL selector. */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Escapes a value for a double-quoted PromQL string. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
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
