// Reads the JSON reports of vitest and Playwright and prints one line each,
// then the total, as "N passed, N failed". Fails if a report is missing.
import { existsSync, readFileSync } from 'node:fs';

const [unitFile, e2eFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let missing = false;

const report = (label, file, read) => {
  if (!file || !existsSync(file)) {
    console.log(`${label}: no report at ${file}`);
    missing = true;
    return;
  }
  const { ok, bad, skipped } = read(JSON.parse(readFileSync(file, 'utf8')));
  passed += ok;
  failed += bad;
  console.log(`${label}: ${ok} passed, ${bad} failed${skipped ? `, ${skipped} skipped` : ''}`);
};

report('unit', unitFile, (r) => ({ ok: r.numPassedTests, bad: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }));
report('e2e', e2eFile, (r) => ({ ok: r.stats.expected + r.stats.flaky, bad: r.stats.unexpected, skipped: r.stats.skipped }));
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing || passed === 0 ? 1 : 0);
