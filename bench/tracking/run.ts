/**
 * bench/tracking: the MLflow tracking API's log-batch throughput, 1,000 metrics
 * per request, over real HTTP to the workbench server (its own process, the
 * guard, the store in WAL with synchronous FULL), against baselines measured in
 * the same run:
 *   a. the same requests to an HTTP server that only reads and parses the body
 *      (what HTTP and JSON cost);
 *   b. the same rows inserted straight through better-sqlite3, one transaction
 *      per batch, into the same schema (what SQLite costs);
 * and tracking.searchRuns on 10,000 runs (one page, a filter, an order, the
 * keys) against loading every run into JS and filtering there.
 *
 *   npm run bench:tracking [-- --requests 200] [--runs 10000]
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { searchRunsInput } from '../../shared/contract';
import { silentLogger } from '../../electron/log';
import { createTrackingService } from '../../electron/tracking';
import { createWorkspaceService, openStore } from '../../electron/workspace';
import { countOption } from '../options';

const root = resolve(import.meta.dirname, '..', '..');
const REQUESTS = countOption('--requests', 200);
const RUNS = countOption('--runs', 10_000);
const KEYS = 20;
const STEPS_PER_REQUEST = 1000 / KEYS;
const TOKEN = 'bench-tracking-token';
const FILTER = "metrics.auc > 0.8 and params.optimizer = 'adam' and tags.kind LIKE 'tri%'";

const log = (line: string): void => void process.stderr.write(`bench/tracking: ${line}\n`);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const fixed = (value: number, digits = 1): string => value.toFixed(digits);

interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}
/** Request `n`'s 1,000 metrics: 20 keys, 50 steps each, continuing the previous request's steps. */
function batch(n: number): Metric[] {
  const metrics: Metric[] = [];
  for (let s = 0; s < STEPS_PER_REQUEST; s++) {
    const step = n * STEPS_PER_REQUEST + s;
    for (let k = 0; k < KEYS; k++) metrics.push({ key: `metric_${k}`, value: Math.sin(step + k), timestamp: 1_750_000_000_000 + step, step });
  }
  return metrics;
}

async function spawnServer(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/tracking/server.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /url (\S+)/.exec(out);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function post(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Sends the bodies with `parallel` requests in flight; answers the wall time in seconds. */
async function timeRequests(url: string, bodies: string[], parallel: number): Promise<number> {
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < bodies.length) await post(url, bodies[next++] ?? '{}');
    }),
  );
  return (performance.now() - began) / 1000;
}

async function httpThroughput(): Promise<{ sequential: number; parallel: number; empty: number }> {
  const home = mkdtempSync(join(tmpdir(), 'bench-tracking-'));
  const real = await spawnServer(['real', home, TOKEN]);
  const empty = await spawnServer(['empty']);
  try {
    const created = (await post(`${real.url}/api/2.0/mlflow/runs/create`, JSON.stringify({ experiment_id: '0', start_time: Date.now() }))) as { run: { info: { run_id: string } } };
    const runId = created.run.info.run_id;
    const bodies = Array.from({ length: 2 * REQUESTS + 10 }, (_, n) => JSON.stringify({ run_id: runId, metrics: batch(n) }));
    const logBatch = `${real.url}/api/2.0/mlflow/runs/log-batch`;
    await timeRequests(logBatch, bodies.slice(0, 10), 1); // warm-up
    const sequential = await timeRequests(logBatch, bodies.slice(10, 10 + REQUESTS), 1);
    const parallel = await timeRequests(logBatch, bodies.slice(10 + REQUESTS), 4);
    const history = await fetch(`${real.url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=metric_7`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const points = ((await history.json()) as { metrics?: unknown[] }).metrics?.length ?? 0;
    if (points !== bodies.length * STEPS_PER_REQUEST) throw new Error(`expected ${bodies.length * STEPS_PER_REQUEST} points of metric_7, the server has ${points}`);
    await timeRequests(empty.url, bodies.slice(0, 10), 1);
    const emptyTime = await timeRequests(empty.url, bodies.slice(10, 10 + REQUESTS), 1);
    return { sequential, parallel, empty: emptyTime };
  } finally {
    await Promise.all([real.stop(), empty.stop()]);
    rmSync(home, { recursive: true, force: true });
  }
}

/** The same rows straight into the same tables, one transaction per batch (WAL, synchronous FULL, as the store runs). */
function sqliteBaseline(): number {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tracking-sqlite-'));
  const store = openStore(dir, { log: silentLogger });
  try {
    const db: Database.Database = store.db;
    const runId = 'a'.repeat(32);
    db.prepare(`INSERT INTO tracking_runs (run_id, experiment_id, name, status, start_time, artifact_uri) VALUES (?, 0, 'bench', 'RUNNING', 0, '')`).run(runId);
    const insert = db.prepare('INSERT OR IGNORE INTO tracking_metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, 0)');
    const latest = db.prepare(`INSERT INTO tracking_latest_metrics (run_id, key, step, timestamp, value) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (run_id, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp, value = excluded.value`);
    const write = db.transaction((metrics: Metric[]) => {
      for (const m of metrics) insert.run(runId, m.key, m.step, m.timestamp, m.value);
      for (const m of metrics.slice(-KEYS)) latest.run(runId, m.key, m.step, m.timestamp, m.value);
    });
    const batches = Array.from({ length: REQUESTS + 10 }, (_, n) => batch(n));
    for (const metrics of batches.slice(0, 10)) write.immediate(metrics);
    const began = performance.now();
    for (const metrics of batches.slice(10)) write.immediate(metrics);
    return (performance.now() - began) / 1000;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 runs with 10 params, 10 metrics and 3 tags each; searchRuns in SQL against everything loaded into JS. */
function searchAtScale(): { page: number; filtered: number; deepPage: number; naive: number } {
  const home = mkdtempSync(join(tmpdir(), 'bench-tracking-search-'));
  const workspacePath = join(home, 'ws');
  mkdirSync(workspacePath);
  const workspace = createWorkspaceService({ appHome: join(home, 'app'), sampleDir: join(home, 'sample'), resourcesDir: home, log: silentLogger, onChange: () => undefined });
  workspace.open(workspacePath);
  const tracking = createTrackingService({ workspace, log: silentLogger, emit: () => undefined });
  try {
    const store = tracking.store();
    const began = performance.now();
    store.write(() => {
      for (let i = 0; i < RUNS; i++) {
        const run = store.createRun({ experimentId: '0', name: `run-${i}`, status: 'FINISHED', startTime: 1_750_000_000_000 + i * 1000, tags: { kind: i % 2 ? 'trial' : 'baseline', seed: String(i % 17) } });
        const params = Object.fromEntries(Array.from({ length: 10 }, (_, p) => [`param_${p}`, String((i * (p + 3)) % 11)]));
        params.optimizer = ['adam', 'sgd', 'rmsprop'][i % 3] ?? 'adam';
        const metrics = Array.from({ length: 10 }, (_, m) => ({ key: m === 0 ? 'auc' : `metric_${m}`, value: ((i * 7919 + m * 104729) % 1000) / 1000, step: 10, timestamp: 1 }));
        store.logBatch(run.id, { params, metrics });
      }
    });
    log(`made ${RUNS} runs in ${fixed((performance.now() - began) / 1000)} s`);
    const time = (input: object): number => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        tracking.searchRuns(searchRunsInput.parse(input));
        samples.push(performance.now() - start);
      }
      return median(samples);
    };
    const matches = tracking.searchRuns(searchRunsInput.parse({ filter: FILTER, limit: 1 })).total;
    log(`the filter matches ${matches} of ${RUNS} runs`);
    const page = time({});
    const filtered = time({ filter: FILTER, orderBy: ['metrics.auc DESC'] });
    const deepPage = time({ orderBy: ['params.param_3'], offset: Math.floor(RUNS / 2) });
    // The naive way: every run with its params, metrics and tags into JS, then filter, sort and slice there.
    const naiveSamples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const views = store.search({ experimentIds: 'active', view: 'active', clauses: [], order: [], includeChildren: true, offset: 0, limit: RUNS }, false).runs;
      const auc = (view: (typeof views)[number]): number => view.metrics.find((m) => m.key === 'auc')?.value ?? -1;
      views.filter((view) => auc(view) > 0.8 && view.params.optimizer === 'adam' && (view.tags.kind ?? '').startsWith('tri')).sort((a, b) => auc(b) - auc(a)).slice(0, 200);
      naiveSamples.push(performance.now() - start);
    }
    return { page, filtered, deepPage, naive: median(naiveSamples) };
  } finally {
    tracking.close();
    workspace.close();
    rmSync(home, { recursive: true, force: true });
  }
}

log(`${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); ${REQUESTS} requests of 1,000 metrics each`);
const http = await httpThroughput();
const sqlite = sqliteBaseline();
const rate = (seconds: number): number => REQUESTS / seconds;
console.log('log-batch, 1,000 metrics per request');
console.log(`  workbench over HTTP, one at a time : ${fixed(rate(http.sequential))} requests/s, ${fixed(rate(http.sequential) * 1000, 0)} metrics/s`);
console.log(`  workbench over HTTP, 4 in flight   : ${fixed(rate(http.parallel))} requests/s, ${fixed(rate(http.parallel) * 1000, 0)} metrics/s`);
console.log(`  baseline: empty HTTP handler       : ${fixed(rate(http.empty))} requests/s (reads and parses the same bodies)`);
console.log(`  baseline: better-sqlite3 directly  : ${fixed(rate(sqlite))} batches/s, ${fixed(rate(sqlite) * 1000, 0)} metrics/s (one transaction per batch)`);
console.log(`  ratios: log-batch takes ${fixed(http.sequential / http.empty, 2)}x the empty round trip and ${fixed(http.sequential / sqlite, 2)}x the direct inserts`);

const search = searchAtScale();
console.log(`tracking.searchRuns on ${RUNS} runs (median of 7)`);
console.log(`  first page of 200, start_time DESC, with keys       : ${fixed(search.page)} ms`);
console.log(`  filter on a metric, a param and a tag, metric order : ${fixed(search.filtered)} ms`);
console.log(`  page at offset ${Math.floor(RUNS / 2)}, ordered by a param          : ${fixed(search.deepPage)} ms`);
console.log(`  baseline: every run loaded into JS, filtered there  : ${fixed(search.naive)} ms (${fixed(search.naive / search.filtered, 1)}x the SQL search)`);
