import { fleet } from './fleet';
import { RECORDED } from './metrics';
import { ALL, interpolatePromQL, interpolateQueryExpr, type PromVariable } from './prometheusInterpolation';

const fleetVariable = (value: PromVariable['value'], options: string[], allValue?: string): PromVariable => ({
  value,
  options,
  isMulti: true,
  includeAll: true,
  allValue,
});

describe('PromQL interpolation as the Prometheus datasource does it', () => {
  it('regex-escapes multi-value selections with a double backslash and joins them', () => {
    expect(interpolateQueryExpr(['api.example.com', 'web-1'], { isMulti: true })).toBe(
      '(api\\\\.example\\\\.com|web-1)'
    );
    expect(interpolateQueryExpr(['cluster.a'], { isMulti: true })).toBe('cluster\\\\.a');
    expect(interpolateQueryExpr('a\\b(c)', { includeAll: true })).toBe('a\\\\\\\\b\\\\(c\\\\)');
  });

  it('only escapes backslashes and single quotes of a single-value variable', () => {
    expect(interpolateQueryExpr("it's a.b\\c", {})).toBe("it\\\\'s a.b\\\\c");
  });

  it('expands "All" to every option, or passes a custom all value raw', () => {
    const variables = {
      plan: fleetVariable(ALL, ['dedicated', 'shared']),
      cluster: fleetVariable([ALL], ['cluster.a', 'cluster-b']),
      workspace: fleetVariable(ALL, ['ws-0001'], '.*'),
    };
    expect(interpolatePromQL(fleet(RECORDED.vclustersCount), variables)).toBe(
      'workspace:hexabase_vcluster_status:count{plan_type=~"(dedicated|shared)", cluster_id=~"(cluster\\\\.a|cluster-b)", workspace_id=~".*"}'
    );
  });

  it('lets an explicit format win, as scenes does: `:regex` emits single backslashes', () => {
    const variables = { cluster: fleetVariable(['cluster.a', 'cluster-b'], []) };
    expect(interpolatePromQL('up{cluster_id=~"${cluster:regex}"}', variables)).toBe(
      'up{cluster_id=~"(cluster\\.a|cluster-b)"}'
    );
    expect(interpolatePromQL('up{cluster_id=~"$cluster"}', variables)).toBe(
      'up{cluster_id=~"(cluster\\\\.a|cluster-b)"}'
    );
    expect(() => interpolatePromQL('${cluster:lucene}', variables)).toThrow(
      'variable format lucene of ${cluster:lucene} is not reproduced'
    );
  });

  it('leaves unknown variables and macros for Grafana', () => {
    expect(interpolatePromQL('rate(x{a=~"$other"}[$__rate_interval])', {})).toBe(
      'rate(x{a=~"$other"}[$__rate_interval])'
    );
  });
});
