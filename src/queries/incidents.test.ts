import { workspacesPerClusterQuery } from './incidents';

describe('incident queries', () => {
  it('counts the workspaces of every cluster, whatever the page selects', () => {
    expect(workspacesPerClusterQuery()).toBe('count by (cluster_id) (workspace:hexabase_vcluster_status:count)');
  });
});
