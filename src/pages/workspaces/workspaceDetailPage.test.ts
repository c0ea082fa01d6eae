import { panelSummaries } from '../../scenes/sceneQueries';
import { resolveDatasourceUids } from '../../settings/appSettings';
import { dataAgeQuery, remoteWriteFailedRatioQuery, remoteWriteLagQuery } from '../../queries/coverage';
import { secondsToFullQuery } from '../../queries/forecast';
import { budgetRemainingQuery, burnRateQuery } from '../../queries/slo';
import { buildWorkspaceScene } from './workspaceDetailPage';
import { workspacesPage } from './workspacesPage';

const uids = resolveDatasourceUids({});
const objectives = { shared: 0.99, dedicated: 0.999 };

describe('the workspace page', () => {
  const panels = new Map(panelSummaries(buildWorkspaceScene('ws-0007', uids, objectives)).map((p) => [p.title, p]));

  it('shows the error budget left and the burn rate over 1h and 6h against the plans’ objectives', () => {
    expect(panels.get('Error budget left (30 days)')?.queries).toEqual([budgetRemainingQuery('ws-0007', objectives)]);
    expect(panels.get('Error budget burn rate')?.queries).toEqual([
      burnRateQuery('ws-0007', '1h', objectives),
      burnRateQuery('ws-0007', '6h', objectives),
    ]);
  });

  it('shows when each quota is full and how fresh the workspace’s data is', () => {
    expect(panels.get('Quota full in')?.queries).toEqual([secondsToFullQuery('ws-0007')]);
    expect(panels.get('Data age')?.queries).toEqual([dataAgeQuery('ws-0007')]);
    expect(panels.get('Remote write: failed samples')?.queries).toEqual([remoteWriteFailedRatioQuery('ws-0007')]);
    expect(panels.get('Remote write: lag')?.queries).toEqual([remoteWriteLagQuery('ws-0007')]);
  });

  it('gets the objectives the app passes to the Workspaces page', () => {
    const page = workspacesPage(uids, objectives);
    const routeMatch = { params: { workspaceId: 'ws-0007' }, isExact: true, path: '', url: '' };
    const detail = page.state.drilldowns![0].getPage(routeMatch, page) as ReturnType<typeof workspacesPage>;
    const scene = detail.state.getScene!(routeMatch);
    const burn = panelSummaries(scene).find((p) => p.title === 'Error budget burn rate');
    expect(burn?.queries[0]).toContain('vector(0.01), "plan_type", "shared"');
  });
});
