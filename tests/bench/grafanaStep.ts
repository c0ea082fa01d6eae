// The step and interval macros Grafana sends to Prometheus for a panel, from its time range and
// maxDataPoints and the datasource's scrape interval ("timeInterval"):
// grafana/grafana pkg/promlib/models/query.go calculatePrometheusInterval: the larger of the
//   frontend's interval (its lower limit the scrape interval), range/maxDataPoints rounded, and
//   range/11000 rounded; calculateRateInterval: $__rate_interval = max(interval + scrape, 4 × scrape);
//   AlignTimeRange: start and end rounded down to a multiple of the step.
// grafana/grafana packages/grafana-data/src/datetime/rangeutil.ts calculateInterval: the frontend's
//   interval, range/maxDataPoints rounded, at least the scrape interval (what scenes' runner sends).
// grafana/grafana pkg/promlib/intervalv2/intervalv2.go Calculate: below the minimum, the minimum.
// grafana/grafana-plugin-sdk-go backend/gtime/gtime.go RoundInterval and FormatInterval.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SAFE_RESOLUTION = 11000;

// gtime.RoundInterval: [upper bound, rounded] in ms, first match wins.
const ROUNDING: Array<[number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, SECOND],
  [3500, 2 * SECOND],
  [7500, 5 * SECOND],
  [12500, 10 * SECOND],
  [17500, 15 * SECOND],
  [25000, 20 * SECOND],
  [45000, 30 * SECOND],
  [90000, MINUTE],
  [210000, 2 * MINUTE],
  [450000, 5 * MINUTE],
  [750000, 10 * MINUTE],
  [1050000, 15 * MINUTE],
  [1500000, 20 * MINUTE],
  [2700000, 30 * MINUTE],
  [5400000, HOUR],
  [9000000, 2 * HOUR],
  [16200000, 3 * HOUR],
  [32400000, 6 * HOUR],
  [86400000, 12 * HOUR],
  [604800000, DAY],
  [1814400000, 7 * DAY],
];

export function roundInterval(ms: number): number {
  const match = ROUNDING.find(([upper]) => ms <= upper);
  if (match) {
    return match[1];
  }
  return ms < 3628800000 ? 30 * DAY : 365 * DAY;
}

export interface GrafanaInterval {
  /** The frontend's interval (intervalMs of the request). */
  intervalMs: number;
  /** The step the backend sends to Prometheus. */
  stepMs: number;
}

/** The intervals of a panel's query over rangeMs with this maxDataPoints and scrape interval. */
export function grafanaInterval(rangeMs: number, maxDataPoints: number, scrapeMs: number): GrafanaInterval {
  const perPoint = Math.floor(rangeMs / maxDataPoints);
  // Frontend (rangeutil.calculateInterval): rounded, then at least the scrape interval.
  const intervalMs = Math.max(scrapeMs, roundInterval(perPoint));
  // Backend: the frontend's interval is the minimum; above it, rounded; never above 11,000 points.
  const calculated = perPoint < intervalMs ? intervalMs : roundInterval(perPoint);
  return { intervalMs, stepMs: Math.max(calculated, roundInterval(Math.floor(rangeMs / SAFE_RESOLUTION))) };
}

/** gtime.FormatInterval: the largest whole unit, as $__interval reads. */
export function formatInterval(ms: number): string {
  const units: Array<[number, string]> = [
    [365 * DAY, 'y'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
  ];
  const unit = units.find(([size]) => ms >= size);
  return unit ? `${Math.floor(ms / unit[0])}${unit[1]}` : `${Math.max(1, Math.floor(ms))}ms`;
}

/** Go's time.Duration.String for whole seconds (2m30s, 1h0m0s), as $__rate_interval reads. */
export function goDuration(ms: number): string {
  const total = Math.floor(ms / SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) {
    return `${h}h${m}m${s}s`;
  }
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** The interval macros of a query (query.go InterpolateVariables). */
export function intervalMacros(i: GrafanaInterval, scrapeMs: number): Record<string, string> {
  return {
    $__rate_interval: goDuration(Math.max(i.intervalMs + scrapeMs, 4 * scrapeMs)),
    $__interval: formatInterval(i.stepMs),
  };
}

/** A range's start and end rounded down to a multiple of the step (UTC offset 0). */
export function alignedRange(endMs: number, rangeMs: number, stepMs: number): { start: number; end: number } {
  const align = (t: number) => Math.floor(t / stepMs) * stepMs;
  return { start: align(endMs - rangeMs), end: align(endMs) };
}
