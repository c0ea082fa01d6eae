import type { Measured } from './prometheusClient';

// The benchmark's results, as scripts/bench/report.mjs reads them from JSON.

export interface Timing {
  medianMs: number;
  p95Ms: number;
  /** Series (or label values) returned, and the answer's size, of the last run. */
  series: number;
  bytes: number;
}

export interface QueryResult extends Timing {
  /** The app's pages, or the platform design's dashboard. */
  source: 'app' | 'design';
  page: string;
  panel: string;
  refId: string;
  /** The enumerated query function (module:function); empty for the design's queries. */
  name: string;
  selection: string;
  range: string;
  kind: 'instant' | 'range' | 'labels';
  stepS: number;
  query: string;
  samples: number;
  /**
   * For a plan and cluster query that found nothing: the series the same query finds at the
   * workspace level. None there too means there was nothing to find (no vCluster down, say).
   */
  workspaceLevelSeries?: number;
  error?: string;
}

export interface RuleResult extends Timing {
  group: string;
  intervalS: number;
  rule: string;
  type: string;
  samples: number;
  error?: string;
}

export interface BenchResults {
  workspaces: number;
  window: string;
  end: string;
  seed: number;
  interval: string;
  repeat: number;
  /** Build times in seconds and the blocks' size; null when not known. */
  build: {
    rawSeconds: number | null;
    rulesSeconds: number | null;
    mergeSeconds: number | null;
    blocksBytes: number | null;
    promtool: string;
  };
  prometheus: string;
  /** The machine's 1-minute load average when the measurement started and when it ended. */
  load: number[];
  series: { raw: number; recorded: number };
  selected: { workspace: string; cluster: string };
  queries: QueryResult[];
  rules: RuleResult[];
  /** Page targets that no enumerated query builds, and enumerated queries no page sends. */
  unmatched: string[];
  unused: string[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function summarize(runs: Measured[]): Timing {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const last = runs[runs.length - 1];
  return { medianMs: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95), series: last.series, bytes: last.bytes };
}

/** 30s, 90m, 24h in milliseconds. */
export function durationMs(text: string): number {
  const match = text.match(/^(\d+)(s|m|h)$/);
  if (!match) {
    throw new Error(`duration ${text}: use s, m or h`);
  }
  return Number(match[1]) * { s: 1000, m: 60000, h: 3600000 }[match[2] as 's' | 'm' | 'h'];
}
