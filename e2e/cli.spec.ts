import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

test('workbench train --config trains headless and prints the run id and test metrics', () => {
  const folder = mkdtempSync(join(tmpdir(), 'workbench-train-'));
  try {
    const workspace = join(folder, 'ws');
    mkdirSync(workspace);
    copyFileSync(join(repoRoot, 'resources/sample-data/telco-customer-churn.csv'), join(workspace, 'churn.csv'));
    // Columns and algorithm left out: the proposal from the profile fills them.
    const config = join(workspace, 'job.yaml');
    writeFileSync(config, ['experiment: cli', 'dataset: churn.csv', 'pipeline:', '  target: Churn', '  task: binary', 'settings:', '  epochs: 3', '  seed: 42', 'backend: cpu', 'importance: false', ''].join('\n'));
    const result = workbench('train', '--config', config, '--workspace', workspace);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^run [0-9a-f]{32} \(experiment \d+\) trained on cpu/);
    const auc = Number(/test_roc_auc\s+([0-9.]+)/.exec(result.stdout)?.[1]);
    expect(auc).toBeGreaterThan(0.75);

    const json = workbench('train', '--config', config, '--workspace', workspace, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ backend: 'cpu', metrics: { test_roc_auc: expect.any(Number) } });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('workbench train names the line and field of a bad config, and trains nothing', () => {
  const folder = mkdtempSync(join(tmpdir(), 'workbench-train-'));
  try {
    const config = join(folder, 'job.yaml');
    writeFileSync(config, ['dataset: none', 'pipeline:', '  target: Churn', '  task: binary', '  columns: [{column: tenure, role: numeric}]', 'algorithm: {kind: linear}', 'settings:', '  epochs: many', '  warmup: 3', ''].join('\n'));
    const result = workbench('train', '--config', config, '--workspace', folder);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${config}:8: settings.epochs:`);
    expect(result.stderr).toMatch(new RegExp(`${config}:9: settings: Unrecognized key: "warmup"`));
    expect(result.stdout).toBe('');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
