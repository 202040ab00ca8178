import { availableParallelism } from 'node:os';
import { WorkbenchError, type SearchSpec } from '../../shared/contract';
import { domainOf, toParamValue, type Domain, type ParamValue } from './distributions';
import { checkSpace } from './params';
import { shouldPrune } from './pruner';
import { createRandomSampler, type FinishedTrial, type Sampler } from './random-sampler';
import { createTpeSampler } from './tpe';

export interface Trial {
  /** 0, 1, 2... in the order trials start. */
  readonly number: number;
  readonly params: Record<string, ParamValue>;
  /**
   * Reports the trial's metric at a step (an epoch). True means the trial is
   * pruned: stop training and return (the value returned, or an error thrown,
   * no longer matters: the trial is recorded as pruned). With pruning off it
   * only counts steps and answers false.
   */
  report(step: number, value: number): boolean;
}

export interface TrialResult {
  number: number;
  params: Record<string, ParamValue>;
  /** The objective's value; for a pruned trial, its value at its last reported step; null for a failed one. */
  value: number | null;
  state: 'complete' | 'pruned' | 'failed';
  error?: string;
  /** How many steps it reported. */
  steps: number;
}

export interface SearchOptions {
  spec: SearchSpec;
  seed: number;
  /**
   * Aborting starts no new trial; the search waits for the trials in flight
   * (the objective sees the same signal through its closure and should stop
   * early) and rejects with WorkbenchError('cancelled').
   */
  signal: AbortSignal;
  /** The trial's final metric. A throw (or a non-finite value) fails the trial and the search goes on. */
  objective: (trial: Trial) => Promise<number>;
  onTrialStart?(trial: Trial): void;
  onTrialEnd?(result: TrialResult): void;
}

export interface SearchOutcome {
  /** The best complete trial by the spec's direction (the earliest among equals); null when none completed. */
  best: TrialResult | null;
  /** Every trial, by number. */
  trials: TrialResult[];
}

/** How many trials may run at once: what was asked, bounded by the cores, at least 1. */
export function maxParallelTrials(requested: number): number {
  const asked = Number.isFinite(requested) ? Math.floor(requested) : 1;
  return Math.max(1, Math.min(asked, availableParallelism()));
}

/**
 * Runs the search. With the same seed the same trials come out: random search
 * always, TPE whenever the trials finish in the same order (always with
 * parallel 1), since each proposal learns from the trials finished by then.
 */
export async function runSearch(options: SearchOptions): Promise<SearchOutcome> {
  const { spec, seed, signal } = options;
  const [issue, ...more] = checkSpace(spec.space);
  if (issue !== undefined) {
    throw new WorkbenchError('invalid_input', [issue, ...more].map((i) => `${i.field}: ${i.message}`).join('; '), { field: issue.field });
  }
  const space = Object.entries(spec.space).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const domains = new Map<string, Domain>(space.map(([name, distribution]) => [name, domainOf(distribution)]));
  const sampler: Sampler =
    spec.method === 'tpe' ? createTpeSampler({ domains, seed, direction: spec.direction, trials: spec.trials }) : createRandomSampler(domains, seed);
  const limit = maxParallelTrials(spec.parallel);
  const finished: FinishedTrial[] = [];
  const completedReports: ReadonlyMap<number, number>[] = [];
  const results: TrialResult[] = [];
  /** Set by an error from the sampler or a callback (the objective's errors only fail its trial): the search cannot go on. */
  const fatal: { error?: unknown; happened: boolean } = { happened: false };

  const runTrial = async (number: number): Promise<void> => {
    const internal = sampler.propose(number, finished);
    const params: Record<string, ParamValue> = {};
    for (const [name, distribution] of space) {
      const x = internal[name];
      if (x === undefined) throw new Error(`the sampler proposed no value for ${name}`);
      params[name] = toParamValue(distribution, x);
    }
    const reports = new Map<number, number>();
    let pruned = false;
    const trial: Trial = {
      number,
      params,
      report(step, value) {
        if (!Number.isInteger(step) || step < 0) throw new WorkbenchError('invalid_input', `a trial's step must be a whole number from 0 (got ${step})`);
        if (pruned) return true;
        reports.set(step, value);
        pruned = spec.pruning && shouldPrune({ direction: spec.direction, step, reports, completed: completedReports });
        return pruned;
      },
    };
    options.onTrialStart?.(trial);
    let outcome: { value: number } | { error: unknown };
    try {
      outcome = { value: await options.objective(trial) };
    } catch (error) {
      outcome = { error };
    }
    const lastStep = reports.size === 0 ? -1 : Math.max(...reports.keys());
    const result = ((): TrialResult => {
      const base = { number, params, steps: reports.size };
      if (pruned) {
        const last = reports.get(lastStep);
        return { ...base, state: 'pruned', value: last !== undefined && Number.isFinite(last) ? last : null };
      }
      if ('error' in outcome) return { ...base, state: 'failed', value: null, error: describe(outcome.error) };
      if (!Number.isFinite(outcome.value)) return { ...base, state: 'failed', value: null, error: `the objective returned ${outcome.value}` };
      return { ...base, state: 'complete', value: outcome.value };
    })();
    results.push(result);
    if (result.state !== 'failed') finished.push({ number, internal, state: result.state, value: result.value, lastStep });
    if (result.state === 'complete') completedReports.push(reports);
    options.onTrialEnd?.(result);
  };

  const running = new Set<Promise<void>>();
  let next = 0;
  while (next < spec.trials && !signal.aborted && !fatal.happened) {
    if (running.size >= limit) {
      await Promise.race(running);
      continue;
    }
    const run: Promise<void> = runTrial(next)
      .catch((error: unknown) => {
        if (fatal.happened) return;
        fatal.happened = true;
        fatal.error = error;
      })
      .finally(() => running.delete(run));
    running.add(run);
    next += 1;
  }
  await Promise.all(running);
  if (fatal.happened) throw fatal.error;
  if (signal.aborted) {
    throw new WorkbenchError('cancelled', `The search was cancelled after ${results.length} of ${spec.trials} trials.`, { trials: results.length });
  }
  results.sort((a, b) => a.number - b.number);
  return { best: bestOf(results, spec.direction), trials: results };
}

function bestOf(results: readonly TrialResult[], direction: 'maximize' | 'minimize'): TrialResult | null {
  let best: { result: TrialResult; value: number } | null = null;
  for (const result of results) {
    const { value } = result;
    if (result.state !== 'complete' || value === null) continue;
    if (best === null || (direction === 'maximize' ? value > best.value : value < best.value)) best = { result, value };
  }
  return best?.result ?? null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
