import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { maxParallelTrials, runSearch, type SearchOptions, type Trial, type TrialResult } from '.';
import type { SearchSpec } from '../../shared/contract';
import { failure } from '../../test/helpers';

const never = new AbortController().signal;

function spec(overrides: Partial<SearchSpec>): SearchSpec {
  return {
    method: 'random',
    trials: 20,
    parallel: 1,
    metric: 'val_loss',
    direction: 'minimize',
    pruning: false,
    space: { 'settings.learningRate': { type: 'loguniform', low: 1e-5, high: 1 } },
    ...overrides,
  };
}

function search(options: Partial<SearchOptions> & { spec: SearchSpec }): ReturnType<typeof runSearch> {
  return runSearch({ seed: 1, signal: never, objective: () => Promise.resolve(0), ...options });
}

const num = (trial: Trial | TrialResult, name: string): number => trial.params[name] as number;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Smooth, with its minimum at learning rate 1e-2 and x = 0.3. */
const bowl = (trial: Trial): number => (Math.log10(num(trial, 'settings.learningRate')) + 2) ** 2 + (num(trial, 'algorithm.dropout') - 0.3) ** 2;
const bowlSpace: SearchSpec['space'] = {
  'settings.learningRate': { type: 'loguniform', low: 1e-5, high: 1 },
  'algorithm.dropout': { type: 'uniform', low: 0, high: 1 },
};

const mixedSpace: SearchSpec['space'] = {
  'settings.learningRate': { type: 'loguniform', low: 1e-4, high: 1 },
  'algorithm.dropout': { type: 'uniform', low: 0.1, high: 0.6 },
  'settings.batchSize': { type: 'int', low: 1, high: 5 },
  'algorithm.hiddenLayers': { type: 'choice', values: [[32], [64, 64], { odd: true }, 'x'] },
};

describe('sampling', () => {
  it('gives the same trials for the same seed, and other trials for another seed', async () => {
    for (const method of ['random', 'tpe'] as const) {
      const run = (seed: number) => runSearch({ spec: spec({ method, trials: 25, space: bowlSpace }), seed, signal: never, objective: (t) => Promise.resolve(bowl(t)) });
      const [a, b, c] = await Promise.all([run(7), run(7), run(8)]);
      expect(a.trials.map((t) => t.params)).toEqual(b.trials.map((t) => t.params));
      expect(a.trials.map((t) => t.params)).not.toEqual(c.trials.map((t) => t.params));
    }
  });

  it('draws the same random trials whatever the parallelism and the order trials finish in', async () => {
    const serial = await search({ spec: spec({ trials: 12, space: mixedSpace }) });
    const parallel = await search({ spec: spec({ trials: 12, space: mixedSpace, parallel: 4 }), objective: async (t) => (await sleep((t.number * 7) % 5), 0) });
    expect(parallel.trials.map((t) => t.params)).toEqual(serial.trials.map((t) => t.params));
  });

  it('keeps every method within the bounds, with whole integers and the choices as given', async () => {
    for (const method of ['random', 'tpe'] as const) {
      const { trials } = await search({ spec: spec({ method, trials: 60, space: mixedSpace }), objective: (t) => Promise.resolve(num(t, 'algorithm.dropout') + num(t, 'settings.batchSize')) });
      for (const trial of trials) {
        expect(num(trial, 'settings.learningRate')).toBeGreaterThanOrEqual(1e-4);
        expect(num(trial, 'settings.learningRate')).toBeLessThanOrEqual(1);
        expect(num(trial, 'algorithm.dropout')).toBeGreaterThanOrEqual(0.1);
        expect(num(trial, 'algorithm.dropout')).toBeLessThanOrEqual(0.6);
        expect(Number.isInteger(num(trial, 'settings.batchSize'))).toBe(true);
        expect([1, 2, 3, 4, 5]).toContain(num(trial, 'settings.batchSize'));
        expect([[32], [64, 64], { odd: true }, 'x']).toContainEqual(trial.params['algorithm.hiddenLayers']);
      }
    }
  });

  it('draws integers uniformly with both ends included, and every choice', async () => {
    const { trials } = await search({ spec: spec({ trials: 1000, space: mixedSpace }) });
    const counts = new Map<number, number>();
    for (const t of trials) counts.set(num(t, 'settings.batchSize'), (counts.get(num(t, 'settings.batchSize')) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    for (const count of counts.values()) expect(Math.abs(count - 200)).toBeLessThan(50);
    const choices = new Set(trials.map((t) => JSON.stringify(t.params['algorithm.hiddenLayers'])));
    expect(choices).toEqual(new Set(['[32]', '[64,64]', '{"odd":true}', '"x"']));
  });

  it('draws log-uniform values evenly in the logarithm: the median sits near the geometric mean', async () => {
    const { trials } = await search({ spec: spec({ trials: 1000, space: mixedSpace }) });
    const rates = trials.map((t) => num(t, 'settings.learningRate')).sort((a, b) => a - b);
    const median = rates[500]!;
    expect(Math.abs(Math.log10(median) - Math.log10(Math.sqrt(1e-4 * 1)))).toBeLessThan(0.2);
    // A quarter of the draws below 1e-3, where a plain uniform would put 0.1%.
    expect(Math.abs(rates.filter((r) => r < 1e-3).length / 1000 - 0.25)).toBeLessThan(0.05);
    const dropouts = trials.map((t) => num(t, 'algorithm.dropout'));
    expect(Math.abs(dropouts.reduce((a, b) => a + b) / 1000 - 0.35)).toBeLessThan(0.02);
  });

  it('gives each trial its own copy of a choice value', async () => {
    const space: SearchSpec['space'] = { 'algorithm.hiddenLayers': { type: 'choice', values: [[8, 8]] } };
    const { trials } = await search({ spec: spec({ trials: 2, space }), objective: (t) => ((t.params['algorithm.hiddenLayers'] as number[]).push(99), Promise.resolve(0)) });
    expect(space['algorithm.hiddenLayers']).toEqual({ type: 'choice', values: [[8, 8]] });
    expect(trials[1]!.params['algorithm.hiddenLayers']).toEqual([8, 8, 99]);
  });

  it('TPE finds better values than random search on a smooth function, on average over seeds', async () => {
    const meanBest = async (method: 'random' | 'tpe'): Promise<number> => {
      let total = 0;
      for (let seed = 0; seed < 10; seed += 1) {
        const { best } = await runSearch({ spec: spec({ method, trials: 40, space: bowlSpace }), seed, signal: never, objective: (t) => Promise.resolve(bowl(t)) });
        total += best!.value!;
      }
      return total / 10;
    };
    const random = await meanBest('random');
    const tpe = await meanBest('tpe');
    expect(tpe).toBeLessThan(random);
  });

  it('TPE follows the direction: maximising -f proposes what minimising f does, and maximising f goes the other way', async () => {
    const late = (trials: TrialResult[]): number => trials.slice(20).reduce((sum, t) => sum + (Math.log10(num(t, 'settings.learningRate')) + 2) ** 2, 0);
    let towardsLow = 0;
    let towardsHigh = 0;
    for (let seed = 0; seed < 4; seed += 1) {
      const run = (direction: 'minimize' | 'maximize', sign: number) =>
        runSearch({ spec: spec({ method: 'tpe', trials: 40, direction, space: bowlSpace }), seed, signal: never, objective: (t) => Promise.resolve(sign * bowl(t)) });
      const minimised = await run('minimize', 1);
      const flipped = await run('maximize', -1);
      const maximised = await run('maximize', 1);
      expect(flipped.trials.map((t) => t.params)).toEqual(minimised.trials.map((t) => t.params));
      expect(maximised.best!.value).toBe(Math.max(...maximised.trials.map((t) => t.value!)));
      towardsLow += late(minimised.trials);
      towardsHigh += late(maximised.trials);
    }
    expect(towardsLow).toBeLessThan(towardsHigh);
  });
});

describe('running trials', () => {
  it('keeps at most the allowed number of objectives in flight, bounded by the cores', async () => {
    expect(maxParallelTrials(0)).toBe(1);
    expect(maxParallelTrials(64)).toBe(Math.min(64, availableParallelism()));
    expect(maxParallelTrials(2.7)).toBe(Math.min(2, availableParallelism()));
    for (const parallel of [1, 2, 3]) {
      let inFlight = 0;
      let most = 0;
      const { trials } = await search({
        spec: spec({ method: 'tpe', trials: 12, parallel }),
        objective: async (t) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await sleep(3 + (t.number % 3) * 4);
          inFlight -= 1;
          return t.number;
        },
      });
      expect(trials).toHaveLength(12);
      expect(most).toBe(maxParallelTrials(parallel));
    }
  });

  it('records a failed trial, with its error, and goes on', async () => {
    const ended: TrialResult[] = [];
    const { trials, best } = await search({
      spec: spec({ trials: 5 }),
      objective: (t) => {
        if (t.number === 1) throw new Error('out of memory on trial 1');
        return Promise.resolve(t.number === 3 ? NaN : 10 - t.number);
      },
      onTrialEnd: (result) => ended.push(result),
    });
    expect(trials.map((t) => t.state)).toEqual(['complete', 'failed', 'complete', 'failed', 'complete']);
    expect(trials[1]).toMatchObject({ value: null, error: 'out of memory on trial 1' });
    expect(trials[3]!.error).toMatch(/NaN/);
    expect(best!.number).toBe(4);
    expect(ended.map((r) => r.number)).toEqual([0, 1, 2, 3, 4]);
  });

  it('picks the best complete trial by the direction', async () => {
    const values = [3, 9, 1, 7];
    const objective = (t: Trial) => Promise.resolve(values[t.number]!);
    expect((await search({ spec: spec({ trials: 4, direction: 'maximize' }), objective })).best).toMatchObject({ number: 1, value: 9 });
    expect((await search({ spec: spec({ trials: 4, direction: 'minimize' }), objective })).best).toMatchObject({ number: 2, value: 1 });
    expect((await search({ spec: spec({ trials: 2 }), objective: () => Promise.reject(new Error('no')) })).best).toBeNull();
  });

  it('refuses a bad space before running anything', async () => {
    let ran = false;
    const error = await failure(
      search({ spec: spec({ space: { 'algorithm.dropout': { type: 'uniform', low: 0.5, high: 0.1 } } }), objective: () => ((ran = true), Promise.resolve(0)) }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain("search.space['algorithm.dropout']");
    expect(ran).toBe(false);
  });
});

describe('median pruning', () => {
  /** Loss curves: the bad trials stay at 10; the others fall from 1, each a little below the one before. */
  const curves = (bad: number[]) => (trial: Trial): Promise<number> => {
    let last = 0;
    for (let epoch = 1; epoch <= 5; epoch += 1) {
      last = bad.includes(trial.number) ? 10 : 1 / epoch - trial.number * 0.01;
      if (trial.report(epoch, last)) break;
    }
    return Promise.resolve(last);
  };

  it('stops a clearly bad trial after its first epoch, once three trials completed, and no good one', async () => {
    const { trials, best } = await search({ spec: spec({ trials: 7, pruning: true }), objective: curves([0, 4]) });
    expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete', 'pruned', 'complete', 'complete']);
    expect(trials[4]).toMatchObject({ steps: 2, value: 10 });
    expect(trials.filter((t) => t.state === 'complete').every((t) => t.steps === 5)).toBe(true);
    expect(best!.number).toBe(6);
  });

  it('prunes nothing when pruning is off', async () => {
    const { trials } = await search({ spec: spec({ trials: 7 }), objective: curves([0, 4]) });
    expect(trials.every((t) => t.state === 'complete' && t.steps === 5)).toBe(true);
  });

  it('records a pruned trial as pruned even when its objective throws afterwards', async () => {
    const { trials } = await search({
      spec: spec({ trials: 5, pruning: true, direction: 'maximize' }),
      objective: (t) => {
        const value = t.number === 4 ? 0.1 : 0.9;
        for (let epoch = 1; epoch <= 3; epoch += 1) if (t.report(epoch, value)) throw new Error('stopped by pruning');
        return Promise.resolve(value);
      },
    });
    expect(trials[4]).toMatchObject({ state: 'pruned', value: 0.1 });
    expect(trials[4]!.error).toBeUndefined();
  });
});

describe('cancelling', () => {
  it('starts no trial after the signal, waits for those in flight, and rejects as cancelled', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const ended: number[] = [];
    const error = await failure(
      runSearch({
        spec: spec({ trials: 50, parallel: 2 }),
        seed: 1,
        signal: controller.signal,
        objective: async (t) => {
          await sleep(5);
          if (t.number === 3) controller.abort();
          return 0;
        },
        onTrialStart: (t) => started.push(t.number),
        onTrialEnd: (r) => ended.push(r.number),
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(started.length).toBeLessThanOrEqual(6);
    expect([...ended].sort((a, b) => a - b)).toEqual([...started].sort((a, b) => a - b));
  });

  it('rejects at once when already aborted', async () => {
    let ran = false;
    const error = await failure(search({ spec: spec({}), signal: AbortSignal.abort(), objective: () => ((ran = true), Promise.resolve(0)) }));
    expect(error.code).toBe('cancelled');
    expect(ran).toBe(false);
  });

  it('stops on an error from a callback, after the trials in flight', async () => {
    let ends = 0;
    await expect(
      search({
        spec: spec({ trials: 10 }),
        onTrialEnd: () => {
          ends += 1;
          if (ends === 2) throw new Error('store full');
        },
      }),
    ).rejects.toThrow('store full');
    expect(ends).toBe(2);
  });
});
