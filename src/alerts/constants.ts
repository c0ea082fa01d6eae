/** Folder of the app's Grafana-managed rules (pkg/alerting FolderTitle). */
export const ALERT_FOLDER_TITLE = 'Hexabase';

/** Grafana's Prometheus-compatible list of Grafana-managed rules with their state. */
export const RULES_API = '/api/prometheus/grafana/api/v1/rules';
