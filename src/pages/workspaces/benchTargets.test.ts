import { appPages, queryNameOf } from '../../../tests/bench/pageTargets';
import { enumerateQueries } from '../../../tests/integration/promqlQueries';

// The fleet benchmark and the integration suite see the workspace pages as they run: every query
// of theirs comes from an enumerated query function, and the list asks Prometheus nothing.
describe('the workspace pages in the benchmark', () => {
  const enumerated = enumerateQueries('ws-0001');
  const pages = appPages('ws-0001', ['ws-0001', 'ws.2']).filter((p) => p.name.startsWith('Workspace'));
  const targets = pages.flatMap((p) => p.targets.map((t) => ({ ...t, name: queryNameOf(t, enumerated) })));

  it('match an enumerated query each, and use every SLO, coverage and forecast query', () => {
    expect(targets.filter((t) => !t.name).map((t) => `${t.page} / ${t.panel}: ${t.expr}`)).toEqual([]);
    const mine = enumerated.filter((q) => /^(slo|coverage|forecast)\.ts:/.test(q.name)).map((q) => q.name);
    expect(mine).toHaveLength(6);
    expect(mine.filter((name) => !targets.some((t) => t.name === name))).toEqual([]);
  });

  it('list the Workspaces page’s backend and rules requests instead of Prometheus queries', () => {
    const list = pages.find((p) => p.name === 'Workspaces')!;
    expect(list.targets.filter((t) => !t.variable)).toEqual([]);
    expect(list.other.map((r) => [r.panel, r.url])).toEqual([
      ['Workspace list', '/api/plugins/hexabase-monitoring-app/resources/workspaces/health'],
      ['Workspace list: firing alerts', '/api/prometheus/grafana/api/v1/rules'],
    ]);
  });
});
