// Grafana's processing of a ClickHouse query: frontend variable interpolation, then the backend's
// macros (grafana/clickhouse-datasource pkg/macros/macros.go, parsed by grafana/macropro).
export interface ClickHouseQueryContext {
  from: Date;
  to: Date;
  intervalSeconds: number;
  /** Template variable values; an array is a multi-value selection. */
  variables?: Record<string, string | string[]>;
}

export function expandClickHouseMacros(sql: string, ctx: ClickHouseQueryContext): string {
  return expandMacros(interpolateVariables(sql, ctx.variables ?? {}), ctx);
}

type Value = string | string[];

const quoteEach = (value: Value, quote: string, escape: (v: string) => string) =>
  (Array.isArray(value) ? value : [value]).map((v) => `${quote}${escape(v)}${quote}`).join(',');

const escapeRegex = (v: string) => v.replace(/[\\^$*+?.()|[\]{}\/]/g, '\\$&');

// The formats of Grafana's format registry (scenes' formatRegistry), for string values.
const FORMATS: Record<string, (value: Value) => string> = {
  singlequote: (value) => quoteEach(value, "'", (v) => v.replace(/'/g, "\\'")),
  doublequote: (value) => quoteEach(value, '"', (v) => v.replace(/"/g, '\\"')),
  sqlstring: (value) => quoteEach(value, "'", (v) => v.replace(/'|"/g, (c) => (c === "'" ? "''" : '\\"'))),
  csv: (value) => (Array.isArray(value) ? value.join(',') : value),
  raw: (value) => String(value),
  pipe: (value) => (Array.isArray(value) ? value.join('|') : value),
  regex: (value) => {
    if (!Array.isArray(value)) {
      return escapeRegex(value);
    }
    return value.length === 1 ? escapeRegex(value[0]) : `(${value.map(escapeRegex).join('|')})`;
  },
};

// Without a format the ClickHouse datasource quotes multi-value selections and keeps single values raw.
const clickHouseDefaultFormat = (value: Value) => (Array.isArray(value) ? `'${value.join("','")}'` : value);

// Grafana's variable syntaxes: $var, [[var]] / [[var:fmt]], ${var} / ${var:fmt}.
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

/** Replaces the known variables; unknown ones (and `$__` macros) stay as they are, as in Grafana. */
export function interpolateVariables(sql: string, variables: Record<string, Value>): string {
  return sql.replace(VARIABLE_REGEX, (match, plain, bracket, bracketFmt, braced, bracedFmt) => {
    const name: string = plain ?? bracket ?? braced;
    const format: string | undefined = bracketFmt ?? bracedFmt;
    if (!Object.prototype.hasOwnProperty.call(variables, name)) {
      return match;
    }
    if (format === undefined) {
      return clickHouseDefaultFormat(variables[name]);
    }
    const formatter = FORMATS[format];
    if (!formatter) {
      throw new Error(`variable format ${format} of ${match} is not reproduced`);
    }
    return formatter(variables[name]);
  });
}

type MacroFn = (ctx: ClickHouseQueryContext, args: string[]) => string;

const unix = (d: Date) => Math.floor(d.getTime() / 1000);
const toDateTime = (d: Date) => `toDateTime(${unix(d)})`;
const toDateTime64 = (d: Date) => `fromUnixTimestamp64Milli(${d.getTime()})`;
// The plugin formats dates in its process's zone, UTC in Grafana's images.
const toDate = (d: Date) => `toDate('${d.toISOString().slice(0, 10)}')`;
const intervalMs = (ctx: ClickHouseQueryContext) => Math.trunc(ctx.intervalSeconds * 1000);
const intervalS = (ctx: ClickHouseQueryContext) => Math.trunc(Math.max(ctx.intervalSeconds, 1));

/** A macro that takes exactly `n` arguments. */
function takes(name: string, n: number, fn: MacroFn): MacroFn {
  return (ctx, args) => {
    if (args.length !== n) {
      throw new Error(`${name} requires ${n} argument${n === 1 ? '' : 's'}, received ${args.length}`);
    }
    return fn(ctx, args);
  };
}

const between = (col: string, lo: string, hi: string) => `${col} >= ${lo} AND ${col} <= ${hi}`;

const DURATION_UNITS: Array<[number, string]> = [
  [365 * 86400000, 'y'],
  [86400000, 'd'],
  [3600000, 'h'],
  [60000, 'm'],
  [1000, 's'],
  [1, 'ms'],
];

/** macropro's FormatDuration: the largest unit that fits, truncated; "1ms" below a millisecond. */
function formatDuration(ms: number): string {
  const unit = DURATION_UNITS.find(([size]) => ms >= size);
  return unit ? `${Math.trunc(ms / unit[0])}${unit[1]}` : '1ms';
}

const dateTimeFilter = takes(
  'dateTimeFilter',
  2,
  (ctx, [dateCol, timeCol]) =>
    `(${between(dateCol, toDate(ctx.from), toDate(ctx.to))}) AND (${between(timeCol, toDateTime(ctx.from), toDateTime(ctx.to))})`
);

// The ClickHouse datasource's macro set: macropro's defaults with ClickHouse's overrides.
const MACROS: Record<string, MacroFn> = {
  fromTime: (ctx) => toDateTime(ctx.from),
  toTime: (ctx) => toDateTime(ctx.to),
  fromTime_ms: (ctx) => toDateTime64(ctx.from),
  toTime_ms: (ctx) => toDateTime64(ctx.to),
  timeFilter: takes('timeFilter', 1, (ctx, [col]) => between(col, toDateTime(ctx.from), toDateTime(ctx.to))),
  timeFilter_ms: takes('timeFilter_ms', 1, (ctx, [col]) => between(col, toDateTime64(ctx.from), toDateTime64(ctx.to))),
  timeFrom: takes('timeFrom', 1, (ctx, [col]) => `${col} >= ${toDateTime(ctx.from)}`),
  timeTo: takes('timeTo', 1, (ctx, [col]) => `${col} <= ${toDateTime(ctx.to)}`),
  dateFilter: takes('dateFilter', 1, (ctx, [col]) => between(col, toDate(ctx.from), toDate(ctx.to))),
  dateTimeFilter,
  dt: dateTimeFilter,
  timeInterval: takes(
    'timeInterval',
    1,
    (ctx, [col]) => `toStartOfInterval(toDateTime(${col}), INTERVAL ${intervalS(ctx)} second)`
  ),
  timeInterval_ms: takes(
    'timeInterval_ms',
    1,
    (ctx, [col]) => `toStartOfInterval(toDateTime64(${col}, 3), INTERVAL ${Math.max(intervalMs(ctx), 1)} millisecond)`
  ),
  interval_s: (ctx) => String(intervalS(ctx)),
  interval: (ctx) => formatDuration(intervalMs(ctx)),
  interval_ms: (ctx) => String(intervalMs(ctx)),
};

// Macros the datasource knows that this module does not reproduce: an error, not a silent difference.
const NOT_REPRODUCED = [
  'timeGroup',
  'table',
  'column',
  'columns',
  'rateColumns',
  'perSecondColumns',
  'increaseColumns',
  'lttb',
];

// macropro matches names longest first, so $__timeFilter_ms is never read as $__timeFilter.
const NAMES = [...Object.keys(MACROS), ...NOT_REPRODUCED].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Positions and characters of `s` from `from` on that stand outside '…' and "…". */
function* unquoted(s: string, from = 0): Generator<[number, string]> {
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      quote = c === quote ? '' : quote;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else {
      yield [i, c];
    }
  }
}

/** Index of the ')' closing the '(' at `open`, skipping quoted text; -1 when unbalanced. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (const [i, c] of unquoted(s, open)) {
    if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** Splits macro arguments on top-level commas outside quotes, trimming each. */
function parseArgs(raw: string): string[] {
  const text = raw.trim();
  if (text === '') {
    return [];
  }
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (const [i, c] of unquoted(text)) {
    if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (depth === 0) {
        throw new Error(`unexpected ')' at position ${i}`);
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) {
    throw new Error('unbalanced parentheses in arguments');
  }
  args.push(text.slice(start).trim());
  return args;
}

function replaceMacro(sql: string, name: string, ctx: ClickHouseQueryContext): string {
  const token = `$__${name}`;
  let out = '';
  let rest = sql;
  for (let idx = rest.indexOf(token); idx !== -1; idx = rest.indexOf(token)) {
    const after = idx + token.length;
    if (isNameChar(rest[after])) {
      out += rest.slice(0, after);
      rest = rest.slice(after);
      continue;
    }
    out += rest.slice(0, idx);
    rest = rest.slice(after);
    let raw = '';
    const end = rest.startsWith('(') ? closingParen(rest, 0) : -1;
    if (end !== -1) {
      raw = rest.slice(1, end);
      rest = rest.slice(end + 1);
    }
    let args: string[];
    try {
      args = parseArgs(raw);
    } catch (e) {
      throw new Error(`macro ${token}: ${(e as Error).message}`);
    }
    const fn = MACROS[name];
    if (!fn) {
      throw new Error(`macro ${token} is not reproduced by expandClickHouseMacros`);
    }
    try {
      out += fn(ctx, args);
    } catch (e) {
      throw new Error(`macro ${token}(${args.join(', ')}): ${(e as Error).message}`);
    }
  }
  return out + rest;
}

/** Index just after the quoted literal opening at `pos` (a doubled quote continues it). */
function stringLiteralEnd(s: string, pos: number): number {
  for (let j = pos + 1; j < s.length; j++) {
    if (s[j] === s[pos]) {
      if (s[j + 1] !== s[pos]) {
        return j + 1;
      }
      j++;
    }
  }
  return s.length;
}

/** macropro's StripComments for -- and block comments: blanked to spaces, quoted text kept. */
export function stripComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    let j = i + 1;
    if (c === "'" || c === '"') {
      j = stringLiteralEnd(sql, i);
      out += sql.slice(i, j);
    } else if (c === '-' && sql[i + 1] === '-') {
      j = i + sql.slice(i).search(/[\r\n]|$/);
      out += ' '.repeat(j - i);
    } else if (c === '/' && sql[i + 1] === '*') {
      j = sql.indexOf('*/', i + 2);
      j = j === -1 ? sql.length : j + 2;
      out += ' '.repeat(j - i);
    } else {
      out += c;
    }
    i = j;
  }
  return out;
}

export function expandMacros(sql: string, ctx: ClickHouseQueryContext): string {
  return NAMES.reduce((text, name) => replaceMacro(text, name, ctx), stripComments(sql));
}
