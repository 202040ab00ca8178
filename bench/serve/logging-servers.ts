/**
 * What bench/serve/logging.ts and its paired measure share: the servers
 * under test (bench/serve/logging-server.ts, a process each, pinned to the
 * last core), their CPU time, the log's counters, and the statistics.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../electron/evaluation';
import { startChildServer } from './child-server';

/** The CPU seconds the process has used so far, all its threads (utime + stime from /proc, in clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** `slot` names the server's own app home: in a control run both servers have the log off, but never share a home. */
export async function startServer(workspace: string, home: string, slot: string, setting: 'on' | 'off'): Promise<Server> {
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const script = join(import.meta.dirname, 'logging-server.ts');
  const args = [...profile, '--import', 'tsx', script, workspace, join(home, `server-${slot}`), 'models:/churn@champion', setting];
  // With two or more cores, the servers share the last one and the load generator (this process) keeps the others: no sample then
  // depends on where the scheduler put the server next to autocannon.
  const [command, argv] = PINNED ? ['taskset', ['-c', String(cpus().length - 1), process.execPath, ...args]] : [process.execPath, args];
  const { first, pid, stop } = await startChildServer<{ url: string }>(command, argv, `the ${setting} server`);
  return { url: first.url, pid, stop };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** A 95% percentile-bootstrap interval of the median: how far the figure of a run this long can be trusted on this machine. */
export function medianInterval(values: number[], resamples = 4000): [number, number] {
  const random = seededRandom(42);
  const medians = Array.from({ length: resamples }, () => median(values.map(() => values[Math.floor(random() * values.length)] as number))).sort((x, y) => x - y);
  return [medians[Math.floor(0.025 * resamples)] as number, medians[Math.ceil(0.975 * resamples) - 1] as number];
}

const counter = (metrics: string, name: string): number =>
  [...metrics.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);

export const logCounts = async (url: string): Promise<{ logged: number; written: number; dropped: number; bytes: number }> => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return {
    logged: counter(metrics, 'workbench_inference_log_rows_total'),
    written: counter(metrics, 'workbench_inference_log_written_rows_total'),
    dropped: counter(metrics, 'workbench_inference_log_dropped_rows_total'),
    bytes: counter(metrics, 'workbench_inference_log_bytes'),
  };
};

const POLL_MS = 100;

/**
 * Waits until the log has written (or dropped) every row it took: its
 * background work must not fall in the next sample. Each poll is a /metrics
 * request, about a millisecond of the server's CPU here: the servers in
 * `alongside` are asked as often, so that a measure that counts CPU charges
 * the polling to every server alike and only the log's work to the log.
 */
export async function caughtUp(url: string, alongside: readonly string[] = []): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += POLL_MS) {
    const [{ logged, written, dropped }] = await Promise.all([logCounts(url), ...alongside.map((other) => logCounts(other))]);
    if (written + dropped >= logged) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error('the inference log did not catch up within 30 s');
}

/** taskset (util-linux) pins the servers to one core and this process to the rest. */
export const PINNED = cpus().length >= 2 && spawnSync('taskset', ['-cp', `0-${cpus().length - 2}`, String(process.pid)], { stdio: 'ignore' }).status === 0;
