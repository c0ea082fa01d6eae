export { ALERT_FOLDER_TITLE, ALERT_FOLDER_UID } from '../generated/notifications';

/** Grafana's Prometheus-compatible list of Grafana-managed rules with their state. */
export const RULES_API = '/api/prometheus/grafana/api/v1/rules';
