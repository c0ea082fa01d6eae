import { FieldType, toDataFrame } from '@grafana/data';

import type { ApiRule, RulesResponse } from './appRules';
import {
  INCIDENTS_URL,
  incidents,
  instancesUrl,
  isFiring,
  workspacesPerCluster,
  type AlertInstance,
} from './incidents';

const at = (minute: number) => `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`;

function instance(
  ws: string | undefined,
  cluster: string | undefined,
  minute: number,
  state = 'Alerting'
): AlertInstance {
  const labels: Record<string, string> = { alertname: 'x' };
  if (ws) {
    labels.workspace_id = ws;
  }
  if (cluster) {
    labels.cluster_id = cluster;
  }
  return { labels, state, activeAt: at(minute) };
}

function rule(
  name: string,
  severity: string,
  alerts: AlertInstance[],
  uid: string | undefined = `uid-${name}`
): ApiRule {
  return { name, uid, state: 'firing', labels: { severity, component: 'c' }, alerts };
}

const respond = (rules: ApiRule[], file = 'Hexabase'): RulesResponse => ({
  data: { groups: [{ name: 'g', file, rules }] },
});

const clusters = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('incidents', () => {
  it('asks for the firing instances of the app folder, all of them', () => {
    expect(INCIDENTS_URL).toBe('/api/prometheus/grafana/api/v1/rules?folder_uid=hexabase-alerts&state=firing');
  });

  it('makes one incident of 200 instances of one rule, with 200 workspaces, their clusters and first and last', () => {
    const alerts = Array.from({ length: 200 }, (_, i) =>
      instance(`ws-${i}`, i % 2 ? 'cluster-a' : 'cluster-b', 59 - (i % 50))
    );
    expect(
      incidents(
        respond([rule('vClusterDown', 'critical', alerts)]),
        clusters({ 'cluster-a': 1000, 'cluster-b': 1000 }),
        0.5
      )
    ).toEqual([
      {
        rule: 'vClusterDown',
        uid: 'uid-vClusterDown',
        severity: 'critical',
        component: 'c',
        instances: 200,
        workspaces: 200,
        clusters: 2,
        firstFiredAt: at(10),
        lastFiredAt: at(59),
        platformWideClusters: [],
        url: '/alerting/grafana/uid-vClusterDown/view?tab=instances',
      },
    ]);
  });

  it('keeps rules apart, critical first, then by workspaces; a rule with nothing firing is no incident', () => {
    const got = incidents(
      respond([
        rule('HighErrorRate', 'warning', [instance('ws-1', 'cluster-a', 1), instance('ws-2', 'cluster-a', 2)]),
        rule('SlowResponseTime', 'warning', [instance('ws-3', 'cluster-b', 3)]),
        rule('Quiet', 'critical', []),
        rule('vClusterDown', 'critical', [instance('ws-1', 'cluster-a', 4)]),
      ]),
      clusters({ 'cluster-a': 100, 'cluster-b': 100 }),
      0.5
    );
    expect(got.map((i) => [i.rule, i.workspaces, i.clusters, i.instances])).toEqual([
      ['vClusterDown', 1, 1, 1],
      ['HighErrorRate', 2, 1, 2],
      ['SlowResponseTime', 1, 1, 1],
    ]);
  });

  it('counts host alerts, which carry no workspace, by instance and cluster', () => {
    const [disk] = incidents(
      respond([
        rule('DiskSpaceRunningOut', 'critical', [
          instance(undefined, 'cluster-a', 5),
          instance(undefined, 'cluster-a', 6),
          instance(undefined, undefined, 7),
        ]),
      ]),
      clusters({ 'cluster-a': 2 }),
      0.5
    );
    expect([disk.instances, disk.workspaces, disk.clusters, disk.platformWideClusters]).toEqual([3, 0, 1, []]);
    expect([disk.firstFiredAt, disk.lastFiredAt]).toEqual([at(5), at(7)]);
  });

  it('counts a workspace with several firing instances once', () => {
    const [i] = incidents(
      respond([rule('HighErrorRate', 'warning', [instance('ws-1', 'cluster-a', 1), instance('ws-1', 'cluster-a', 2)])]),
      clusters({}),
      0.5
    );
    expect([i.instances, i.workspaces]).toEqual([2, 1]);
  });

  it('does not count pending, normal or recovering instances, and counts firing ones with a reason', () => {
    const [i] = incidents(
      respond([
        rule('HighErrorRate', 'warning', [
          instance('ws-1', 'cluster-a', 1, 'Pending'),
          instance('ws-2', 'cluster-a', 2, 'Normal'),
          instance('ws-3', 'cluster-a', 3, 'Recovering'),
          instance('ws-4', 'cluster-a', 4, 'Alerting (NoData)'),
          instance('ws-5', 'cluster-a', 5),
        ]),
        rule('OnlyPending', 'critical', [instance('ws-1', 'cluster-a', 1, 'Pending')]),
      ]),
      clusters({ 'cluster-a': 10 }),
      0.5
    ).filter(Boolean);
    expect([i.rule, i.instances, i.workspaces, i.firstFiredAt]).toEqual(['HighErrorRate', 2, 2, at(4)]);
    expect(isFiring({ state: 'Alerting (Error)' })).toBe(true);
    expect(isFiring({ state: 'AlertingX' })).toBe(false);
    expect(isFiring({})).toBe(false);
  });

  it('flags platform-wide from exactly the share of one cluster, not just under it', () => {
    const firing = (n: number, cluster: string) =>
      Array.from({ length: n }, (_, k) => instance(`${cluster}-ws-${k}`, cluster, 1));
    const counts = clusters({ 'cluster-a': 10, 'cluster-b': 10, 'cluster-c': 7 });
    const wide = (alerts: AlertInstance[], share: number) =>
      incidents(respond([rule('HighErrorRate', 'warning', alerts)]), counts, share)[0].platformWideClusters;
    expect(wide(firing(5, 'cluster-a'), 0.5)).toEqual(['cluster-a']);
    expect(wide(firing(4, 'cluster-a'), 0.5)).toEqual([]);
    // 3 of 10 is 0.3 exactly, though 0.3 × 10 is 3.0000000000000004
    expect(wide(firing(3, 'cluster-a'), 0.3)).toEqual(['cluster-a']);
    // share of one cluster, not of the fleet: 4 of 10 and 4 of 7
    expect(wide([...firing(4, 'cluster-b'), ...firing(4, 'cluster-c')], 0.5)).toEqual(['cluster-c']);
    expect(wide(firing(7, 'cluster-c'), 1)).toEqual(['cluster-c']);
    // a cluster with no known workspaces is never platform-wide
    expect(wide(firing(3, 'cluster-z'), 0.5)).toEqual([]);
  });

  it('orders platform-wide incidents before others of the same severity', () => {
    const got = incidents(
      respond([
        rule('Many', 'warning', [
          instance('a1', 'cluster-a', 1),
          instance('a2', 'cluster-a', 1),
          instance('a3', 'cluster-a', 1),
        ]),
        rule('Wide', 'warning', [instance('b1', 'cluster-b', 1)]),
      ]),
      clusters({ 'cluster-a': 100, 'cluster-b': 2 }),
      0.5
    );
    expect(got.map((i) => i.rule)).toEqual(['Wide', 'Many']);
  });

  it('keeps the app folder only', () => {
    expect(
      incidents(respond([rule('Other', 'critical', [instance('ws', 'c', 1)])], 'Other'), clusters({}), 0.5)
    ).toEqual([]);
  });

  it('links to the instance list of the rule, or to its search without a uid', () => {
    expect(instancesUrl({ name: 'A', uid: 'a b' })).toBe('/alerting/grafana/a%20b/view?tab=instances');
    expect(instancesUrl({ name: 'A' })).toBe('/alerting/list?search=namespace%3AHexabase%20rule%3A%22A%22');
  });
});

describe('workspaces per cluster', () => {
  it('reads one labelled number field per cluster, its last value', () => {
    const frame = (cluster: string, n: number) =>
      toDataFrame({
        fields: [
          { name: 'Time', type: FieldType.time, values: [1, 2] },
          { name: 'Value', type: FieldType.number, values: [0, n], labels: { cluster_id: cluster } },
        ],
      });
    expect(workspacesPerCluster([frame('cluster-a', 6), frame('cluster-b', 4)])).toEqual(
      new Map([
        ['cluster-a', 6],
        ['cluster-b', 4],
      ])
    );
    expect(workspacesPerCluster(undefined)).toEqual(new Map());
  });
});
