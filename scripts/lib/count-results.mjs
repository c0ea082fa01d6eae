// Prints "<passed> <failed>" for a results file: `go test -json` events or `jest --json` output.
import fs from 'node:fs';

const [kind, file] = process.argv.slice(2);
const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
let passed = 0;
let failed = 0;
if (kind === 'go') {
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) {
      continue;
    }
    const e = JSON.parse(line);
    if (e.Test && e.Action === 'pass') {
      passed++;
    } else if (e.Test && e.Action === 'fail') {
      failed++;
    } else if (!e.Test && e.Action === 'fail' && e.Package) {
      // A package that fails to build or panics outside a test still fails the suite.
      failed++;
    }
  }
} else if (kind === 'jest') {
  const r = text ? JSON.parse(text) : { numPassedTests: 0, numFailedTests: 0, numRuntimeErrorTestSuites: 0 };
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
}
console.log(`${passed} ${failed}`);
