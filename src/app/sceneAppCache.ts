import type { SceneApp } from '@grafana/scenes';

import { availabilityObjectives } from '../pages/workspaces/objectives';
import { resolveDatasourceUids, resolvePlatformWideShare, type AppJsonData } from '../settings/appSettings';
import { buildSceneApp } from './sceneApp';

// grafana/scenes packages/scenes/src/components/SceneApp/SceneApp.tsx: useSceneApp caches by factory identity forever, so a factory made per render keeps every app it builds.
let current: { key: string; app: SceneApp } | undefined;

/** The SceneApp of these settings, built once; settings changes reload the page, so only the current one is kept. */
export function sceneAppFor(jsonData: AppJsonData | undefined): SceneApp {
  // The pages depend on the settings only through the datasource UIDs, the platform-wide share and the plans' objectives.
  const key = JSON.stringify([
    resolveDatasourceUids(jsonData),
    resolvePlatformWideShare(jsonData),
    availabilityObjectives(jsonData),
  ]);
  if (current?.key !== key) {
    current = { key, app: buildSceneApp(jsonData) };
  }
  return current.app;
}

/** The SceneApps held by the cache: at most one. */
export function cachedSceneApps(): SceneApp[] {
  return current ? [current.app] : [];
}
