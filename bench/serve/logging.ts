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
 * setting's sample; the server CPU per request counts that catch-up (and
 * the bench's /metrics polls during it, about a millisecond of CPU each:
 * the paired measure charges those to both servers alike). Target:
 * throughput with the log on at least 0.9x off. The log's own counters (rows
 * written, dropped) are printed too: a log that dropped its rows would be
 * cheap for nothing.
 *
 * Each request carries a different body (rows drawn from the churn sample,
 * charges moved a little; see distinctBodies), as production traffic does.
 * Until 2026-11-27 this bench sent one body again and again; V8 then keeps
 * the text of each of its predictions in its number-to-string cache
 * (formatting 200 probabilities took 5 µs instead of 50-60), so the server
 * without the log did less work than real traffic asks, and any other
 * number the log turned into text (a request ID's counter) cost about 2% of
 * throughput by evicting those entries. `--same-body` brings that back, to
 * compare.
 *
 * Then the paired measure (logging-paired.ts): the two settings loaded at
 * the same time, for a figure this machine's noise hardly moves.
 *
 *   npm run bench:serve-logging [-- --seconds 2 --rounds 20 --paired-rounds 10] [--control] [--same-body] [--no-paired]
 *
 * --control runs the same with the log off on both servers: the ratio it
 * prints is this machine's noise, to read the real one against.
 */
import { cpus } from 'node:os';
import { countOption } from '../options';
import { bodies, distinctBodies, trainChurn } from './churn-model';
import { load, type Load } from './load';
import { pairedRounds, type PairedRound } from './logging-paired';
import { caughtUp, cpuSeconds, logCounts, median, medianInterval, PINNED, startServer, type Server } from './logging-servers';

const SECONDS = countOption('--seconds', 2);
/** Rounds per payload, over both phases (half each, the first phase taking the odd one). */
const ROUNDS = countOption('--rounds', 20);
/** A/A control: the "on" server logs nothing either, so its ratio shows the bench's own noise. */
const CONTROL = process.argv.includes('--control');
/** One body sent again and again, as this bench did until it was found to flatter the server without the log (see above). */
const SAME_BODY = process.argv.includes('--same-body');
/** Rounds of the paired measure per payload (see logging-paired.ts); 0 leaves it out. */
const PAIRED_ROUNDS = process.argv.includes('--no-paired') ? 0 : countOption('--paired-rounds', 10);
const CONNECTIONS = 8;
const say = (line: string): void => void process.stderr.write(`bench/serve-logging: ${line}\n`);

type Setting = 'on' | 'off';
interface Samples {
  load: Record<Setting, Load[]>;
  cpu: Record<Setting, number[]>;
  /** Each round's on/off throughput. */
  ratios: number[];
}
type LogCounts = Awaited<ReturnType<typeof logCounts>>;

/** One phase: servers started in `order`, `rounds` rounds of each payload; the samples are added to `samples`. Answers the log's counters (none in a control run). */
async function phase(order: readonly Setting[], rounds: number, payloads: Map<number, readonly string[]>, samples: Map<number, Samples>): Promise<LogCounts | null> {
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
  const payloads = new Map(
    [1, 100].map((rows): [number, readonly string[]] => [rows, SAME_BODY ? [bodies(trained.csv, trained.inputs, [rows]).get(rows) as string] : distinctBodies(trained.csv, trained.inputs, rows, Math.min(20_000, Math.ceil(200_000 / rows)))]),
  );
  const samples = new Map([...payloads.keys()].map((rows): [number, Samples] => [rows, { load: { on: [], off: [] }, cpu: { on: [], off: [] }, ratios: [] }]));
  say(`${ROUNDS} rounds of ${SECONDS} s per payload in two phases (servers started on, off; then off, on); medians`);
  const first = await phase(['on', 'off'], Math.ceil(ROUNDS / 2), payloads, samples);
  const second = await phase(['off', 'on'], Math.floor(ROUNDS / 2), payloads, samples);
  if (PAIRED_ROUNDS > 0) say(`paired: ${PAIRED_ROUNDS} rounds of ${SECONDS + 1} s per payload, both servers loaded at once, over two fresh pairs`);
  const paired = PAIRED_ROUNDS > 0 ? await pairedRounds(trained.workspace, trained.home, payloads, PAIRED_ROUNDS, SECONDS + 1, CONNECTIONS, CONTROL) : new Map<number, PairedRound[]>();
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
  if (paired.size > 0) {
    console.log('paired (log on and log off loaded at once, same core): rows  requests per CPU-second on/off (median of rounds [95% bootstrap interval])  throughput on/off while sharing the core');
    for (const [rows, rounds] of paired) {
      const perCpu = rounds.map((round) => round.perCpu);
      const ratio = median(perCpu);
      const [low, high] = medianInterval(perCpu);
      console.log(`${String(rows).padStart(4)}  ${ratio.toFixed(3)} [${low.toFixed(3)}, ${high.toFixed(3)}]  ${median(rounds.map((round) => round.throughput)).toFixed(3)}`);
      say(`paired ${rows} rows: rounds ${perCpu.map((r) => r.toFixed(3)).join(' ')}`);
      if (ratio < 0.9) verdicts.push(`paired: requests per CPU-second with logging ${ratio.toFixed(3)}x without at ${rows} rows (target >= 0.9)`);
    }
  }
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
