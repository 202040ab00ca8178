/**
 * The paired measure of bench/serve/logging: two fresh servers, log on and
 * log off, loaded at the same time on the same core. Each round's figure is
 * the on server's requests per CPU-second (all its threads, the log's
 * catch-up included; the bench's polls for it fall on both servers alike)
 * over the off server's. A server that saturates its core
 * serves that many requests a second, so this is the throughput ratio; but
 * a slow spell of this shared machine now falls on both servers at once
 * instead of on one setting's sample. In an A/A run (both logs off) its
 * rounds came out between 0.958 and 1.026, medians 1.010 and 1.002, where
 * the sequential rounds of the same run spread from 0.84 to 1.27 and their
 * medians read 0.94, a cost that was not there.
 *
 * What it costs: the two processes take turns on the core, so each finds
 * the other's data in the caches, which makes memory-heavy work (the log's
 * buffers, its writes) dearer than on a server alone. It is the stricter of
 * the two figures. Fresh processes differ by up to 2% in A/A runs (their
 * code and memory land differently), so the rounds are split over two pairs
 * started in opposite orders.
 */
import { load } from './load';
import { caughtUp, cpuSeconds, startServer, type Server } from './logging-servers';

export interface PairedRound {
  /** On over off: requests per CPU-second. */
  perCpu: number;
  /** On over off: requests per second while sharing the core (the scheduler gives the log's writer thread a share of its own). */
  throughput: number;
}

type Setting = 'on' | 'off';

/** `rounds` rounds per payload over two pairs of servers; `control`: the log off in both. */
export async function pairedRounds(workspace: string, home: string, payloads: ReadonlyMap<number, readonly string[]>, rounds: number, seconds: number, connections: number, control: boolean): Promise<Map<number, PairedRound[]>> {
  const out = new Map([...payloads.keys()].map((rows): [number, PairedRound[]] => [rows, []]));
  const pairs: Setting[][] = [
    ['on', 'off'],
    ['off', 'on'],
  ];
  for (const [p, order] of pairs.entries()) {
    const servers = {} as Record<Setting, Server>;
    try {
      for (const which of order) servers[which] = await startServer(workspace, home, `paired-${which}-${p}`, which === 'on' && !control ? 'on' : 'off');
      const both = async (body: readonly string[], s: number): Promise<Record<Setting, number>> => {
        const [on, off] = await Promise.all([load(`${servers.on.url}/invocations`, body, connections, s), load(`${servers.off.url}/invocations`, body, connections, s)]);
        return { on: on.requests, off: off.requests };
      };
      for (const body of payloads.values()) await both(body, 3);
      if (!control) await caughtUp(servers.on.url);
      for (const [rows, body] of payloads) {
        const into = out.get(rows) as PairedRound[];
        const share = p === 0 ? Math.ceil(rounds / 2) : Math.floor(rounds / 2);
        for (let round = 0; round < share; round++) {
          const before = { on: cpuSeconds(servers.on.pid), off: cpuSeconds(servers.off.pid) };
          const requests = await both(body, seconds);
          if (!control) await caughtUp(servers.on.url, [servers.off.url]);
          const perCpu = (which: Setting): number => requests[which] / Math.max(0.01, cpuSeconds(servers[which].pid) - before[which]);
          into.push({ perCpu: perCpu('on') / perCpu('off'), throughput: requests.on / requests.off });
        }
      }
    } finally {
      await Promise.all(Object.values(servers).map((server) => server.stop()));
    }
  }
  return out;
}
