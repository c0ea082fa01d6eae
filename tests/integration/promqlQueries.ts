import fs from 'node:fs';
import path from 'node:path';

import { ALL, interpolatePromQL, type PromVariable } from '../../src/queries/prometheusInterpolation';
import {
  FLEET_ALL_VALUES,
  LEVELS,
  VAR_CLUSTER,
  VAR_LEVEL,
  VAR_PLAN,
  VAR_WORKSPACE,
} from '../../src/scenes/variableNames';

// Every PromQL query of the app, enumerated from the query modules (those built on ./promql; a
// query is an exported function named *Query), as the integration test and the benchmark run them.
const QUERY_DIR = path.resolve(__dirname, '../../src/queries');

export interface NamedQuery {
  /** module:function, e.g. fleet.ts:requestRateQuery. */
  name: string;
  query: string;
}

function promqlModules(): string[] {
  return fs
    .readdirSync(QUERY_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'promql.ts')
    .filter((f) => fs.readFileSync(path.join(QUERY_DIR, f), 'utf8').includes("from './promql'"));
}

/** Each query with its defaults; a query of one workspace gets this workspace. */
export function enumerateQueries(workspace: string | undefined): NamedQuery[] {
  const out: NamedQuery[] = [];
  for (const file of promqlModules()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(QUERY_DIR, file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === 'function' && name.endsWith('Query')) {
        out.push({ name: `${file}:${name}`, query: fn.length > 0 ? fn(workspace) : fn() });
      }
    }
  }
  return out;
}

/**
 * The fleet variables as the pages define them (multi-value with All), with these selections, and
 * the hidden level the pages derive from the workspace selection (FleetLevelVariable).
 */
export function fleetVariables(
  options: Record<string, string[]>,
  selected: Record<string, string | string[]>
): Record<string, PromVariable> {
  const level = selected[VAR_WORKSPACE] === undefined ? LEVELS.planCluster : LEVELS.workspace;
  return {
    ...Object.fromEntries(
      [VAR_PLAN, VAR_CLUSTER, VAR_WORKSPACE].map((name) => [
        name,
        {
          value: selected[name] ?? ALL,
          options: options[name],
          isMulti: true,
          includeAll: true,
          allValue: FLEET_ALL_VALUES[name],
        },
      ])
    ),
    [VAR_LEVEL]: { value: level, isMulti: false, includeAll: false },
  };
}

/** Grafana's interval macros (substituted by its backend), then the page's variables. */
export function expand(query: string, variables: Record<string, PromVariable>, macros: Record<string, string>): string {
  const withMacros = Object.entries(macros).reduce((q, [name, value]) => q.split(name).join(value), query);
  return interpolatePromQL(withMacros, variables);
}
