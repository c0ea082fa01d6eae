import fs from 'node:fs';
import path from 'node:path';

// Every PromQL query of the app, enumerated from the query modules (those built on ./promql; a
// query is an exported function named *Query), runs against the real Prometheus that scrapes the
// simulator and must return data.
const PROMETHEUS_URL = process.env.PROMETHEUS_URL;
const WORKSPACE = process.env.SIMULATOR_WORKSPACE;
const QUERY_DIR = path.resolve(__dirname, '../../src/queries');

// What Grafana substitutes before a query reaches Prometheus, for an "All" selection.
const GRAFANA_VARIABLES: Record<string, string> = {
  '${plan:regex}': '.*',
  '${cluster:regex}': '.*',
  '${workspace:regex}': '.*',
  $__interval: '1m',
  $__rate_interval: '1m',
};

function interpolate(query: string): string {
  return Object.entries(GRAFANA_VARIABLES).reduce((q, [name, value]) => q.split(name).join(value), query);
}

function promqlModules(): string[] {
  return fs
    .readdirSync(QUERY_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'promql.ts')
    .filter((f) => fs.readFileSync(path.join(QUERY_DIR, f), 'utf8').includes("from './promql'"));
}

interface NamedQuery {
  name: string;
  query: string;
}

function enumerateQueries(): NamedQuery[] {
  const out: NamedQuery[] = [];
  for (const file of promqlModules()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(QUERY_DIR, file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === 'function' && name.endsWith('Query')) {
        out.push({ name: `${file}:${name}`, query: fn.length > 0 ? fn(WORKSPACE) : fn() });
      }
    }
  }
  return out;
}

async function prometheus(pathAndQuery: string): Promise<{ status: string; data: unknown; error?: string }> {
  const response = await fetch(`${PROMETHEUS_URL}${pathAndQuery}`);
  return response.json();
}

async function seriesCount(query: string): Promise<number> {
  const labelValues = query.match(/^label_values\((.*), (\w+)\)$/);
  if (labelValues) {
    const [, selector, label] = labelValues;
    const body = await prometheus(`/api/v1/label/${label}/values?match[]=${encodeURIComponent(selector)}`);
    if (body.status !== 'success') {
      throw new Error(body.error);
    }
    return (body.data as string[]).length;
  }
  const body = await prometheus(`/api/v1/query?query=${encodeURIComponent(query)}`);
  if (body.status !== 'success') {
    throw new Error(body.error);
  }
  return (body.data as { result: unknown[] }).result.length;
}

describe('PromQL queries of the app on a real Prometheus fed by the simulator', () => {
  it('runs where the test command started Prometheus and the simulator', () => {
    expect({ PROMETHEUS_URL, WORKSPACE }).toEqual({
      PROMETHEUS_URL: expect.any(String),
      WORKSPACE: expect.any(String),
    });
  });

  const queries = enumerateQueries();

  it('finds the query modules', () => {
    expect(queries.length).toBeGreaterThan(5);
  });

  it.each(queries)('$name returns data', async ({ query }) => {
    const expanded = interpolate(query);
    await expect(seriesCount(expanded).then((n) => ({ query: expanded, hasData: n > 0 }))).resolves.toEqual({
      query: expanded,
      hasData: true,
    });
  });
});
