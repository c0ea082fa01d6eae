import { RULES_URL, appRules, groupByComponentAndSeverity, instanceCount, ruleUrl } from './appRules';

const response = {
  data: {
    groups: [
      {
        name: 'hexabase-applications',
        file: 'Hexabase',
        rules: [
          {
            name: 'HighErrorRate',
            uid: 'hexabase-high-error-rate',
            state: 'inactive',
            health: 'ok',
            labels: { severity: 'warning', component: 'application' },
            annotations: { summary: 'High error rate' },
          },
          {
            name: 'vClusterDown',
            uid: 'hexabase-vcluster-down',
            state: 'firing',
            health: 'ok',
            labels: { severity: 'critical', component: 'vcluster' },
            alerts: [{}, {}],
          },
        ],
      },
      { name: 'someone-elses', file: 'Other', rules: [{ name: 'Unrelated', state: 'firing' }] },
      {
        name: 'hexabase-infrastructure',
        file: 'Hexabase',
        rules: [
          {
            name: 'DiskSpaceRunningOut',
            state: 'pending',
            labels: { severity: 'critical', component: 'infrastructure' },
          },
        ],
      },
    ],
  },
};

describe('app rules', () => {
  it('keeps the app folder only, firing first, with links to Grafana', () => {
    expect(appRules(response).map((r) => [r.name, r.state, r.instances, r.url])).toEqual([
      ['vClusterDown', 'firing', 2, '/alerting/grafana/hexabase-vcluster-down/view'],
      [
        'DiskSpaceRunningOut',
        'pending',
        0,
        '/alerting/list?search=namespace%3AHexabase%20rule%3A%22DiskSpaceRunningOut%22',
      ],
      ['HighErrorRate', 'inactive', 0, '/alerting/grafana/hexabase-high-error-rate/view'],
    ]);
  });

  it('groups by component, critical before warning', () => {
    const rows = appRules(response);
    rows.push(
      { ...rows[2], name: 'SlowResponseTime' },
      { ...rows[0], name: 'Other', component: 'application', severity: 'critical' }
    );
    expect(groupByComponentAndSeverity(rows).map((s) => [s.component, s.severity, s.rules.map((r) => r.name)])).toEqual(
      [
        ['application', 'critical', ['Other']],
        ['application', 'warning', ['HighErrorRate', 'SlowResponseTime']],
        ['infrastructure', 'critical', ['DiskSpaceRunningOut']],
        ['vcluster', 'critical', ['vClusterDown']],
      ]
    );
  });

  it('escapes uids in rule links', () => {
    expect(ruleUrl({ name: 'x', uid: 'a/b' })).toBe('/alerting/grafana/a%2Fb/view');
  });

  it('asks Grafana for the app folder only, without alert instances', () => {
    expect(RULES_URL).toBe('/api/prometheus/grafana/api/v1/rules?folder_uid=hexabase-alerts&limit_alerts=0');
  });

  it('counts instances from the per-rule totals, or from the alerts of a Grafana without totals', () => {
    expect(instanceCount({ name: 'a', totals: { alerting: 3, pending: 1 }, alerts: [] })).toBe(4);
    expect(instanceCount({ name: 'a', totals: { normal: 40, alerting: 2, nodata: 1 } })).toBe(43);
    expect(instanceCount({ name: 'a', totals: {}, alerts: [{}] })).toBe(0);
    expect(instanceCount({ name: 'a', alerts: [{}, {}] })).toBe(2);
    expect(instanceCount({ name: 'a' })).toBe(0);
    const rows = appRules({
      data: {
        groups: [
          { name: 'g', file: 'Hexabase', rules: [{ name: 'r', state: 'firing', totals: { alerting: 3, pending: 1 } }] },
        ],
      },
    });
    expect(rows.map((r) => [r.name, r.instances])).toEqual([['r', 4]]);
  });

  it('tolerates an empty answer', () => {
    expect(appRules({})).toEqual([]);
  });
});
