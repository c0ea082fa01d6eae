import { DATASOURCE_KINDS, type DatasourceKind } from '../generated/settingsDefaults';
import type { DatasourceUids } from './appSettings';

/** The kinds whose configured UID is not a datasource of this Grafana. */
export function missingDatasources(uids: DatasourceUids, existingUids: Iterable<string>): DatasourceKind[] {
  const existing = new Set(existingUids);
  return DATASOURCE_KINDS.filter((kind) => !existing.has(uids[kind]));
}
