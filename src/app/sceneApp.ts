import { SceneApp } from '@grafana/scenes';

import { alertsPage } from '../pages/alerts/alertsPage';
import { businessPage } from '../pages/business/businessPage';
import { overviewPage } from '../pages/overview/overviewPage';
import { workspacesPage } from '../pages/workspaces/workspacesPage';
import { resolveDatasourceUids, type AppJsonData } from '../settings/appSettings';

/** The app's pages, in navigation order; the first is the landing page. */
export function buildSceneApp(jsonData: AppJsonData | undefined): SceneApp {
  const uids = resolveDatasourceUids(jsonData);
  return new SceneApp({
    pages: [overviewPage(uids), workspacesPage(uids), businessPage(uids), alertsPage()],
    urlSyncOptions: { updateUrlOnInit: true, createBrowserHistorySteps: true },
  });
}
