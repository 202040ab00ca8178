/**
 * bench/serve: `POST /invocations` of the workbench's model server against
 * the floor (a minimal node:http server calling an onnxruntime session on the
 * same ONNX file), with autocannon: 1 and 100 rows per request, at 1, 8 and
 * 64 connections; requests per second, p50 and p99 latency, and the ratios.
 * The model is the churn sample's, trained here (the proposed pipeline and
 * network, a few epochs), exported to ONNX by training, registered, and served
 * as models:/churn@champion. Both servers run in one child process (the load
 * comes from this one), one at a time, alternating; each figure is the median
 * of its samples.
 *
 *   npm run bench:serve [-- --seconds 2 --rounds 6]
 */
import { join } from 'node:path';
import { countOption } from '../options';
import { startChildServer } from './child-server';
import { bodies, trainChurn } from './churn-model';
import { load, type Load } from './load';

const SECONDS = countOption('--seconds', 2);
const ROUNDS = countOption('--rounds', 6);
const say = (line: string): void => void process.stderr.write(`bench/serve: ${line}\n`);

async function startServers(workspace: string, home: string): Promise<{ urls: { workbench: string; floor: string }; stop: () => Promise<void> }> {
  const { first, stop } = await startChildServer<{ workbench: string; floor: string }>(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'servers.ts'), workspace, join(home, 'servers'), 'models:/churn@champion'], 'the servers');
  return { urls: first, stop };
}

const trained = await trainChurn(say);
const servers = await startServers(trained.workspace, trained.home);
try {
  const payloads = bodies(trained.csv, trained.inputs, [1, 100]);
  // Both must answer the same before their speed means anything.
  for (const [n, body] of payloads) {
    const answers = await Promise.all([servers.urls.floor, servers.urls.workbench].map(async (url) => {
      const response = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return (await response.json()) as { predictions: Record<string, unknown>[] };
    }));
    const [floor, workbench] = answers.map((a) => JSON.stringify(a.predictions.map((row) => row.prediction)));
    if (floor !== workbench || answers[1]?.predictions.length !== n) throw new Error(`the servers disagree on ${n} rows: ${floor} vs ${workbench}`);
  }
  say(`both servers answer alike; ${ROUNDS} samples of ${SECONDS} s per server and setting, alternating; medians`);

  const median = (values: number[]): number => {
    const sorted = [...values].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  /** The median of each figure over the samples: one busy moment of the machine does not decide a ratio. */
  const summary = (samples: Load[]): Load => ({
    requestsPerSecond: median(samples.map((l) => l.requestsPerSecond)),
    p50: median(samples.map((l) => l.p50)),
    p99: median(samples.map((l) => l.p99)),
    requests: samples.reduce((n, l) => n + l.requests, 0),
    failures: samples.reduce((n, l) => n + l.failures, 0),
  });
  // JIT and caches first: neither server's first seconds count.
  for (const body of payloads.values()) for (const url of [servers.urls.floor, servers.urls.workbench]) await load(`${url}/invocations`, body, 8, 3);
  const lines: string[] = [];
  const verdicts: string[] = [];
  for (const [rows, body] of payloads) {
    for (const connections of [1, 8, 64]) {
      const run = (which: 'floor' | 'workbench', seconds = SECONDS): Promise<Load> => load(`${servers.urls[which]}/invocations`, body, connections, seconds);
      await run('floor', 1);
      await run('workbench', 1);
      const samples: Record<'floor' | 'workbench', Load[]> = { floor: [], workbench: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const which of round % 2 === 0 ? (['floor', 'workbench'] as const) : (['workbench', 'floor'] as const)) samples[which].push(await run(which));
      }
      const floor = summary(samples.floor);
      const workbench = summary(samples.workbench);
      if (floor.failures + workbench.failures > 0) throw new Error(`${floor.failures + workbench.failures} failed requests at ${rows} rows, ${connections} connections`);
      const ratio = workbench.requestsPerSecond / floor.requestsPerSecond;
      const overhead = workbench.p50 - floor.p50;
      lines.push(
        `${String(rows).padStart(4)} ${String(connections).padStart(5)}  ${floor.requestsPerSecond.toFixed(0).padStart(7)} ${workbench.requestsPerSecond.toFixed(0).padStart(7)}  ${ratio.toFixed(2).padStart(5)}   ${floor.p50.toFixed(3)}/${floor.p99.toFixed(3)}  ${workbench.p50.toFixed(3)}/${workbench.p99.toFixed(3)}  ${overhead >= 0 ? '+' : ''}${overhead.toFixed(3)}`,
      );
      say(lines.at(-1) ?? '');
      if (ratio < 0.8) verdicts.push(`throughput ${ratio.toFixed(2)}x the floor at ${rows} rows, ${connections} connections (target >= 0.8)`);
      if (rows === 1 && connections === 1 && overhead > 0.3) verdicts.push(`p50 overhead ${overhead.toFixed(3)} ms for one row (target <= 0.3 ms)`);
    }
  }
  console.log('bench/serve: POST /invocations, dataframe_split, churn model (ONNX), autocannon');
  console.log('rows conns  floor/s  wb/s   ratio   floor p50/p99 ms  wb p50/p99 ms  p50 overhead ms');
  for (const line of lines) console.log(line);
  console.log(verdicts.length === 0 ? 'targets (throughput >= 0.8x the floor; p50 overhead <= 0.3 ms for one row): met' : `targets NOT met: ${verdicts.join('; ')}`);
} finally {
  await servers.stop();
  await trained.close();
}
