/**
 * bench/serve/logging: what the inference log costs serving. The same model
 * and server as bench/serve (the churn sample's model, trained here, served
 * as models:/churn@champion), two servers in one child process, one logging
 * every request into the workspace and one not; `POST /invocations` with
 * autocannon, 1 and 100 rows per request at 8 connections, alternating;
 * each figure the median of its samples. Target: throughput with the log
 * on at least 0.9x off. The log's own counters (rows written, dropped) are
 * printed too: a log that dropped its rows would be cheap for nothing.
 *
 *   npm run bench:serve-logging [-- --seconds 2 --rounds 5]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestBackend } from '../../test/backend';
import { repoRoot, resourcesDir } from '../../test/helpers';
import type { SignatureField } from '../../shared/contract';
import { countOption } from '../options';
import { load, type Load } from './load';

const SECONDS = countOption('--seconds', 2);
const ROUNDS = countOption('--rounds', 5);
const CONNECTIONS = 8;
const say = (line: string): void => void process.stderr.write(`bench/serve-logging: ${line}\n`);

function bodies(csv: string, inputs: SignatureField[], counts: number[]): Map<number, string> {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const columns = inputs.map((field) => field.name);
  const at = columns.map((name) => header.indexOf(name));
  const numeric = inputs.map((field) => !['string', 'tensor'].includes(field.type));
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return at.map((i, c) => {
      const cell = (cells[i] ?? '').trim();
      return numeric[c] ? (cell === '' ? null : Number(cell)) : cell;
    });
  });
  return new Map(counts.map((n) => [n, JSON.stringify({ dataframe_split: { columns, data: rows.slice(0, n) } })]));
}

/** As bench/serve: the proposed pipeline on the churn sample, 5 epochs, registered as churn@champion. */
async function train(): Promise<{ close: () => Promise<void>; workspace: string; home: string; inputs: SignatureField[]; csv: string }> {
  const test = await openTestBackend();
  const { client, backend } = test;
  const csv = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');
  const { datasets } = await client.runJob('data.add', { path: csv });
  const dataset = datasets[0]?.name ?? 'telco-customer-churn';
  const proposal = await client.call('training.propose', { dataset, target: 'Churn' });
  const spec = {
    experiment: 'bench-serve',
    runName: 'churn for serving',
    dataset,
    pipeline: proposal.pipeline,
    algorithm: proposal.algorithm,
    settings: { batchSize: 256, seed: 42, epochs: 5 },
    split: { strategy: 'stratified', train: 0.6, validation: 0.2, test: 0.2, seed: 42 },
    importance: false,
  } as const;
  const { queueId } = await client.call('training.start', { spec, trigger: 'manual' });
  const result = await backend.training.whenDone(queueId);
  const version = await client.runJob('registry.registerRun', { runId: result.runId, name: 'churn' });
  await client.call('registry.setAlias', { name: 'churn', alias: 'champion', version: version.version });
  say(`trained ${proposal.algorithm.kind}, registered churn v${version.version}: ${version.signature.inputs.length} inputs`);
  return { close: () => test.close(), workspace: test.workspace, home: test.home, inputs: version.signature.inputs, csv };
}

function startServers(workspace: string, home: string): Promise<{ urls: { on: string; off: string }; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'logging-servers.ts'), workspace, join(home, 'servers'), 'models:/churn@champion'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => {
      out += part;
      if (!out.includes('\n')) return;
      const urls = JSON.parse(out.split('\n')[0] ?? '') as { on: string; off: string };
      resolve({ urls, stop: async () => (child.kill('SIGTERM'), exited) });
    });
    child.on('exit', (code) => reject(new Error(`the servers exited (${code ?? 'signal'}) before listening`)));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const counter = (metrics: string, name: string): number =>
  [...metrics.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);

const trained = await train();
const servers = await startServers(trained.workspace, trained.home);
try {
  const payloads = bodies(trained.csv, trained.inputs, [1, 100]);
  for (const body of payloads.values()) for (const url of [servers.urls.off, servers.urls.on]) await load(`${url}/invocations`, body, CONNECTIONS, 3);
  say(`${ROUNDS} samples of ${SECONDS} s per server and setting, alternating; medians`);
  const lines: string[] = [];
  const verdicts: string[] = [];
  for (const [rows, body] of payloads) {
    const run = (which: 'on' | 'off'): Promise<Load> => load(`${servers.urls[which]}/invocations`, body, CONNECTIONS, SECONDS);
    const samples: Record<'on' | 'off', Load[]> = { on: [], off: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const which of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) samples[which].push(await run(which));
    }
    const failures = [...samples.on, ...samples.off].reduce((n, l) => n + l.failures, 0);
    if (failures > 0) throw new Error(`${failures} failed requests at ${rows} rows`);
    const off = median(samples.off.map((l) => l.requestsPerSecond));
    const on = median(samples.on.map((l) => l.requestsPerSecond));
    const ratio = on / off;
    const p50 = (which: 'on' | 'off'): string => median(samples[which].map((l) => l.p50)).toFixed(3);
    lines.push(`${String(rows).padStart(4)} ${String(CONNECTIONS).padStart(5)}  ${off.toFixed(0).padStart(7)} ${on.toFixed(0).padStart(7)}  ${ratio.toFixed(3).padStart(6)}   ${p50('off')} ${p50('on')}`);
    say(lines.at(-1) ?? '');
    if (ratio < 0.9) verdicts.push(`throughput with logging ${ratio.toFixed(3)}x without at ${rows} rows (target >= 0.9)`);
  }
  const metrics = await (await fetch(`${servers.urls.on}/metrics`)).text();
  const logged = counter(metrics, 'workbench_inference_log_rows_total');
  const dropped = counter(metrics, 'workbench_inference_log_dropped_rows_total');
  console.log(`bench/serve-logging: POST /invocations, dataframe_split, churn model (ONNX), autocannon, ${CONNECTIONS} connections`);
  console.log('rows conns  off/s    on/s    on/off   p50 off/on ms');
  for (const line of lines) console.log(line);
  console.log(`inference log: ${logged} rows queued, ${counter(metrics, 'workbench_inference_log_written_rows_total')} written so far, ${dropped} dropped, ${counter(metrics, 'workbench_inference_log_bytes')} bytes on disk`);
  if (logged === 0 || dropped > logged / 100) verdicts.push(`the log dropped ${dropped} of ${logged + dropped} rows: not a fair measure of its cost`);
  console.log(verdicts.length === 0 ? 'target (throughput with the inference log >= 0.9x without): met' : `target NOT met: ${verdicts.join('; ')}`);
} finally {
  await servers.stop();
  await trained.close();
}
