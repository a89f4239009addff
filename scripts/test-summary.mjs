// Prints one plain closing line, "N passed, N failed, N skipped", from vitest's JSON report.
import { readFileSync } from 'node:fs';

try {
  const r = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) {
    console.error('no test ran');
    process.exit(1);
  }
} catch (e) {
  console.error(`no vitest report (test-results/vitest.json): ${e.message}`);
  process.exit(1);
}
