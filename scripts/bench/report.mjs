// report.mjs [--write FILE] [--before RESULTS.json]... RESULTS.json...: the fleet benchmark's tables
// in markdown, from the JSON that tests/bench/fleet.bench.ts writes: the targets, the change from
// the --before results (kept in docs/benchmarks/), and every table of both; with --write, they
// replace the generated part of FILE (between the markers below), else they go to stdout.
import fs from 'node:fs';
import os from 'node:os';

const START = '<!-- fleet-benchmark:generated:start -->';
const END = '<!-- fleet-benchmark:generated:end -->';

const args = process.argv.slice(2);
let target;
const beforeFiles = [];
const afterFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--write') {
    target = args[++i];
  } else if (args[i] === '--before') {
    beforeFiles.push(args[++i]);
  } else {
    afterFiles.push(args[i]);
  }
}
const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const runs = afterFiles.map(read);
const befores = beforeFiles.map(read);
if (runs.length === 0) {
  throw new Error('no results');
}

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n >= 100 ? int(n) : n.toFixed(1));
const kib = (n) => `${int(n / 1024)} KiB`;
const sum = (list, f) => list.reduce((s, x) => s + f(x), 0);
const cell = (s) => String(s).replace(/\|/g, '\\|');
const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
const seconds = (n) => (n === null || Number.isNaN(n) ? 'not measured' : `${int(n)} s`);
const durationS = (t) => Number(t.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[t.slice(-1)];
const pointsPerSeries = (r) => {
  const unit = { s: 1, m: 60, h: 3600 };
  const secs = (t) => Number(t.slice(0, -1)) * unit[t.slice(-1)];
  return Math.floor(secs(r.window) / secs(r.interval)) + 1;
};

function dataTable(runs) {
  return table(
    [
      'workspaces',
      'window',
      'raw series',
      'recorded series',
      'samples (series × points)',
      'blocks on disk',
      'raw: simulator + promtool',
      'recorded: promtool rules',
      'merge',
      'load average at start, end of the measurement',
    ],
    runs.map((r) => [
      int(r.workspaces),
      r.window,
      int(r.series.raw),
      int(r.series.recorded),
      `${(((r.series.raw + r.series.recorded) * pointsPerSeries(r)) / 1e6).toFixed(1)} M`,
      r.build.blocksBytes === null ? 'not measured' : `${(r.build.blocksBytes / 2 ** 30).toFixed(2)} GiB`,
      seconds(r.build.rawSeconds),
      seconds(r.build.rulesSeconds),
      seconds(r.build.mergeSeconds),
      (r.load ?? []).map((l) => l.toFixed(1)).join(', '),
    ])
  );
}

function pageRows(r) {
  const rows = [];
  const ranges = [...new Set(r.queries.map((q) => q.range))];
  const pages = [...new Set(r.queries.map((q) => q.page))];
  for (const range of ranges) {
    const design = r.queries.filter((q) => q.source === 'design' && q.range === range);
    const designMs = sum(design, (q) => q.medianMs);
    const designFails = design.filter((q) => q.error).length;
    for (const page of pages) {
      const ofPage = r.queries.filter((q) => q.page === page && q.range === range);
      for (const selection of [...new Set(ofPage.map((q) => q.selection))]) {
        const qs = ofPage.filter((q) => q.selection === selection);
        const panels = qs.filter((q) => q.kind !== 'labels');
        const variables = qs.filter((q) => q.kind === 'labels');
        const panelMs = sum(panels, (q) => q.medianMs);
        const isDesign = page === 'Design dashboard';
        let ratio = '';
        if (!isDesign && selection === 'All' && panels.length === 0) {
          ratio = 'no panel query';
        } else if (!isDesign && selection === 'All' && designFails === 0) {
          ratio = `${(designMs / panelMs).toFixed(1)}× less`;
        } else if (!isDesign && selection === 'All') {
          ratio = `design: ${designFails} of ${design.length} queries fail`;
        }
        rows.push([
          int(r.workspaces),
          page,
          selection,
          range,
          panels.length,
          ms(panelMs),
          ms(sum(panels, (q) => q.p95Ms)),
          ms(Math.max(0, ...panels.map((q) => q.p95Ms))),
          int(sum(panels, (q) => q.samples)),
          int(sum(panels, (q) => q.series)),
          kib(sum(panels, (q) => q.bytes)),
          variables.length ? ms(sum(variables, (q) => q.medianMs)) : '',
          panels.some((q) => q.error) ? `${panels.filter((q) => q.error).length} fail` : '',
          ratio,
        ]);
      }
    }
  }
  return rows;
}

function ruleRows(r) {
  const groups = [...new Set(r.rules.map((x) => x.group))];
  return groups.map((g) => {
    const rules = r.rules.filter((x) => x.group === g);
    const total = sum(rules, (x) => x.medianMs);
    const slowest = rules.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    return [
      int(r.workspaces),
      g,
      `${rules[0].intervalS} s`,
      rules.length,
      ms(total),
      `${((100 * total) / (rules[0].intervalS * 1000)).toFixed(1)} %`,
      `${slowest.rule} (${ms(slowest.medianMs)})`,
      int(sum(rules, (x) => x.samples)),
      rules.some((x) => x.error) ? `${rules.filter((x) => x.error).length} fail` : '',
    ];
  });
}

function queryRows(r) {
  return r.queries.map((q) => [
    int(r.workspaces),
    q.page,
    q.panel + (q.refId && q.kind !== 'labels' ? ` (${q.refId})` : ''),
    q.name || q.query,
    q.selection,
    q.range,
    q.kind === 'range' ? `range, ${q.stepS} s` : q.kind,
    ms(q.medianMs),
    ms(q.p95Ms),
    int(q.samples),
    int(q.series),
    kib(q.bytes),
    q.error ?? '',
  ]);
}

/** One page's cost for a selection and range: its panels' and its variables' requests. */
function pageStats(r) {
  const out = [];
  const ranges = [...new Set(r.queries.map((q) => q.range))];
  for (const range of ranges) {
    const design = r.queries.filter((q) => q.source === 'design' && q.range === range);
    for (const page of [...new Set(r.queries.map((q) => q.page))]) {
      const ofPage = r.queries.filter((q) => q.page === page && q.range === range);
      for (const selection of [...new Set(ofPage.map((q) => q.selection))]) {
        const qs = ofPage.filter((q) => q.selection === selection);
        const panels = qs.filter((q) => q.kind !== 'labels');
        const variables = qs.filter((q) => q.kind === 'labels');
        out.push({
          workspaces: r.workspaces,
          page,
          selection,
          range,
          panels,
          variables,
          panelMs: sum(panels, (q) => q.medianMs),
          variablesMs: sum(variables, (q) => q.medianMs),
          designMs: sum(design, (q) => q.medianMs),
          designFails: design.filter((q) => q.error).length,
        });
      }
    }
  }
  return out;
}

const mark = (ok) => (ok ? 'met' : '**not met**');

/** The targets of the fleet pages, checked on the largest fleet measured at its longest range. */
function targetSection(runs) {
  const big = runs.reduce((a, b) => (b.workspaces > a.workspaces ? b : a));
  const stats = pageStats(big);
  const range = stats.map((x) => x.range).sort((a, b) => durationS(b) - durationS(a))[0];
  const of = (page) => stats.filter((x) => x.page === page && x.range === range);
  const all = (page) => of(page).find((x) => x.selection === 'All');
  const rows = [];
  const overview = of('Overview');
  const slowest = overview.flatMap((x) => [...x.panels, ...x.variables]).reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
  rows.push([
    'Overview: every query, p95',
    '≤ 100 ms',
    `${ms(slowest.p95Ms)} ms (${slowest.name || slowest.query}, ${slowest.selection})`,
    mark(slowest.p95Ms <= 100),
  ]);
  for (const page of ['Overview', 'Business', 'Workspaces']) {
    const worst = of(page).reduce((a, b) => (b.panelMs + b.variablesMs > a.panelMs + a.variablesMs ? b : a));
    const limit = page === 'Workspaces' ? 300 : 500;
    rows.push([
      `${page}: its queries together (panels and variables, medians)`,
      `≤ ${limit} ms`,
      `${ms(worst.panelMs + worst.variablesMs)} ms (${worst.selection})`,
      mark(worst.panelMs + worst.variablesMs <= limit),
    ]);
  }
  const o = all('Overview');
  rows.push([
    'Overview: less query time than the design dashboard, All',
    '≥ 50×',
    `${(o.designMs / o.panelMs).toFixed(0)}× (${ms(o.panelMs)} against ${ms(o.designMs)} ms)`,
    mark(o.designMs / o.panelMs >= 50),
  ]);
  const ws = of('Workspace')[0];
  rows.push(['Workspace page', '≤ 300 ms', `${ms(ws.panelMs)} ms`, mark(ws.panelMs <= 300)]);
  const small = runs.filter((r) => r !== big).reduce((a, b) => (!a || b.workspaces > a.workspaces ? b : a), undefined);
  const wsSmall = small && pageStats(small).find((x) => x.page === 'Workspace' && x.range === range);
  if (wsSmall) {
    const ratio = ws.panelMs / wsSmall.panelMs;
    rows.push([
      `Workspace page against ${int(small.workspaces)} workspaces, ${range}`,
      '≤ 1.5×',
      `${ratio.toFixed(2)}× (${ms(wsSmall.panelMs)} ms)`,
      mark(ratio <= 1.5),
    ]);
  }
  if (big.health) {
    const { ranking, page, singleQuery } = big.health;
    rows.push([
      'Workspaces list: the backend reads every signal and ranks the fleet (p95; every 30 s, in the background)',
      '≤ 1,000 ms',
      `${ms(ranking.p95Ms)} ms (${int(ranking.bytes / 1024)} KiB read from Prometheus)`,
      mark(ranking.p95Ms <= 1000),
    ]);
    rows.push([
      'Workspaces list: one page from the ranking, what the browser receives (p95)',
      '≤ 1,000 ms, 50 rows',
      `${ms(page.p95Ms)} ms, ${page.series} rows, ${kib(page.bytes)} (one PromQL query ranking the fleet instead: ${int(singleQuery.series)} rows, ${kib(singleQuery.bytes)}, ${ms(singleQuery.medianMs)} ms)`,
      mark(page.p95Ms <= 1000 && page.series <= 50),
    ]);
  }
  for (const g of [...new Set(big.rules.map((x) => x.group))]) {
    const rules = big.rules.filter((x) => x.group === g);
    const share = sum(rules, (x) => x.medianMs) / (rules[0].intervalS * 1000);
    rows.push([`Rule group ${g}`, '< 10 % of its interval', `${(100 * share).toFixed(1)} %`, mark(share < 0.1)]);
  }
  const widest = stats
    .flatMap((x) => x.panels)
    .filter((q) => q.source === 'app')
    .reduce((a, b) => (b.series > a.series ? b : a));
  rows.push([
    'Series returned by one panel query',
    'what the panel shows (top N, quantiles, a page)',
    `at most ${int(widest.series)} (${widest.name})`,
    mark(widest.series <= 50),
  ]);
  return [
    `### Targets at ${int(big.workspaces)} workspaces, ${range}`,
    '',
    table(['target', 'limit', 'measured', ''], rows),
    '',
  ];
}

/** Each page's cost before and after, side by side, with the design dashboard's on the same data. */
function changeSection(befores, runs) {
  const rows = [];
  for (const r of runs) {
    const b = befores.find((x) => x.workspaces === r.workspaces && x.window === r.window);
    if (!b) {
      continue;
    }
    const old = pageStats(b);
    for (const x of pageStats(r)) {
      if (x.page === 'Design dashboard') {
        continue;
      }
      const y = old.find((o) => o.page === x.page && o.selection === x.selection && o.range === x.range);
      const total = (z) => z.panelMs + z.variablesMs;
      rows.push([
        int(r.workspaces),
        x.page,
        x.selection,
        x.range,
        y ? ms(total(y)) : 'not measured',
        ms(total(x)),
        y ? `${(total(y) / total(x)).toFixed(1)}×` : '',
        y && x.selection === 'All' && y.panelMs > 0 ? `${(y.designMs / y.panelMs).toFixed(1)}×` : '',
        x.selection === 'All' && x.panelMs > 0 ? `${(x.designMs / x.panelMs).toFixed(1)}×` : '',
      ]);
    }
  }
  return [
    "### Before and after (each page's panels and variables, sum of the medians in ms; the design dashboard measured in the same run)",
    '',
    table(
      ['workspaces', 'page', 'selection', 'range', 'before', 'after', 'faster', 'before vs design', 'after vs design'],
      rows
    ),
    '',
  ];
}

/** Every table of one set of runs, under headings of level `h`. */
function tables(runs, h) {
  return [
    `${h} Data`,
    '',
    dataTable(runs),
    '',
    `${h} Pages (panels: sum of the medians; "vs design": the design dashboard's four queries over the same range, All)`,
    '',
    table(
      [
        'workspaces',
        'page',
        'selection',
        'range',
        'queries',
        'median sum ms',
        'p95 sum ms',
        'slowest p95 ms',
        'samples',
        'series',
        'returned',
        'variables ms',
        'errors',
        'vs design',
      ],
      runs.flatMap(pageRows)
    ),
    '',
    `${h} Rule groups (each rule an instant query at the end of the data, in turn)`,
    '',
    table(
      [
        'workspaces',
        'group',
        'interval',
        'rules',
        'evaluation ms',
        'of interval',
        'slowest rule (ms)',
        'samples',
        'errors',
      ],
      runs.flatMap(ruleRows)
    ),
    '',
    ...(runs.some((r) => r.health)
      ? [
          `${h} Workspaces list: the backend's health ranking (tools/healthbench: its queries as the backend sends them, all at once, decoded, ranked and paged)`,
          '',
          table(
            ['workspaces', 'step', 'series', 'read', 'median ms', 'p95 ms'],
            runs
              .filter((r) => r.health)
              .flatMap((r) =>
                [...r.health.queries, r.health.discover, r.health.ranking, r.health.rankOnly, r.health.page, r.health.singleQuery].map(
                  (q) => [int(r.workspaces), cell(q.name), int(q.series), kib(q.bytes), ms(q.medianMs), ms(q.p95Ms)]
                )
              )
          ),
          '',
        ]
      : []),
    `${h} Every query`,
    '',
    '<details><summary>Median and p95 per query, samples touched, series and bytes returned</summary>',
    '',
    table(
      [
        'workspaces',
        'page',
        'panel',
        'query',
        'selection',
        'range',
        'kind',
        'median ms',
        'p95 ms',
        'samples',
        'series',
        'returned',
        'error',
      ],
      runs.flatMap(queryRows)
    ),
    '',
    '</details>',
  ];
}

const cpus = os.cpus();
const first = runs[0];
const machine = (r) =>
  `Prometheus ${r.prometheus}, ${r.build.promtool || 'promtool'}. Seed ${r.seed}, data every ${r.interval}, ` +
  `ending ${r.end}; ${r.repeat} timed runs per query after a warm-up.`;
const markdown = [
  START,
  '',
  `Machine: ${cpus.length} cores (${cpus[0].model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `${new Date().toISOString().slice(0, 10)}. ${machine(first)}`,
  '',
  ...targetSection(runs),
  ...(befores.length ? changeSection(befores, runs) : []),
  `### ${befores.length ? 'After: ' : ''}this version`,
  '',
  ...tables(runs, '####'),
  '',
  ...(befores.length
    ? [
        `### Before: ${befores[0].label ?? 'the previous version'}`,
        '',
        `${machine(befores[0])}`,
        '',
        '<details><summary>Every table of the previous version, measured as above</summary>',
        '',
        ...tables(befores, '####'),
        '',
        '</details>',
        '',
      ]
    : []),
  END,
].join('\n');

if (!target) {
  process.stdout.write(markdown + '\n');
} else {
  const doc = fs.readFileSync(target, 'utf8');
  const [before, rest] = doc.split(START);
  if (rest === undefined) {
    throw new Error(`${target} has no ${START} marker: add the section first`);
  }
  const after = rest.split(END)[1];
  fs.writeFileSync(target, before + markdown + after);
}
