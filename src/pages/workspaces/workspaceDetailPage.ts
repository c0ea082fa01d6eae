import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem, type SceneAppPageLike } from '@grafana/scenes';
import { MappingType } from '@grafana/schema';

import { workspaceUrl } from '../../constants';
import { workspaceVclusterStatusQuery } from '../../queries/workspace';
import { buildPageScene } from '../../scenes/pageScene';
import { stateTimelinePanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildDatasourceVariable } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';

function buildWorkspaceScene(workspaceId: string, uids: DatasourceUids) {
  return buildPageScene({
    variables: [buildDatasourceVariable(uids.prometheus)],
    rows: [
      new SceneFlexItem({
        minHeight: 240,
        body: stateTimelinePanel({
          title: t('workspace.vcluster-status', 'vCluster status'),
          description: t(
            'workspace.vcluster-status-description',
            'Health of each vCluster of this workspace over time.'
          ),
          targets: [
            { refId: 'status', expr: workspaceVclusterStatusQuery(workspaceId), legendFormat: '{{vcluster_name}}' },
          ],
          mappings: [
            {
              type: MappingType.ValueToText,
              options: {
                '0': { text: t('workspace.vcluster-unhealthy', 'Unhealthy'), color: 'red', index: 0 },
                '1': { text: t('workspace.vcluster-healthy', 'Healthy'), color: 'green', index: 1 },
              },
            },
          ],
        }),
      }),
    ],
  });
}

/** The drill-down of one workspace, at /a/<plugin>/workspaces/<workspaceId>. */
export function workspaceDetailPage(workspaceId: string, uids: DatasourceUids, parent: SceneAppPageLike): SceneAppPage {
  return new SceneAppPage({
    title: t('workspace.title', 'Workspace {{workspaceId}}', { workspaceId }),
    subTitle: t('workspace.subtitle', 'vClusters, traffic, deployments and usage of one workspace'),
    url: workspaceUrl(workspaceId),
    routePath: ':workspaceId/*',
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getParentPage: () => parent,
    getScene: () => buildWorkspaceScene(workspaceId, uids),
  });
}
