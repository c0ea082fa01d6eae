import { SceneApp } from '@grafana/scenes';

import { alertsPage } from '../pages/alerts/alertsPage';
import { businessPage } from '../pages/business/businessPage';
import { overviewPage } from '../pages/overview/overviewPage';
import { availabilityObjectives } from '../pages/workspaces/objectives';
import { workspacesPage } from '../pages/workspaces/workspacesPage';
import { resolveDatasourceUids, resolvePlatformWideShare, type AppJsonData } from '../settings/appSettings';

/** The app's pages, in navigation order; the first is the landing page. */
export function buildSceneApp(jsonData: AppJsonData | undefined): SceneApp {
  const uids = resolveDatasourceUids(jsonData);
  const share = resolvePlatformWideShare(jsonData);
  return new SceneApp({
    pages: [overviewPage(uids, share), workspacesPage(uids, availabilityObjectives(jsonData)), businessPage(uids), alertsPage(uids, share)],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
