import { RECORDED, LABELS } from '../../src/queries/metrics';
import { LEVELS, VAR_CLUSTER, VAR_PLAN, VAR_WORKSPACE } from '../../src/scenes/variableNames';
import { enumerateQueries, expand as expandWith, fleetVariables } from './promqlQueries';

// Every PromQL query of the app, enumerated from the query modules (./promqlQueries), runs against
// the real Prometheus that scrapes the simulator, its variables interpolated as the Prometheus
// datasource does, and must return data.
const PROMETHEUS_URL = process.env.PROMETHEUS_URL;
// On a multi-tenant store, the tenant the app's datasource names in its custom header
// (httpHeaderName1 X-Scope-OrgID), which Grafana's datasource proxy adds to every query.
const TENANT = process.env.PROMETHEUS_TENANT;
const WORKSPACE = process.env.SIMULATOR_WORKSPACE;

// A cluster id with a regex metacharacter, as an operator may select it (or put it in a URL); the
// simulator's clusters are cluster-a and cluster-b, which an unescaped `.` would match.
const DOTTED_CLUSTER = 'cluster.a';

// Interval macros, which Grafana substitutes before the variables.
const MACROS: Record<string, string> = { $__interval: '1m', $__rate_interval: '1m' };

async function prometheus(pathAndQuery: string): Promise<{ status: string; data: unknown; error?: string }> {
  const response = await fetch(`${PROMETHEUS_URL}${pathAndQuery}`, {
    headers: TENANT ? { 'X-Scope-OrgID': TENANT } : {},
  });
  return response.json();
}

async function labelValuesOf(selector: string, label: string): Promise<string[]> {
  const body = await prometheus(`/api/v1/label/${label}/values?match[]=${encodeURIComponent(selector)}`);
  if (body.status !== 'success') {
    throw new Error(body.error);
  }
  return body.data as string[];
}

async function seriesCount(query: string): Promise<number> {
  const labelValues = query.match(/^label_values\((.*), (\w+)\)$/);
  if (labelValues) {
    return (await labelValuesOf(labelValues[1], labelValues[2])).length;
  }
  const body = await prometheus(`/api/v1/query?query=${encodeURIComponent(query)}`);
  if (body.status !== 'success') {
    throw new Error(body.error);
  }
  return (body.data as { result: unknown[] }).result.length;
}

const expand = (query: string, variables: Parameters<typeof expandWith>[1]) => expandWith(query, variables, MACROS);

describe('PromQL queries of the app on a real Prometheus fed by the simulator', () => {
  const options: Record<string, string[]> = {};

  beforeAll(async () => {
    options[VAR_PLAN] = await labelValuesOf(RECORDED.vclustersCount, LABELS.plan);
    options[VAR_CLUSTER] = await labelValuesOf(RECORDED.vclustersCount, LABELS.cluster);
    options[VAR_WORKSPACE] = await labelValuesOf(RECORDED.vclustersCount, LABELS.workspace);
  });

  it('runs where the test command started Prometheus and the simulator', () => {
    expect({ PROMETHEUS_URL, WORKSPACE }).toEqual({
      PROMETHEUS_URL: expect.any(String),
      WORKSPACE: expect.any(String),
    });
    expect(options[VAR_CLUSTER]).toContain('cluster-a');
  });

  const queries = enumerateQueries(WORKSPACE);

  it('finds the query modules', () => {
    expect(queries.length).toBeGreaterThan(5);
  });

  it.each(queries)('$name returns data with every variable on All', async ({ query }) => {
    const expanded = expand(query, fleetVariables(options, {}));
    await expect(seriesCount(expanded).then((n) => ({ query: expanded, hasData: n > 0 }))).resolves.toEqual({
      query: expanded,
      hasData: true,
    });
  });

  const byCluster = queries.filter((q) => /\$\{?cluster\b/.test(q.query));

  it.each(byCluster)(
    `$name parses and returns data with every cluster and ${DOTTED_CLUSTER} selected`,
    async ({ query }) => {
      const expanded = expand(
        query,
        fleetVariables(options, { [VAR_CLUSTER]: [...options[VAR_CLUSTER], DOTTED_CLUSTER] })
      );
      await expect(seriesCount(expanded).then((n) => ({ query: expanded, hasData: n > 0 }))).resolves.toEqual({
        query: expanded,
        hasData: true,
      });
    }
  );

  const byLevel = queries.filter((q) => q.query.includes('${level}'));

  it('finds the queries that read the level the selection needs', () => {
    expect(byLevel.length).toBeGreaterThan(5);
  });

  // A list of troubled workspaces shows the selected one only while it is troubled.
  const downWorkspace = async () => {
    const query = `${RECORDED.vclustersCount} - ${RECORDED.vclustersHealthy} > 0`;
    const body = await prometheus(`/api/v1/query?query=${encodeURIComponent(query)}`);
    const result = (body.data as { result: Array<{ metric: Record<string, string> }> }).result;
    return result[0]?.metric[LABELS.workspace];
  };

  it.each(byLevel)(
    '$name returns data from the workspace level with one workspace selected',
    async ({ name, query }) => {
      const selected = name.endsWith(':unhealthyWorkspacesQuery') ? await downWorkspace() : WORKSPACE;
      expect(selected).toBeDefined();
      const expanded = expand(query, fleetVariables(options, { [VAR_WORKSPACE]: [selected!] }));
      expect(expanded).toContain(`${LEVELS.workspace}`);
      await expect(seriesCount(expanded).then((n) => ({ query: expanded, hasData: n > 0 }))).resolves.toEqual({
        query: expanded,
        hasData: true,
      });
    }
  );

  it(`matches ${DOTTED_CLUSTER} literally: not cluster-a`, async () => {
    const list = byCluster.find((q) => q.name.endsWith(':topWorkspacesByRequestsQuery'))!;
    const expanded = expand(list.query, fleetVariables(options, { [VAR_CLUSTER]: [DOTTED_CLUSTER] }));
    expect(expanded).toContain('cluster_id=~"cluster\\\\.a"');
    await expect(seriesCount(expanded)).resolves.toBe(0);
  });
});
