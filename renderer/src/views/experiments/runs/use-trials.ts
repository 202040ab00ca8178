import { useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import type { RunSummary } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { BEST_TRIAL_TAG } from './run-columns';
import { childrenFilter } from './search-query';

/** `tracking.searchRuns` answers at most this many runs at once; a search rarely has more trials. */
export const MOST_TRIALS = 1000;

export interface Trials {
  runs: RunSummary[] | null;
  /** Trials past `MOST_TRIALS`, not listed. */
  more: number;
  failure: string | null;
}

/** A search's trials: runs whose `mlflow.parentRunId` tag names it, in the given order. */
export async function readTrials(client: WorkbenchClient, parentRunId: string, orderBy: string[]): Promise<Trials> {
  const result = await client.call('tracking.searchRuns', { filter: childrenFilter(parentRunId), orderBy, limit: MOST_TRIALS, includeChildren: true });
  return { runs: result.runs, more: Math.max(0, result.total - result.runs.length), failure: null };
}

/** A run that ran trials: it names its best one, or carries a `workbench.search…` tag from the start. */
export function isSearchParent(run: RunSummary): boolean {
  return run.tags[BEST_TRIAL_TAG] !== undefined || Object.keys(run.tags).some((key) => key.startsWith('workbench.search'));
}

/**
 * The trials of each opened search, read when it is opened and again on each
 * `epoch` (runs changed); what was read stays shown meanwhile.
 */
export function useTrials(parentIds: readonly string[], orderBy: string[], epoch: number): ReadonlyMap<string, Trials> {
  const { client } = useBackend();
  const [trials, setTrials] = useState<ReadonlyMap<string, Trials>>(new Map());

  useEffect(() => {
    let live = true;
    for (const id of parentIds) {
      readTrials(client, id, orderBy).then(
        (answer) => live && setTrials((current) => new Map(current).set(id, answer)),
        (error: unknown) =>
          live && setTrials((current) => new Map(current).set(id, { runs: current.get(id)?.runs ?? [], more: 0, failure: error instanceof Error ? error.message : String(error) })),
      );
    }
    return () => {
      live = false;
    };
  }, [client, parentIds, orderBy, epoch]);

  return trials;
}
