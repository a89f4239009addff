// Prints the failed test files, then one plain closing line, "tests: N passed, N failed, N skipped",
// from vitest's JSON report, and exits non-zero when anything failed. CI reads the last line.
//
//   node scripts/test-summary.mjs [--report test-results/vitest.json] [--status <vitest's exit status>]
//
// A file that fails as a whole (it does not load, or a hook fails) has no failed test of its own;
// it counts as one failure, so the line never says "0 failed" when vitest failed.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { report: { type: 'string' }, status: { type: 'string' } } });
const reportPath = resolve(root, values.report ?? 'test-results/vitest.json');
const status = values.status === undefined ? 0 : Number(values.status);

let r;
try {
  r = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (e) {
  console.error(`no vitest report (${relative(root, reportPath)}): ${e.message}`);
  process.exit(1);
}

const files = Array.isArray(r.testResults) ? r.testResults : [];
const failedFiles = files.filter((f) => f.status === 'failed');
const failedTestsIn = (f) => (f.assertionResults ?? []).filter((a) => a.status === 'failed').length;

const passed = r.numPassedTests ?? 0;
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
let failed = r.numFailedTests ?? 0;

if (failedFiles.length > 0) {
  console.log(`failed files (${failedFiles.length}):`);
  for (const f of failedFiles) {
    const own = failedTestsIn(f);
    const firstLine =
      String(f.message ?? '')
        .trim()
        .split('\n')[0] ?? '';
    const why = own > 0 ? `${own} failed test${own === 1 ? '' : 's'}` : firstLine.slice(0, 300) || 'failed without a failed test';
    console.log(`  ${relative(root, f.name ?? '?')}: ${why}`);
    if (own === 0) failed += 1;
  }
}

// Whatever else made vitest fail (an unhandled error, a failed suite outside any file listed above,
// a crash after the report was written) still counts once, so the line agrees with the exit status.
const otherwise = [];
if (r.numFailedTestSuites > 0 && failedFiles.length === 0) otherwise.push(`${r.numFailedTestSuites} failed suite(s)`);
if (r.success === false) otherwise.push('the report says the run did not succeed');
if (status !== 0) otherwise.push(`vitest exited with status ${values.status}`);
if (failed === 0 && otherwise.length > 0) {
  console.log(`vitest failed: ${otherwise.join('; ')}`);
  failed = 1;
}
if (r.numTotalTests === 0 && failed === 0) {
  console.log('no test ran');
  failed = 1;
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
