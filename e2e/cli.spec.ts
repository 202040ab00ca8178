import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';

// The built `workbench` command, as a user or a CI pipeline runs it.
const workbench = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin/workbench.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

test('workbench profile --json prints the profile, matching pandas on the fixture', () => {
  const result = workbench('profile', join(repoRoot, 'test/fixtures/profile/mixed.csv'), '--json');
  expect(result.status).toBe(0);
  const profile = JSON.parse(result.stdout);
  const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/profile/mixed.expected.json'), 'utf8'));
  expect(profile.rowCount).toBe(expected.rows);
  expect(profile.unparsed).toEqual(expected.unparsed);
  const score = profile.columns.find((c: { name: string }) => c.name === 'score');
  expect(score.mean).toBeCloseTo(expected.columns.score.mean, 9);
  expect(score.quantiles.p99).toBeCloseTo(expected.columns.score.quantiles.p99, 9);
});

test('workbench profile prints a readable profile, and says what did not parse', () => {
  const result = workbench('profile', join(repoRoot, 'resources/sample-data/telco-customer-churn.csv'));
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('telco-customer-churn.csv: 7,043 rows, 21 columns');
  expect(result.stdout).toMatch(/TotalCharges {2}DOUBLE\n {2}count 7,032 {3}nulls 11 \(0\.2%\)/);
  expect(result.stdout).toContain('11 values did not parse as DOUBLE and were read as null');
});

test('workbench profile names a missing file and exits non-zero', () => {
  const result = workbench('profile', '/nope/missing.csv');
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('workbench: /nope/missing.csv does not exist.\n');
});
