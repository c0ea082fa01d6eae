/** Escapes a value for a double-quoted label matcher (PromQL and LogQL share the syntax). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
