/**
 * bench/serve/logging: what the inference log costs serving. The same model
 * and server as bench/serve (the churn sample's model, trained here, served
 * as models:/churn@champion), two servers in processes of their own, one
 * logging every request into the workspace and one not; `POST /invocations`
 * with autocannon, 1 and 100 rows per request at 8 connections.
 *
 * The settings take turns in rounds (one sample of each, the first of the
 * pair alternating), and the figure is the median over rounds of each
 * round's on/off ratio: a slow spell of this shared machine then falls on
 * both samples of a round instead of on one setting's. The rounds are split
 * in two phases with fresh servers started in opposite orders (on first,
 * then off first): with one phase, control runs (both logs off) put the
 * server started first 1.2-1.8% behind the other in each of four runs, a
 * bias against whichever setting starts first; the phases cancel it.
 * Beside the median, a 95% bootstrap interval over the rounds shows how
 * far one run's figure can be trusted on this machine.
 * After each sample with the log on, the bench waits for the log to write
 * what it took, so that its background work never lands in the other
 * setting's sample; the server CPU per request counts that catch-up. Target:
 * throughput with the log on at least 0.9x off. The log's own counters (rows
 * written, dropped) are printed too: a log that dropped its rows would be
 * cheap for nothing.
 *
 *   npm run bench:serve-logging [-- --seconds 2 --rounds 20] [--control]
 *
 * --control runs the same with the log off on both servers: the ratio it
 * prints is this machine's noise, to read the real one against.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../electron/evaluation';
import { repoRoot } from '../../test/helpers';
import { countOption } from '../options';
import { bodies, trainChurn } from './churn-model';
import { load, type Load } from './load';

const SECONDS = countOption('--seconds', 2);
/** Rounds per payload, over both phases (half each, the first phase taking the odd one). */
const ROUNDS = countOption('--rounds', 20);
/** A/A control: the "on" server logs nothing either, so its ratio shows the bench's own noise. */
const CONTROL = process.argv.includes('--control');
const CONNECTIONS = 8;
const say = (line: string): void => void process.stderr.write(`bench/serve-logging: ${line}\n`);

/** The CPU seconds the process has used so far, all its threads (utime + stime from /proc, in clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Server {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** `slot` names the server's own app home: in a control run both servers have the log off, but never share a home. */
function startServer(workspace: string, home: string, slot: 'on' | 'off', setting: 'on' | 'off'): Promise<Server> {
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const script = join(import.meta.dirname, 'logging-server.ts');
  const args = [...profile, '--import', 'tsx', script, workspace, join(home, `server-${slot}`), 'models:/churn@champion', setting];
  // With two or more cores, the servers share the last one and the load generator (this process) keeps the others: no sample then
  // depends on where the scheduler put the server next to autocannon.
  const child = PINNED ? spawn('taskset', ['-c', String(cpus().length - 1), process.execPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] }) : spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => {
      out += part;
      if (!out.includes('\n')) return;
      const { url } = JSON.parse(out.split('\n')[0] ?? '') as { url: string };
      resolve({ url, pid: child.pid ?? 0, stop: async () => (child.kill('SIGTERM'), exited) });
    });
    child.on('exit', (code) => reject(new Error(`the ${setting} server exited (${code ?? 'signal'}) before listening`)));
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** A 95% percentile-bootstrap interval of the median: how far the figure of a run this long can be trusted on this machine. */
function medianInterval(values: number[], resamples = 4000): [number, number] {
  const random = seededRandom(42);
  const medians = Array.from({ length: resamples }, () => median(values.map(() => values[Math.floor(random() * values.length)] as number))).sort((x, y) => x - y);
  return [medians[Math.floor(0.025 * resamples)] as number, medians[Math.ceil(0.975 * resamples) - 1] as number];
}

const counter = (metrics: string, name: string): number =>
  [...metrics.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);

const logCounts = async (url: string): Promise<{ logged: number; written: number; dropped: number; bytes: number }> => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return {
    logged: counter(metrics, 'workbench_inference_log_rows_total'),
    written: counter(metrics, 'workbench_inference_log_written_rows_total'),
    dropped: counter(metrics, 'workbench_inference_log_dropped_rows_total'),
    bytes: counter(metrics, 'workbench_inference_log_bytes'),
  };
};

/** Waits until the log has written (or dropped) every row it took: its background work must not fall in the next sample. */
async function caughtUp(url: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const { logged, written, dropped } = await logCounts(url);
    if (written + dropped >= logged) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the inference log did not catch up within 30 s');
}

/** taskset (util-linux) pins the servers to one core and this process to the rest. */
const PINNED = cpus().length >= 2 && spawnSync('taskset', ['-cp', `0-${cpus().length - 2}`, String(process.pid)], { stdio: 'ignore' }).status === 0;

type Setting = 'on' | 'off';
interface Samples {
  load: Record<Setting, Load[]>;
  cpu: Record<Setting, number[]>;
  /** Each round's on/off throughput. */
  ratios: number[];
}
type LogCounts = Awaited<ReturnType<typeof logCounts>>;

/** One phase: servers started in `order`, `rounds` rounds of each payload; the samples are added to `samples`. Answers the log's counters (none in a control run). */
async function phase(order: readonly Setting[], rounds: number, payloads: Map<number, string>, samples: Map<number, Samples>): Promise<LogCounts | null> {
  const servers = {} as Record<Setting, Server>;
  try {
    for (const which of order) servers[which] = await startServer(trained.workspace, trained.home, which, which === 'on' && !CONTROL ? 'on' : 'off');
    for (const body of payloads.values()) for (const which of order) await load(`${servers[which].url}/invocations`, body, CONNECTIONS, 3);
    if (!CONTROL) await caughtUp(servers.on.url);
    for (const [rows, body] of payloads) {
      const into = samples.get(rows) as Samples;
      const run = async (which: Setting): Promise<Load> => {
        const { pid, url } = servers[which];
        const before = cpuSeconds(pid);
        const result = await load(`${url}/invocations`, body, CONNECTIONS, SECONDS);
        // The log's CPU counts in full: the sample's own writes and those left for after it.
        if (which === 'on' && !CONTROL) await caughtUp(url);
        into.cpu[which].push(((cpuSeconds(pid) - before) / result.requests) * 1e6);
        into.load[which].push(result);
        return result;
      };
      for (let round = 0; round < rounds; round++) {
        const pair = (into.ratios.length % 2 === 0 ? ['off', 'on'] : ['on', 'off']) as Setting[];
        const got = {} as Record<Setting, Load>;
        for (const which of pair) got[which] = await run(which);
        into.ratios.push(got.on.requestsPerSecond / got.off.requestsPerSecond);
      }
    }
    return CONTROL ? null : await logCounts(servers.on.url);
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

const trained = await trainChurn(say);
try {
  const payloads = bodies(trained.csv, trained.inputs, [1, 100]);
  const samples = new Map([...payloads.keys()].map((rows): [number, Samples] => [rows, { load: { on: [], off: [] }, cpu: { on: [], off: [] }, ratios: [] }]));
  say(`${ROUNDS} rounds of ${SECONDS} s per payload in two phases (servers started on, off; then off, on); medians`);
  const first = await phase(['on', 'off'], Math.ceil(ROUNDS / 2), payloads, samples);
  const second = await phase(['off', 'on'], Math.floor(ROUNDS / 2), payloads, samples);
  const lines: string[] = [];
  const verdicts: string[] = [];
  const notes: string[] = [];
  for (const [rows, { load: loads, cpu, ratios }] of samples) {
    const failures = [...loads.on, ...loads.off].reduce((n, l) => n + l.failures, 0);
    if (failures > 0) throw new Error(`${failures} failed requests at ${rows} rows`);
    const off = median(loads.off.map((l) => l.requestsPerSecond));
    const on = median(loads.on.map((l) => l.requestsPerSecond));
    const ratio = median(ratios);
    const [low, high] = medianInterval(ratios);
    const p50 = (which: Setting): string => median(loads[which].map((l) => l.p50)).toFixed(3);
    const cpuPer = (which: Setting): number => median(cpu[which]);
    lines.push(
      `${String(rows).padStart(4)} ${String(CONNECTIONS).padStart(5)}  ${off.toFixed(0).padStart(7)} ${on.toFixed(0).padStart(7)}  ${ratio.toFixed(3).padStart(6)} [${low.toFixed(3)}, ${high.toFixed(3)}]  ${(on / off).toFixed(3).padStart(6)}   ${p50('off')} ${p50('on')}   ${cpuPer('off').toFixed(0).padStart(6)} ${cpuPer('on').toFixed(0).padStart(6)}  ${(cpuPer('off') / cpuPer('on')).toFixed(3)}`,
    );
    say(`${lines.at(-1) ?? ''}   rounds: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
    if (ratio < 0.9) verdicts.push(`throughput with logging ${ratio.toFixed(3)}x without at ${rows} rows (target >= 0.9)`);
    else if (low < 0.9) notes.push(`at ${rows} rows the interval reaches below 0.9 (${low.toFixed(3)}): met in this run, not beyond this machine's noise`);
  }
  console.log(`bench/serve-logging: POST /invocations, dataframe_split, churn model (ONNX), autocannon, ${CONNECTIONS} connections, one server process per setting${PINNED ? `, servers pinned to core ${cpus().length - 1} and autocannon to the others` : ''}`);
  console.log('rows conns  off/s    on/s    on/off (median of rounds [95% bootstrap interval]; of medians)   p50 off/on ms   server CPU µs/request off/on (all threads, the log catch-up included)  off/on');
  for (const line of lines) console.log(line);
  // Rows are counted per server process; bytes on disk are the whole log's, as the last server saw it.
  const logged = (first?.logged ?? 0) + (second?.logged ?? 0);
  const written = (first?.written ?? 0) + (second?.written ?? 0);
  const dropped = (first?.dropped ?? 0) + (second?.dropped ?? 0);
  const bytes = second?.bytes ?? 0;
  console.log(`inference log: ${logged} rows queued, ${written} written, ${dropped} dropped, ${bytes} bytes on disk`);
  if (CONTROL) verdicts.push('control run (the log off on both servers): the ratios above are noise');
  else if (logged === 0 || dropped > logged / 100) verdicts.push(`the log dropped ${dropped} of ${logged + dropped} rows: not a fair measure of its cost`);
  console.log(verdicts.length === 0 ? 'target (throughput with the inference log >= 0.9x without): met' : `target NOT met: ${verdicts.join('; ')}`);
  for (const note of notes) console.log(`note: ${note}`);
} finally {
  await trained.close();
}
