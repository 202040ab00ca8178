import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringReport } from '../../shared/contract';
import { openTestBackend } from '../../test/backend';
import { repoRoot, tempDir } from '../../test/helpers';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `workbench ...` from the sources, in a child process with its own app home. */
function workbench(args: string[], home: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'electron/cli/index.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, WORKBENCH_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => (stdout += part));
    child.stderr.setEncoding('utf8').on('data', (part: string) => (stderr += part));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The report JSON the exported page carries for its own script. */
function embeddedReport(html: string): MonitoringReport {
  const match = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('the page has no report data');
  return JSON.parse(match[1]) as MonitoringReport;
}

const PLANS = ['basic', 'plus', 'pro'];

/** 300 customers; `incomeShift` multiplies income, `planShift` moves most of them to "pro". Age is the same multiset on every side. */
function customers(incomeShift: number, planShift: boolean): string {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const age = 18 + ((i * 37) % 60);
    const income = Math.round((2000 + ((i * 7919) % 3000)) * incomeShift);
    const plan = planShift && i % 5 !== 0 ? 'pro' : PLANS[(i * 11) % 3];
    return `${age},${income},${plan}`;
  });
  return `age,income,plan\n${rows.join('\n')}\n`;
}

describe('workbench monitor report', () => {
  const dir = tempDir('workbench-monitor-cli-');
  const home = join(dir.path, 'home');
  const workspace = join(dir.path, 'ws');
  const path = (name: string): string => join(dir.path, name);

  beforeAll(() => {
    mkdirSync(workspace);
    writeFileSync(path('reference.csv'), customers(1, false));
    writeFileSync(path('income.csv'), customers(1.5, false));
    writeFileSync(path('both.csv'), customers(1.5, true));
  });
  afterAll(() => dir.cleanup());

  it('compares two files, prints the verdict and the drifted column, and writes a standalone HTML report', async () => {
    const out = path('out/report.html');
    const run = await workbench(['monitor', 'report', '--reference', path('reference.csv'), '--current', path('income.csv'), '--html', out, '--workspace', workspace], home);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Drift report v1: dataset drift is not detected (1 of 3 columns, share 0.33, threshold 0.5)');
    // 300 rows a side: numbers get the KS test (Evidently's default up to 1000 rows), and the line shows its p-value.
    expect(lines[1]).toMatch(/^ {2}drifted: income \(ks \d\.\d{3}e-\d+\)$/);
    expect(lines.at(-1)).toBe(`report written to ${out}`);
    expect(lines.filter((l) => l.includes('drifted:'))).toHaveLength(1);

    expect(existsSync(out)).toBe(true);
    const html = readFileSync(out, 'utf8');
    const plotly = readFileSync(createRequire(import.meta.url).resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
    expect(html.includes(plotly)).toBe(true);
    // Around the inlined library, nothing loads from anywhere: no script or stylesheet sources, no URLs.
    const page = html.replace(plotly, '');
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//i);
    const report = embeddedReport(html);
    expect(report.drift.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(['income']);
    expect(report.drift.columns.map((c) => c.column).sort()).toEqual(['age', 'income', 'plan']);
    expect(lines[1]).toBe(`  drifted: income (ks ${report.drift.columns.find((c) => c.column === 'income')?.score?.toPrecision(4)})`);
    expect(report.sources).toMatchObject({ referenceRows: 300, currentRows: 300 });
  }, 40_000);

  it('with --fail-on-drift exits 3 when most columns drift, and prints the saved report as JSON', async () => {
    const args = ['monitor', 'report', '--reference', path('reference.csv'), '--current', path('both.csv'), '--name', 'shifted', '--workspace', workspace];
    const run = await workbench([...args, '--fail-on-drift', '--json'], home);
    expect(run.code, run.stderr).toBe(3);
    const report = JSON.parse(run.stdout) as MonitoringReport & { html: string | null };
    expect(report).toMatchObject({ name: 'shifted', version: 1, html: null });
    expect(report.drift.detected).toBe(true);
    expect(report.drift.columns.filter((c) => c.drifted).map((c) => c.column).sort()).toEqual(['income', 'plan']);
    expect(report.alerts[0]).toMatch(/^Dataset drift detected: 2 of 3 columns drifted/);
    // Drift is a finding, not a failure: without the flag the same call exits 0, and is the next version of the name.
    const again = await workbench(args, home);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe('shifted v2: dataset drift is detected (2 of 3 columns, share 0.67, threshold 0.5)');
    expect(again.stdout).toMatch(/^alert: Dataset drift detected/m);
  }, 40_000);

  it('takes a dataset of the workspace by name as the reference', async () => {
    const t = await openTestBackend({}, workspace);
    await t.backend.data.add({ path: path('reference.csv'), name: 'customers_ref' }, { signal: new AbortController().signal, progress: () => undefined });
    await t.close();
    const run = await workbench(['monitor', 'report', '--reference', 'customers_ref', '--current', path('income.csv'), '--workspace', workspace, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as MonitoringReport;
    expect(report.spec.reference).toEqual({ kind: 'dataset', dataset: 'customers_ref' });
    expect(report.drift.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(['income']);
  }, 40_000);

  it('refuses a missing --current, a file that does not exist and a bad --model, naming them on stderr', async () => {
    const call = (args: string[], name: string): Promise<Finished> => workbench(['monitor', 'report', '--reference', path('reference.csv'), ...args, '--workspace', workspace], join(dir.path, name));
    const [missing, absent, model] = await Promise.all([call([], 'home-2'), call(['--current', path('nope.csv')], 'home-3'), call(['--current', path('income.csv'), '--model', 'churn'], 'home-4')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--current <cur>' not specified/);
    expect(missing.stdout).toBe('');
    expect(absent.code).toBe(2);
    expect(absent.stderr).toBe(`workbench: ${path('nope.csv')} does not exist.\n`);
    expect(absent.stdout).toBe('');
    expect(model.code).toBe(2);
    expect(model.stderr).toBe('workbench: --model "churn": models:/NAME/VERSION or models:/NAME@ALIAS\n');
  }, 40_000);
});
