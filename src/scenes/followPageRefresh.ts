import { sceneGraph, type SceneObject } from '@grafana/scenes';

/**
 * A behaviour for an object with its own $timeRange (the Business page's 90 days): re-evaluates it
 * whenever the page's time range is refreshed, by the refresh picker or its interval.
 */
export function followPageRefresh(owner: SceneObject): () => void {
  const own = owner.state.$timeRange;
  // The page's range: the nearest one above the owner, which sceneGraph would otherwise resolve to its own.
  const page = owner.parent ? sceneGraph.getTimeRange(owner.parent) : undefined;
  if (!own || !page || page === own) {
    return () => {};
  }
  // grafana/scenes packages/scenes/src/core/SceneTimeRange.tsx: onRefresh re-evaluates `value` and keeps from and to.
  const sub = page.subscribeToState((next, prev) => {
    if (next.value !== prev.value && next.from === prev.from && next.to === prev.to) {
      own.onRefresh();
    }
  });
  return () => sub.unsubscribe();
}
