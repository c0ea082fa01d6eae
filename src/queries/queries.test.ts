import { deploymentRateQuery } from './business';
import {
  clusterValuesQuery,
  planValuesQuery,
  vclustersHealthyQuery,
  vclustersTotalQuery,
  workspaceListQuery,
  workspaceValuesQuery,
} from './fleet';
import { escapeLabelValue, selector } from './promql';
import { workspaceVclusterStatusQuery } from './workspace';

const FLEET =
  'hexabase_vcluster_status{plan_type=~"${plan:regex}", cluster_id=~"${cluster:regex}", workspace_id=~"${workspace:regex}"}';

describe('promql helpers', () => {
  it('escapes quotes, backslashes and newlines', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
  it('leaves a bare metric without braces', () => {
    expect(selector('up')).toBe('up');
  });
});

describe('fleet queries', () => {
  it('scopes each variable by its parent', () => {
    expect(planValuesQuery()).toBe('label_values(hexabase_vcluster_status, plan_type)');
    expect(clusterValuesQuery()).toBe('label_values(hexabase_vcluster_status{plan_type=~"${plan:regex}"}, cluster_id)');
    expect(workspaceValuesQuery()).toBe(
      'label_values(hexabase_vcluster_status{plan_type=~"${plan:regex}", cluster_id=~"${cluster:regex}"}, workspace_id)'
    );
  });
  it('counts healthy and total vClusters of the selection', () => {
    expect(vclustersHealthyQuery()).toBe(`sum(${FLEET})`);
    expect(vclustersTotalQuery()).toBe(`count(${FLEET})`);
  });
  it('lists workspaces with plan and cluster', () => {
    expect(workspaceListQuery()).toBe(`count by (workspace_id, plan_type, cluster_id) (${FLEET})`);
  });
});

describe('workspace queries', () => {
  it('selects one workspace exactly, escaping its id', () => {
    expect(workspaceVclusterStatusQuery('ws-1')).toBe(
      'max by (vcluster_name) (hexabase_vcluster_status{workspace_id="ws-1"})'
    );
    expect(workspaceVclusterStatusQuery('a"b')).toBe(
      'max by (vcluster_name) (hexabase_vcluster_status{workspace_id="a\\"b"})'
    );
  });
});

describe('business queries', () => {
  it('rates deployments by type and outcome with $__rate_interval', () => {
    expect(deploymentRateQuery()).toBe(
      'sum by (deployment_type, status) (rate(hexabase_workspace_deployments_total{plan_type=~"${plan:regex}", cluster_id=~"${cluster:regex}", workspace_id=~"${workspace:regex}"}[$__rate_interval]))'
    );
  });
});
