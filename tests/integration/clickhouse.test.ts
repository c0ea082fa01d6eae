import { spawnSync } from 'child_process';
import { closeSync, existsSync, openSync, readSync } from 'fs';
import path from 'path';

import * as analytics from '../../src/queries/analytics';
import { expandClickHouseMacros } from '../../src/queries/clickhouseMacros';
import { VAR_CLUSTER, VAR_PLAN } from '../../src/scenes/variableNames';

// Every exported query of analytics.ts, run on ClickHouse (chdb) over the simulator's rows, as Grafana
// would send it for the last 90 days: unfiltered, and filtered with every plan and cluster selected.
const ROOT = path.resolve(__dirname, '../..');
const RUNNER = path.join(__dirname, 'chdb_runner.py');
const SCHEMA = path.join(ROOT, 'analytics/schema.sql');
const TABLES = ['deployments', 'aiops_operations', 'resource_usage'];
const DAY_MS = 86400000;

type QueryFn = (opts?: analytics.AnalyticsOptions) => string;
interface Result {
  name: string | null;
  rows: number;
  sample: unknown;
  error: string | null;
}

const queryFns = Object.entries(analytics).filter((e): e is [string, QueryFn] => typeof e[1] === 'function');
const variants: Array<[string, analytics.AnalyticsOptions | undefined]> = [
  ['()', undefined],
  ['(filtered by plan and cluster)', { filterBy: [VAR_PLAN, VAR_CLUSTER] }],
];
const cases = queryFns.flatMap(([fn, build]) =>
  variants.map(([suffix, opts]) => ({ name: `${fn}${suffix}`, build: () => (opts ? build(opts) : build()) }))
);

function requiredEnv(name: string, what: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: ${what}. Run: bash scripts/integration-clickhouse.sh ANALYTICS_DIR`);
  }
  if (!existsSync(value)) {
    throw new Error(`${name}=${value} does not exist: ${what}`);
  }
  return value;
}

/** Distinct values of string fields in a JSONEachRow file, read in chunks (the file can be large). */
function distinctValues(file: string, fields: string[]): Record<string, string[]> {
  const found: Record<string, Set<string>> = Object.fromEntries(fields.map((f) => [f, new Set<string>()]));
  const patterns = fields.map((f) => [f, new RegExp(`"${f}":"([^"]*)"`, 'g')] as const);
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  let carry = '';
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      const text = carry + buf.toString('utf8', 0, n);
      const cut = text.lastIndexOf('\n') + 1;
      for (const [f, re] of patterns) {
        for (const m of text.slice(0, cut).matchAll(re)) {
          found[f].add(m[1]);
        }
      }
      carry = text.slice(cut);
    }
  } finally {
    closeSync(fd);
  }
  return Object.fromEntries(fields.map((f) => [f, [...found[f]].sort()]));
}

describe('analytics queries on ClickHouse (chdb)', () => {
  const results = new Map<string, Result>();
  const sqlByName = new Map<string, string>();
  const loaded = new Map<string, number>();

  beforeAll(() => {
    const dir = requiredEnv('ANALYTICS_DIR', 'the directory of the simulator rows (<table>.jsonl)');
    const python = requiredEnv('CHDB_PYTHON', 'the python of the venv made by scripts/lib/python-env.sh');
    const values = distinctValues(path.join(dir, 'deployments.jsonl'), ['plan_type', 'cluster_id']);
    const to = new Date();
    const ctx = {
      from: new Date(to.getTime() - 90 * DAY_MS),
      to,
      intervalSeconds: 86400,
      variables: { [VAR_PLAN]: values.plan_type, [VAR_CLUSTER]: values.cluster_id },
    };
    for (const c of cases) {
      sqlByName.set(c.name, expandClickHouseMacros(c.build(), ctx));
    }
    const input = [...sqlByName].map(([name, sql]) => JSON.stringify({ name, sql })).join('\n') + '\n';
    const run = spawnSync(python, [RUNNER, '--schema', SCHEMA, '--data', dir], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (run.status !== 0) {
      throw new Error(`chdb_runner.py exited with ${run.status ?? run.signal}:\n${run.stderr}${run.error ?? ''}`);
    }
    for (const m of run.stderr.matchAll(/hexabase\.(\w+): (\d+) rows/g)) {
      loaded.set(m[1], Number(m[2]));
    }
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const r: Result = JSON.parse(line);
      results.set(r.name ?? '', r);
    }
  });

  it('enumerates the query functions of analytics.ts', () => {
    expect(queryFns.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'aiopsOperationsByAgentStatusQuery',
        'aiopsSuccessRatioByAgentWeeklyQuery',
        'deploymentSuccessRatioByTypeQuery',
        'deploymentsPerWorkspaceDailyQuery',
        'resourceUsageP95DailyQuery',
      ])
    );
  });

  it.each(TABLES)('loads rows into hexabase.%s', (table) => {
    expect(loaded.get(table) ?? 0).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => c.name))('%s runs and returns rows', (name) => {
    const sql = sqlByName.get(name);
    const r = results.get(name);
    if (!r) {
      throw new Error(`no result for ${name}:\n${sql}`);
    }
    if (r.error) {
      throw new Error(`${name} failed: ${r.error}\n${sql}`);
    }
    if (r.rows < 1) {
      throw new Error(`${name} returned no rows:\n${sql}`);
    }
  });
});
