import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers';
import { createEngine, type Engine } from '../../data';
import { ecdfGaps, type Numbers } from './ecdf';
import { numbersInDuckDB } from './numbers-in-duckdb';
import { numbersInMemory, readSamples, type Samples } from './numbers-in-memory';
import { withRunner } from './queries';

/** The definition, by sorting: F − G after each distinct value, times the gap to the next. */
function bySorting(reference: number[], current: number[]): { ks: number; wasserstein: number } {
  const events = [...reference.map((v) => [v, 1 / reference.length]), ...current.map((v) => [v, -1 / current.length])] as [number, number][];
  events.sort((a, b) => a[0] - b[0]);
  let gap = 0;
  let ks = 0;
  let wasserstein = 0;
  for (let i = 0; i < events.length; i++) {
    const [value, step] = events[i] as [number, number];
    gap += step;
    const next = events[i + 1]?.[0];
    if (next === undefined || next !== value) {
      ks = Math.max(ks, Math.abs(gap));
      if (next !== undefined) wasserstein += Math.abs(gap) * (next - value);
    }
  }
  return { ks, wasserstein };
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = tempDir('ecdf-');
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ tempDirectory: dir.path, threads: 2 });
});
afterAll(() => {
  engine.close();
  dir.cleanup();
});

const list = (values: (number | null)[]): string => `(SELECT unnest([${values.map((v) => (v === null ? 'NULL' : v)).join(',')}]::DOUBLE[]) AS v)`;

type Where = 'in DuckDB' | 'in memory';
const places: Where[] = ['in DuckDB', 'in memory'];

/** KS, then Wasserstein, counted where asked, the fine bins from `low` to `high`. */
async function gaps(where: Where, reference: (number | null)[], current: (number | null)[], low: number, high: number, bins: number): Promise<{ ks: number; wasserstein: number; refinedBins: number }[]> {
  const [ref, cur] = [list(reference), list(current)];
  const [nRef, nCur] = [reference, current].map((side) => side.filter((v) => v !== null).length) as [number, number];
  return withRunner(engine, undefined, async (run) => {
    const numbers: Numbers =
      where === 'in DuckDB'
        ? numbersInDuckDB(run, `(SELECT v, 0 AS side FROM ${ref} UNION ALL SELECT v, 1 FROM ${cur})`)
        : numbersInMemory((await readSamples(run, ref, cur, [{ name: 'v', kind: 'numeric' }]))[0] as Samples);
    const fine = await numbers.fineBins(low, high, bins);
    return [await ecdfGaps(numbers, fine, nRef, nCur, { ks: true, wasserstein: false }), await ecdfGaps(numbers, fine, nRef, nCur, { ks: false, wasserstein: true })];
  });
}

const sampleGaps = (where: Where, reference: number[], current: number[], bins: number): ReturnType<typeof gaps> => {
  const all = [...reference, ...current];
  return gaps(where, reference, current, Math.min(...all), Math.max(...all), bins);
};

describe('exact KS statistic and Wasserstein distance from bins', () => {
  const random = seeded(99);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const cases: [string, number[], number[]][] = [
    ['continuous, no shift', Array.from({ length: 3000 }, normal), Array.from({ length: 2000 }, normal)],
    ['continuous, shifted', Array.from({ length: 3000 }, normal), Array.from({ length: 2500 }, () => normal() + 0.2)],
    ['heavy ties (one decimal)', Array.from({ length: 4000 }, () => Math.round(normal() * 10) / 10), Array.from({ length: 3000 }, () => Math.round(normal() * 10 + 1) / 10)],
    ['outliers far out', [...Array.from({ length: 2000 }, normal), 1e6, -5e5], [...Array.from({ length: 1500 }, normal), 2e6]],
    ['integers with a large offset', Array.from({ length: 2000 }, () => 1e9 + Math.floor(random() * 50)), Array.from({ length: 2000 }, () => 1e9 + Math.floor(random() * 55))],
    ['disjoint sides', Array.from({ length: 500 }, () => random()), Array.from({ length: 700 }, () => 5 + random())],
  ];
  for (const [name, reference, current] of cases) {
    it.each(places)(`${name}: equal to sorting, whatever the number of bins, counted %s`, async (where) => {
      const expected = bySorting(reference, current);
      for (const bins of [1, 7, 64, 4096]) {
        const [ks, w] = await sampleGaps(where, reference, current, bins);
        expect(ks?.ks, `KS with ${bins} bins`).toBeCloseTo(expected.ks, 12);
        expect((w?.wasserstein ?? 0) / expected.wasserstein, `Wasserstein with ${bins} bins`).toBeCloseTo(1, 10);
      }
    });
  }

  const [many, manyShifted] = [Array.from({ length: 20_000 }, normal), Array.from({ length: 20_000 }, () => normal() + 0.1)];
  it.each(places)('walks only a few bins value by value when there are many bins, counted %s', async (where) => {
    const [reference, current] = [many, manyShifted];
    const [ks, w] = await sampleGaps(where, reference, current, 8192);
    expect(ks?.refinedBins).toBeLessThan(50);
    expect(w?.refinedBins).toBeLessThan(800);
    expect(ks?.ks).toBeCloseTo(bySorting(reference, current).ks, 12);
  });

  it.each(places)('leaves out missing values, counted %s', async (where) => {
    const [ks, w] = await gaps(where, [1, 2, null, 3], [2, null, 4], 1, 4, 16);
    const expected = bySorting([1, 2, 3], [2, 4]);
    expect(ks?.ks).toBeCloseTo(expected.ks, 12);
    expect(w?.wasserstein).toBeCloseTo(expected.wasserstein, 12);
  });
});
