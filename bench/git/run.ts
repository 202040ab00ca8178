/**
 * bench/git: source-control status through the real server's HTTP API, against
 * `git status` from the git CLI on the same tree in the same run:
 *   a. `git.status` (median of N, and the first, cold call) against
 *      `git status --porcelain=v1` (target: under 1 s and 3x the CLI at most);
 *   b. the same after one file is edited between calls (the stat cache must
 *      notice it, and an edit undone again);
 *   c. `git.provenance` (what every training run asks for);
 *   d. isomorphic-git's own statusMatrix, once, capped: why status is our own.
 * The workbench and the CLI must list the same changed files with the same
 * codes; a disagreement is printed and the run exits non-zero. A missed speed
 * target is printed, not failed.
 *
 *   npm run bench:git [-- --files 10000] [--data-gb 5] [--data-files 20000] [--runs 15]
 *                     [--dir /tmp/x] [--cli-only] [--no-matrix] [--matrix-cap 120] [--cpu-prof]
 *
 * The repository (10,000 tracked files, and a `data/` folder ignored by
 * .gitignore holding 5 GB of sparse files and 20,000 tiny ones) is built once
 * under the OS temp folder (or --dir) and reused while its parameters stay the
 * same; its working-tree changes are re-applied on every run.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { countOption } from '../options';
import { ApiCallError, startServer, type Server } from '../workbench-server';
import { cliCodes, differences } from './compare';
import { summarizeProfile } from './cpu-profile';
import { git, prepareFixture, type Fixture } from './fixture';
import { measure, type Measures } from './measure';
import { statusMatrixOnce, type StatusMatrixRun } from './status-matrix';

const root = resolve(import.meta.dirname, '..', '..');
const FILES = countOption('--files', 10_000);
const DATA_GB = countOption('--data-gb', 5);
const DATA_FILES = countOption('--data-files', 20_000);
const RUNS = countOption('--runs', 15);
const WARM_UPS = 2;
const MATRIX_CAP_S = countOption('--matrix-cap', 120);
const CLI_ONLY = process.argv.includes('--cli-only');
const NO_MATRIX = process.argv.includes('--no-matrix');
const CPU_PROF = process.argv.includes('--cpu-prof');
const dirAt = process.argv.indexOf('--dir');
const DIR = resolve(dirAt >= 0 && process.argv[dirAt + 1] ? process.argv[dirAt + 1]! : join(tmpdir(), 'workbench-bench-git', `files-${FILES}-data-${DATA_GB}gb-${DATA_FILES}`));
const TARGET_MS = 1000;
const TARGET_RATIO = 3;

const log = (line: string): void => void process.stderr.write(`bench/git: ${line}\n`);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function preflight(): void {
  if (!CLI_ONLY && !existsSync(join(root, 'out', 'main', 'cli.js'))) throw new Error('out/ is missing: run `npx electron-vite build` first');
}

/** Runs the server (with a CPU profile when asked); answers the profile's path once it has stopped. */
async function withServer<T>(work: (api: Server) => Promise<T>): Promise<{ value: T; profile: string | null }> {
  const profileDir = CPU_PROF ? mkdtempSync(join(tmpdir(), 'bench-git-prof-')) : null;
  const node = process.execPath;
  if (profileDir) {
    // Node refuses --cpu-prof in NODE_OPTIONS, and startServer spawns process.execPath: a wrapper that adds the flag.
    const wrapper = join(profileDir, 'node-cpu-prof');
    writeFileSync(wrapper, `#!/bin/sh\nexec '${node}' --cpu-prof --cpu-prof-dir='${profileDir}' "$@"\n`, { mode: 0o755 });
    process.execPath = wrapper;
  }
  log('starting the workbench server');
  let server: Server | null = null;
  try {
    server = await startServer(root);
  } finally {
    process.execPath = node;
  }
  const stopping = (): void => void server?.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopping);
  let value: T;
  try {
    value = await work(server);
  } finally {
    process.off('SIGINT', stopping);
    await server.stop();
  }
  const profile = profileDir ? readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile')) : undefined;
  return { value, profile: profileDir && profile ? join(profileDir, profile) : null };
}

function report(fixture: Fixture, { cli, workbench: wb }: Measures, matrix: StatusMatrixRun | null): void {
  const ms1 = (ms: number): string => ms.toFixed(1);
  const cpu = cpus();
  const gitVersion = git(fixture.dir, '--version').trim();
  const iso = JSON.parse(readFileSync(join(root, 'node_modules', 'isomorphic-git', 'package.json'), 'utf8')) as { version: string };
  console.log(`\nbench/git: ${fixture.trackedFiles.toLocaleString('en-US')} tracked files; data/ ignored: ${(fixture.dataBytes / 2 ** 30).toFixed(1)} GiB (sparse) in ${fixture.dataFileCount.toLocaleString('en-US')} files; ${fixture.expected.size} changed paths`);
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.versions.node}; ${gitVersion}; isomorphic-git ${iso.version}; load average ${(loadavg()[0] ?? 0).toFixed(1)}`);
  console.log(`medians of ${RUNS} runs after ${WARM_UPS} warm-ups, the CLI and the workbench in turn; workbench: wall clock at the HTTP client; git CLI: spawned (GIT_OPTIONAL_LOCKS=0, stock config), page cache warm\n`);

  const target = `< 1 s, <= ${TARGET_RATIO}x`;
  const met = (value: number, base: number): string => (value < TARGET_MS && value / base <= TARGET_RATIO ? 'yes' : 'missed');
  console.log('| measure | workbench (ms) | git CLI (ms) | ratio | target | met |');
  console.log('| --- | ---: | ---: | ---: | --- | --- |');
  const row = (name: string, value: number | null, base: number, goal: string, ok: string): void => {
    console.log(`| ${name} | ${value === null ? '' : ms1(value)} | ${ms1(base)} | ${value === null ? '' : `${(value / base).toFixed(2)}x`} | ${goal} | ${ok} |`);
  };
  const cliMedian = median(cli.ms);
  if (wb) {
    row('status, median', median(wb.ms), cliMedian, target, met(median(wb.ms), cliMedian));
    row('status, first call (workbench: just after opening the workspace, cold)', wb.firstMs, cli.firstMs, '< 1 s', wb.firstMs < TARGET_MS ? 'yes' : 'missed');
    row('status after editing one file, median', median(wb.editMs), median(cli.editMs), target, met(median(wb.editMs), median(cli.editMs)));
    row('provenance (commit + dirty), median; CLI: status', median(wb.provenanceMs), cliMedian, target, met(median(wb.provenanceMs), cliMedian));
  } else {
    row('status, median (workbench not measured: --cli-only)', null, cliMedian, target, '');
    row('status, first call', null, cli.firstMs, '', '');
    row('status after editing one file, median', null, median(cli.editMs), target, '');
  }
  if (matrix) {
    const name = 'isomorphic-git statusMatrix, default options, once (reference)';
    if (matrix.ms === null) console.log(`| ${name} | > ${MATRIX_CAP_S * 1000} (stopped at the cap) | ${ms1(cliMedian)} | > ${((MATRIX_CAP_S * 1000) / cliMedian).toFixed(0)}x | | |`);
    else row(name, matrix.ms, cliMedian, '', '');
  }

  console.log('\n| setup | value |');
  console.log('| --- | ---: |');
  console.log(`| repository (${fixture.dir}) | ${fixture.reused ? 'reused' : `built in ${fixture.buildSeconds.toFixed(1)} s`} |`);
  if (wb) {
    console.log(`| workspace.open (ms) | ${ms1(wb.openMs)} |`);
    console.log(`| untracked files the workbench counted | ${wb.untrackedCount} |`);
  }
  if (matrix?.calls) {
    console.log(`| statusMatrix: rows / changed | ${matrix.rows} / ${matrix.changed} |`);
    console.log(`| statusMatrix: fs calls in all / inside the ignored data/ (readdir) | ${matrix.calls.total.toLocaleString('en-US')} / ${matrix.calls.inData.toLocaleString('en-US')} (${matrix.calls.readdirInData.toLocaleString('en-US')}) |`);
  }

  const list = (values: number[]): string => values.map(ms1).join(', ');
  console.log('\nsamples (ms):');
  console.log(`  git CLI status: ${list(cli.ms)}; after an edit: ${list(cli.editMs)}`);
  if (wb) {
    console.log(`  workbench status: ${list(wb.ms)}; after an edit: ${list(wb.editMs)}`);
    console.log(`  workbench provenance: ${list(wb.provenanceMs)}`);
  }
}

function reportProfile(path: string, firstWindowUs: [number, number] | undefined): void {
  const print = (title: string, window?: [number, number]): void => {
    const { totalMs, functions, files } = summarizeProfile(path, 15, window);
    console.log(`\n${title}: ${(totalMs / 1000).toFixed(2)} s sampled; self time`);
    console.log('  by file:');
    for (const { name, ms } of files) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${name}`);
    console.log('  by function:');
    for (const { name, ms } of functions) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  };
  console.log(`\nserver CPU profile: ${path}`);
  print('the whole run');
  if (firstWindowUs) print('the first (cold) git.status alone', firstWindowUs);
}

try {
  preflight();
  const fixture = prepareFixture({ dir: DIR, files: FILES, dataGb: DATA_GB, dataFiles: DATA_FILES }, log);
  // The fixture itself is checked first, so a disagreement below is the workbench's.
  const fixtureDiff = differences(fixture.expected, cliCodes(fixture.dir));
  if (fixtureDiff.length > 0) throw new Error(`the repository's status is not what the benchmark set up (expected vs git CLI):\n${fixtureDiff.join('\n')}`);
  const measureOptions = { dir: fixture.dir, files: FILES, runs: RUNS, warmUps: WARM_UPS, log };
  let measures: Measures;
  let profile: string | null = null;
  if (CLI_ONLY) measures = await measure(measureOptions, null);
  else {
    try {
      ({ value: measures, profile } = await withServer((api) => measure(measureOptions, api)));
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'unknown_procedure') {
        throw new Error(`${error.message}\nThe server in out/ has no git.status yet: rebuild it (npx electron-vite build) once the backend has it, or run with --cli-only.`);
      }
      throw error;
    }
  }
  let matrix: StatusMatrixRun | null = null;
  if (!NO_MATRIX) {
    log(`isomorphic-git statusMatrix, once (stopped after ${MATRIX_CAP_S} s)`);
    matrix = await statusMatrixOnce(root, fixture.dir, MATRIX_CAP_S * 1000);
  }
  report(fixture, measures, matrix);
  if (profile) reportProfile(profile, measures.workbench?.firstWindowUs);
  if (measures.mismatches.length > 0) {
    console.log('\n!!! MISMATCH: the workbench and the git CLI disagree !!!');
    for (const line of measures.mismatches) console.log(line);
    process.exitCode = 1;
  } else if (measures.workbench) console.log(`\nagreement: the workbench and the git CLI list the same ${fixture.expected.size} changed paths with the same codes`);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
