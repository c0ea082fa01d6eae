import type { DataFrame } from '@grafana/data';

import { LABELS } from '../../queries/metrics';

/** A listed workspace's vClusters: up and in all, when Prometheus has them. */
export interface VclusterCounts {
  healthy?: number;
  total?: number;
}

export const LISTED_REFS = { healthy: 'healthy', total: 'total' } as const;

/**
 * Each workspace's counts from the answer to the page's two instant queries: a frame per series,
 * its workspace in the value field's labels, its refId naming the count.
 */
export function vclusterCounts(frames: DataFrame[] = []): Map<string, VclusterCounts> {
  const counts = new Map<string, VclusterCounts>();
  for (const frame of frames) {
    const key =
      frame.refId === LISTED_REFS.healthy ? 'healthy' : frame.refId === LISTED_REFS.total ? 'total' : undefined;
    for (const field of frame.fields) {
      const id = field.labels?.[LABELS.workspace];
      if (!key || id === undefined || field.type !== 'number' || field.values.length === 0) {
        continue;
      }
      const value = Number(field.values[field.values.length - 1]);
      counts.set(id, { ...counts.get(id), [key]: value });
    }
  }
  return counts;
}
