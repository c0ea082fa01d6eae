// report.mjs [--write FILE] RESULTS.json...: the fleet benchmark's tables in markdown, from the
// JSON that tests/bench/fleet.bench.ts writes; with --write, they replace the generated part of
// FILE (between the markers below), else they go to stdout.
import fs from 'node:fs';
import os from 'node:os';

const START = '<!-- fleet-benchmark:generated:start -->';
const END = '<!-- fleet-benchmark:generated:end -->';

const args = process.argv.slice(2);
const writeIndex = args.indexOf('--write');
const target = writeIndex >= 0 ? args.splice(writeIndex, 2)[1] : undefined;
const runs = args.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
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
const pointsPerSeries = (r) => {
  const unit = { s: 1, m: 60, h: 3600 };
  const secs = (t) => Number(t.slice(0, -1)) * unit[t.slice(-1)];
  return Math.floor(secs(r.window) / secs(r.interval)) + 1;
};

function dataTable() {
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
        if (!isDesign && selection === 'All' && designFails === 0) {
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

const cpus = os.cpus();
const first = runs[0];
const markdown = [
  START,
  '',
  `Machine: ${cpus.length} cores (${cpus[0].model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `Prometheus ${first.prometheus}, ${first.build.promtool || 'promtool'}. ${new Date().toISOString().slice(0, 10)}. ` +
    `Seed ${first.seed}, data every ${first.interval}, ending ${first.end}; ${first.repeat} timed runs per query after a warm-up.`,
  '',
  '### Data',
  '',
  dataTable(),
  '',
  '### Pages (panels: sum of the medians; "vs design": the design dashboard\'s four queries over the same range, All)',
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
  '### Rule groups (each rule an instant query at the end of the data, in turn)',
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
  '### Every query',
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
  '',
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
