import type { ModelServer } from '../../../../../shared/contract';

/** A served model whose version changed under a running server: its alias moved and the new version was swapped in. */
export interface Swap {
  serverId: string;
  /** The route name of the served model. */
  model: string;
  from: number;
  to: number;
  at: number;
}

export const swapKey = (serverId: string, model: string): string => `${serverId}|${model}`;

/** The swaps between two reads of the server list (servers that started or stopped in between have none). */
export function detectSwaps(before: readonly ModelServer[], after: readonly ModelServer[], at: number): Swap[] {
  const previous = new Map<string, number>();
  for (const server of before) for (const model of server.models) previous.set(swapKey(server.id, model.name), model.version);
  const swaps: Swap[] = [];
  for (const server of after) {
    for (const model of server.models) {
      const from = previous.get(swapKey(server.id, model.name));
      if (from !== undefined && from !== model.version) swaps.push({ serverId: server.id, model: model.name, from, to: model.version, at: model.loadedAt || at });
    }
  }
  return swaps;
}

/** The latest swap of each served model, forgetting servers no longer running. */
export function recordSwaps(known: ReadonlyMap<string, Swap>, swaps: readonly Swap[], running: readonly ModelServer[]): Map<string, Swap> {
  const ids = new Set(running.map((s) => s.id));
  const next = new Map([...known].filter(([, swap]) => ids.has(swap.serverId)));
  for (const swap of swaps) next.set(swapKey(swap.serverId, swap.model), swap);
  return next;
}
