import fs from 'node:fs';
import os from 'node:os';

import { LABELS, RECORDED } from '../../src/queries/metrics';
import type { PromVariable } from '../../src/queries/prometheusInterpolation';
import { LEVELS, VAR_CLUSTER, VAR_PLAN, VAR_WORKSPACE } from '../../src/scenes/variableNames';
import { enumerateQueries, expand, fleetVariables } from '../integration/promqlQueries';
import { DESIGN_MAX_DATA_POINTS, DESIGN_QUERIES } from './designQueries';
import { alignedRange, grafanaInterval, intervalMacros } from './grafanaStep';
import { LIST_PER_PAGE } from '../../src/pages/workspaces/WorkspaceList';
import { appPages, queryNameOf, type PageTarget } from './pageTargets';
import { getData, measure, type Measured } from './prometheusClient';
import { durationMs, summarize, type QueryResult, type BenchResults, type RuleResult } from './results';

// The fleet benchmark (scripts/bench.sh starts Prometheus on the generated TSDB and sets the
// environment): every page's Prometheus queries as Grafana sends them, the design's dashboard and
// every rule group, timed; the results go to BENCH_OUT as JSON for scripts/bench/report.mjs.
function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the benchmark with scripts/bench.sh`);
  }
  return value;
}

const optionalNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : null);

const PROMETHEUS_URL = env('PROMETHEUS_URL');
const END_MS = Date.parse(env('BENCH_END'));
const WINDOW_MS = durationMs(env('BENCH_WINDOW'));
// The datasource's scrape interval ("timeInterval") matches the data's interval.
const SCRAPE_MS = durationMs(env('BENCH_INTERVAL'));
const REPEAT = Number(env('BENCH_REPEAT'));
// Longer than Prometheus' own 2 min query timeout: its error is what gets reported.
const REQUEST_TIMEOUT_MS = 180000;
// The time ranges measured: those the data covers.
const RANGES = ['1h', '6h', '24h'].filter((r) => durationMs(r) <= WINDOW_MS);

const seconds = (ms: number) => String(ms / 1000);

interface GrafanaRequest {
  kind: QueryResult['kind'];
  stepS: number;
  path: string;
  params: Record<string, string>;
  /** The PromQL expression, or the selector of a label-values request. */
  query: string;
}

/** The request Grafana sends for a target over a range (instant queries: at its end). */
function request(
  target: Pick<PageTarget, 'expr' | 'instant' | 'maxDataPoints' | 'variable'>,
  rangeMs: number,
  variables: Record<string, PromVariable>
): GrafanaRequest {
  if (target.variable) {
    const [, selector, label] = expand(target.expr, variables, {}).match(/^label_values\((.*), (\w+)\)$/)!;
    const { start, end } = alignedRange(END_MS, rangeMs, 1000);
    return {
      kind: 'labels',
      stepS: 0,
      path: `/api/v1/label/${label}/values`,
      params: { 'match[]': selector, start: seconds(start), end: seconds(end) },
      query: selector,
    };
  }
  const interval = grafanaInterval(rangeMs, target.maxDataPoints, SCRAPE_MS);
  const query = expand(target.expr, variables, intervalMacros(interval, SCRAPE_MS));
  if (target.instant) {
    return {
      kind: 'instant',
      stepS: 0,
      path: '/api/v1/query',
      params: { query, time: seconds(END_MS) },
      query,
    };
  }
  const { start, end } = alignedRange(END_MS, rangeMs, interval.stepMs);
  return {
    kind: 'range',
    stepS: interval.stepMs / 1000,
    path: '/api/v1/query_range',
    params: { query, start: seconds(start), end: seconds(end), step: seconds(interval.stepMs) },
    query,
  };
}

/** One warm-up run with stats=all (for the samples touched; its time is not counted), then REPEAT timed runs. */
async function run(
  path: string,
  params: Record<string, string>
): Promise<{ runs: Measured[]; samples: number; error?: string }> {
  const withStats = path.startsWith('/api/v1/label') ? params : { ...params, stats: 'all' };
  const warm = await measure(PROMETHEUS_URL, path, withStats, REQUEST_TIMEOUT_MS);
  if (warm.error) {
    return { runs: [warm], samples: 0, error: warm.error };
  }
  const runs: Measured[] = [];
  for (let i = 0; i < REPEAT; i++) {
    runs.push(await measure(PROMETHEUS_URL, path, params, REQUEST_TIMEOUT_MS));
  }
  return { runs, samples: warm.samples, error: runs.find((r) => r.error)?.error };
}

async function labelValues(selector: string, label: string): Promise<string[]> {
  return getData<string[]>(PROMETHEUS_URL, `/api/v1/label/${label}/values`, { 'match[]': selector });
}

describe('fleet benchmark', () => {
  const results: BenchResults = {
    workspaces: Number(env('BENCH_WORKSPACES')),
    window: env('BENCH_WINDOW'),
    end: env('BENCH_END'),
    seed: Number(env('BENCH_SEED')),
    interval: env('BENCH_INTERVAL'),
    repeat: REPEAT,
    build: {
      rawSeconds: optionalNumber('BENCH_RAW_SECONDS'),
      rulesSeconds: optionalNumber('BENCH_RULES_SECONDS'),
      mergeSeconds: optionalNumber('BENCH_MERGE_SECONDS'),
      blocksBytes: optionalNumber('BENCH_BLOCKS_BYTES'),
      promtool: process.env.BENCH_PROMTOOL_VERSION ?? '',
    },
    prometheus: '',
    load: [],
    series: { raw: 0, recorded: 0 },
    selected: { workspace: '', cluster: '' },
    queries: [],
    rules: [],
    unmatched: [],
    unused: [],
  };

  it('measures every page query, the design dashboard and the rule groups', async () => {
    // Anything else running on the machine shows in the load average, recorded with the results.
    results.load.push(os.loadavg()[0]);
    results.prometheus = (await getData<{ version: string }>(PROMETHEUS_URL, '/api/v1/status/buildinfo')).version;
    const count = async (selector: string) =>
      Number(
        (
          await getData<{ result: Array<{ value: [number, string] }> }>(PROMETHEUS_URL, '/api/v1/query', {
            query: `count(${selector})`,
            time: seconds(END_MS),
          })
        ).result[0]?.value[1] ?? 0
      );
    results.series = {
      raw: await count('{__name__=~"hexabase_.+|node_.+"}'),
      recorded: await count('{__name__=~".+:.+"}'),
    };

    const options: Record<string, string[]> = {
      [VAR_PLAN]: await labelValues(RECORDED.vclustersCount, LABELS.plan),
      [VAR_CLUSTER]: await labelValues(RECORDED.vclustersCount, LABELS.cluster),
      [VAR_WORKSPACE]: await labelValues(RECORDED.vclustersCount, LABELS.workspace),
    };
    const workspace = options[VAR_WORKSPACE][0];
    const [cluster] = await labelValues(
      `${RECORDED.vclustersCount}{${LABELS.workspace}="${workspace}"}`,
      LABELS.cluster
    );
    results.selected = { workspace, cluster };
    const selections: Array<{ name: string; variables: Record<string, PromVariable> }> = [
      { name: 'All', variables: fleetVariables(options, {}) },
      {
        name: `${cluster}, ${workspace}`,
        variables: fleetVariables(options, { [VAR_CLUSTER]: [cluster], [VAR_WORKSPACE]: [workspace] }),
      },
    ];

    const enumerated = enumerateQueries(workspace);
    // The backend lists workspaces sorted by id, as label values come.
    const pages = appPages(workspace, options[VAR_WORKSPACE].slice(0, LIST_PER_PAGE));
    const targets = pages.flatMap((p) =>
      p.targets.map((t) => ({ ...t, fleet: p.fleet, name: queryNameOf(t, enumerated) }))
    );
    results.unmatched = targets.filter((t) => !t.name).map((t) => `${t.page} / ${t.panel}: ${t.expr}`);
    results.unused = enumerated.filter((q) => !targets.some((t) => t.name === q.name)).map((q) => q.name);

    // Instant queries do not depend on the range: measured once per selection.
    const instantCache = new Map<string, QueryResult>();
    for (const range of RANGES) {
      const rangeMs = durationMs(range);
      for (const target of targets) {
        for (const selection of target.fleet ? selections : [{ name: workspace, variables: {} }]) {
          const req = request(target, rangeMs, selection.variables);
          const key = `${req.kind}:${req.query}`;
          const cached = req.kind === 'instant' ? instantCache.get(key) : undefined;
          const measured = cached ? undefined : await run(req.path, req.params);
          const result: QueryResult = cached
            ? { ...cached, range, selection: selection.name }
            : {
                source: 'app',
                page: target.page,
                panel: target.panel,
                refId: target.refId,
                name: target.name ?? '',
                selection: selection.name,
                range,
                kind: req.kind,
                stepS: req.stepS,
                query: req.query,
                ...summarize(measured!.runs),
                samples: measured!.samples,
                error: measured!.error,
              };
          if (!cached && result.series === 0 && req.query.includes(LEVELS.planCluster)) {
            const atWorkspaces = req.query.replaceAll(LEVELS.planCluster, LEVELS.workspace);
            const last = await measure(
              PROMETHEUS_URL,
              req.path,
              { ...req.params, query: atWorkspaces },
              REQUEST_TIMEOUT_MS
            );
            result.workspaceLevelSeries = last.series;
          }
          if (req.kind === 'instant') {
            instantCache.set(key, result);
          }
          results.queries.push(result);
        }
      }
      for (const design of DESIGN_QUERIES) {
        const req = request(
          { expr: design.expr, instant: false, maxDataPoints: DESIGN_MAX_DATA_POINTS, variable: false },
          rangeMs,
          {}
        );
        const measured = await run(req.path, req.params);
        results.queries.push({
          source: 'design',
          page: 'Design dashboard',
          panel: design.panel,
          refId: 'A',
          name: '',
          selection: 'All',
          range,
          kind: req.kind,
          stepS: req.stepS,
          query: req.query,
          ...summarize(measured.runs),
          samples: measured.samples,
          error: measured.error,
        });
      }
    }

    // Each rule as the evaluator runs it: an instant query at one time, the group's rules in turn.
    const groups = (
      await getData<{
        groups: Array<{ name: string; interval: number; rules: Array<{ name: string; type: string; query: string }> }>;
      }>(PROMETHEUS_URL, '/api/v1/rules')
    ).groups;
    for (const group of groups) {
      for (const rule of group.rules) {
        const measured = await run('/api/v1/query', { query: rule.query, time: seconds(END_MS) });
        const rr: RuleResult = {
          group: group.name,
          intervalS: group.interval,
          rule: rule.name,
          type: rule.type,
          ...summarize(measured.runs),
          samples: measured.samples,
          error: measured.error,
        };
        results.rules.push(rr);
      }
    }

    results.load.push(os.loadavg()[0]);
    fs.writeFileSync(env('BENCH_OUT'), JSON.stringify(results, null, 1));

    expect(results.unmatched).toEqual([]);
    expect(results.unused).toEqual([]);
    expect(
      results.queries.filter((q) => q.source === 'app' && q.error).map((q) => `${q.page} / ${q.panel}: ${q.error}`)
    ).toEqual([]);
    expect(results.rules.filter((r) => r.error)).toEqual([]);
    // A total that finds no plan and cluster series would be timed fast and measure nothing,
    // unless the workspace level has nothing either.
    expect(
      results.queries
        .filter((q) => q.source === 'app' && q.query.includes(LEVELS.planCluster) && q.series === 0)
        .filter((q) => q.workspaceLevelSeries !== 0)
        .map((q) => `${q.page} / ${q.panel} (${q.range}): ${q.query}`)
    ).toEqual([]);
    expect(RANGES.length).toBeGreaterThan(0);
  });
});
