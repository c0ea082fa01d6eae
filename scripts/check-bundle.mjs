// Fails when dist/module.js, loaded on every visit of the app, passes its gzip budget; prints the
// gzip sizes of module.js and of the largest chunk.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const MODULE_BUDGET = 30 * 1024;
const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
const gzip = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const chunks = fs.readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'module.js');
const largest = chunks.map((f) => [f, gzip(f)]).sort((a, b) => b[1] - a[1])[0];
const moduleSize = gzip('module.js');
console.log(
  `module.js: ${kb(moduleSize)} gzip (budget ${kb(MODULE_BUDGET)}); largest chunk ${largest[0]}: ${kb(largest[1])} gzip; ${chunks.length} chunks`
);
if (moduleSize > MODULE_BUDGET) {
  console.error(
    `module.js is ${kb(moduleSize)} gzip, over its ${kb(MODULE_BUDGET)} budget: something is imported eagerly from module.tsx`
  );
  process.exit(1);
}
