import { describe, expect, it } from 'vitest';
import { splitSpecSchema, type SplitSpec } from '../../shared/contract';
import { kFolds, seededRandom, splitRows } from './index';

const spec = (overrides: Partial<SplitSpec> = {}): SplitSpec => splitSpecSchema.parse(overrides);

function expectPartition(parts: Int32Array[], rows: Iterable<number>): void {
  const seen = parts.flatMap((part) => Array.from(part));
  expect(new Set(seen).size, 'no row in two parts').toBe(seen.length);
  expect(seen.sort((a, b) => a - b)).toEqual([...rows].sort((a, b) => a - b));
}

const isAscending = (values: Int32Array): boolean => values.every((value, i) => i === 0 || values[i - 1]! < value);
const counter = (labels: ArrayLike<number>, rows: Int32Array): Map<number, number> => {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(labels[row]!, (counts.get(labels[row]!) ?? 0) + 1);
  return counts;
};

/** Labels 0..k-1 with the given counts, shuffled so that classes are not in blocks. */
function labelsWith(counts: number[], seed: number): Int32Array {
  const labels = Int32Array.from(counts.flatMap((count, label) => new Array<number>(count).fill(label)));
  const random = seededRandom(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  return labels;
}

describe('seededRandom', () => {
  it('repeats its sequence for a seed, stays in [0, 1) and is roughly uniform', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(draws.reduce((s, x) => s + x, 0) / draws.length - 0.5)).toBeLessThan(0.02);
    expect(seededRandom(8)()).not.toBe(seededRandom(7)());
  });
});

describe('random split', () => {
  it('sizes the splits by the fractions, adding up to the rows, and covers every row once', () => {
    const split = splitRows(spec({ strategy: 'random' }), 1000, {});
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([600, 200, 200]);
    expectPartition([split.train, split.validation, split.test], Array.from({ length: 1000 }, (_, i) => i));
    expect([split.train, split.validation, split.test].every(isAscending)).toBe(true);
  });

  it('rounds odd sizes to whole rows within one of the fraction', () => {
    for (const rows of [7, 11, 13, 101, 997]) {
      const fractions = { train: 0.7, validation: 0.1, test: 0.2 };
      const split = splitRows(spec({ strategy: 'random', ...fractions }), rows, {});
      expect(split.train.length + split.validation.length + split.test.length).toBe(rows);
      expect(Math.abs(split.train.length - rows * 0.7)).toBeLessThan(1);
      expect(Math.abs(split.validation.length - rows * 0.1)).toBeLessThan(1);
      expect(Math.abs(split.test.length - rows * 0.2)).toBeLessThan(1);
    }
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const first = splitRows(spec({ strategy: 'random', seed: 3 }), 500, {});
    expect(splitRows(spec({ strategy: 'random', seed: 3 }), 500, {})).toEqual(first);
    expect(splitRows(spec({ strategy: 'random', seed: 4 }), 500, {}).test).not.toEqual(first.test);
  });

  it('allows no validation split', () => {
    const split = splitRows(spec({ strategy: 'random', train: 0.8, validation: 0, test: 0.2 }), 50, {});
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([40, 0, 10]);
  });
});

describe('stratified split', () => {
  it('shares each class out in proportion, within one row, in every split', () => {
    const cases: [number[], Partial<SplitSpec>][] = [
      [[700, 250, 50], {}],
      [[13, 7, 5, 3], { train: 0.5, validation: 0.25, test: 0.25 }],
      [[101, 1, 2, 48], { train: 0.7, validation: 0.1, test: 0.2 }],
      [[9, 9], { train: 0.8, validation: 0, test: 0.2 }],
    ];
    cases.forEach(([counts, fractions], index) => {
      const labels = labelsWith(counts, index);
      const rows = labels.length;
      const split = splitRows(spec({ strategy: 'stratified', seed: index, ...fractions }), rows, { labels });
      const parts = [split.train, split.validation, split.test];
      expectPartition(parts, Array.from({ length: rows }, (_, i) => i));
      // Same sizes as a random split of the same spec.
      const random = splitRows(spec({ strategy: 'random', ...fractions }), rows, {});
      expect(parts.map((part) => part.length)).toEqual([random.train.length, random.validation.length, random.test.length]);
      for (const part of parts) {
        const perClass = counter(labels, part);
        counts.forEach((count, label) => {
          const share = (count * part.length) / rows;
          expect(Math.abs((perClass.get(label) ?? 0) - share), `class ${label} of ${counts.join('/')}: ${perClass.get(label) ?? 0} vs ${share}`).toBeLessThan(1);
        });
      }
    });
  });

  it('always finds such a rounding, whatever the classes and fractions', () => {
    const random = seededRandom(123);
    for (let trial = 0; trial < 300; trial++) {
      const counts = Array.from({ length: 1 + Math.floor(random() * 30) }, () => 1 + Math.floor(random() * 50));
      const train = 0.3 + random() * 0.5;
      const validation = random() < 0.2 ? 0 : 0.05 + random() * (0.85 - train);
      const rows = counts.reduce((a, b) => a + b, 0);
      const labels = labelsWith(counts, trial);
      const split = splitRows(spec({ strategy: 'stratified', seed: trial, train, validation, test: 1 - train - validation }), rows, { labels });
      for (const part of [split.train, split.validation, split.test]) {
        const perClass = counter(labels, part);
        counts.forEach((count, label) => expect(Math.abs((perClass.get(label) ?? 0) - (count * part.length) / rows)).toBeLessThan(1));
      }
    }
  });

  it('puts every class of the churn-like 60/20/20 case in every split', () => {
    const labels = labelsWith([5174, 1869], 42);
    const split = splitRows(spec(), labels.length, { labels });
    for (const part of [split.train, split.validation, split.test]) expect(counter(labels, part).size).toBe(2);
    expect(splitRows(spec(), labels.length, { labels })).toEqual(split);
  });

  it('is random when there are no labels (regression)', () => {
    expect(splitRows(spec({ strategy: 'stratified' }), 300, {})).toEqual(splitRows(spec({ strategy: 'random' }), 300, {}));
  });

  it('refuses labels of the wrong length', () => {
    expect(() => splitRows(spec(), 10, { labels: [0, 1] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('time split', () => {
  it('trains on the oldest rows and tests on the newest, ties in row order', () => {
    const random = seededRandom(5);
    const time = Float64Array.from({ length: 200 }, () => Math.floor(random() * 40));
    const split = splitRows(spec({ strategy: 'time', timeColumn: 'signup' }), 200, { time });
    const ordered = [...split.train, ...split.validation, ...split.test];
    expectPartition([split.train, split.validation, split.test], Array.from({ length: 200 }, (_, i) => i));
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([120, 40, 40]);
    ordered.forEach((row, i) => {
      if (i === 0) return;
      const previous = ordered[i - 1]!;
      expect(time[previous]! < time[row]! || (time[previous] === time[row] && previous < row), `row ${previous} before ${row}`).toBe(true);
    });
    expect(Math.max(...Array.from(split.train, (row) => time[row]!))).toBeLessThanOrEqual(Math.min(...Array.from(split.test, (row) => time[row]!)));
  });

  it('needs a time for every row', () => {
    expect(() => splitRows(spec({ strategy: 'time' }), 10, {})).toThrow(expect.objectContaining({ code: 'invalid_input', details: { field: 'split.timeColumn' } }));
    const time = Float64Array.from([1, NaN, 3, 4, 5]);
    expect(() => splitRows(spec({ strategy: 'time', timeColumn: 'day' }), 5, { time })).toThrow(
      expect.objectContaining({ code: 'training_bad_data', message: expect.stringContaining('day') as unknown, details: expect.objectContaining({ row: 1 }) as unknown }),
    );
  });
});

describe('split errors', () => {
  it('refuses fractions that do not add up to 1, naming split', () => {
    const bad = { ...spec(), train: 0.5, validation: 0.2, test: 0.2 };
    expect(() => splitRows(bad, 100, {})).toThrow(expect.objectContaining({ code: 'invalid_input', details: { field: 'split' } }));
    // Within 1e-9 is fine: 0.7 + 0.1 + 0.2 is 0.9999999999999999 in floating point.
    expect(() => splitRows(spec({ train: 0.7, validation: 0.1, test: 0.2, strategy: 'random' }), 100, {})).not.toThrow();
  });

  it('says which split would have no rows', () => {
    expect(() => splitRows(spec({ strategy: 'random' }), 3, {})).toThrow(
      expect.objectContaining({ code: 'training_bad_data', details: { field: 'split.test', rows: 3 } }),
    );
    expect(() => splitRows(spec({ strategy: 'random' }), 0, {})).toThrow(expect.objectContaining({ code: 'training_bad_data', details: { field: 'split.train', rows: 0 } }));
  });
});

describe('kFolds', () => {
  const indices = Int32Array.from({ length: 103 }, (_, i) => 2 * i + 1);

  it('puts each row in exactly one validation fold, with sizes within one', () => {
    const folds = kFolds(indices, 5, 1);
    expect(folds).toHaveLength(5);
    expectPartition(
      folds.map((fold) => fold.validation),
      indices,
    );
    for (const fold of folds) {
      expectPartition([fold.train, fold.validation], indices);
      expect(isAscending(fold.train) && isAscending(fold.validation)).toBe(true);
      expect([20, 21]).toContain(fold.validation.length);
    }
  });

  it('keeps each class in proportion in each fold when given labels (by row number)', () => {
    const labels = labelsWith([150, 40, 17], 9);
    const folds = kFolds(indices, 4, 2, labels);
    const overall = counter(labels, indices);
    for (const fold of folds) {
      const perClass = counter(labels, fold.validation);
      for (const [label, count] of overall) expect(Math.abs((perClass.get(label) ?? 0) - count / 4)).toBeLessThan(1);
    }
  });

  it('is reproducible by seed', () => {
    expect(kFolds(indices, 3, 11)).toEqual(kFolds(indices, 3, 11));
    expect(kFolds(indices, 3, 12)[0]!.validation).not.toEqual(kFolds(indices, 3, 11)[0]!.validation);
  });

  it('refuses fewer than 2 folds or more folds than rows', () => {
    expect(() => kFolds(indices, 1, 0)).toThrow(expect.objectContaining({ code: 'invalid_input', details: { field: 'split.folds' } }));
    expect(() => kFolds(Int32Array.from([1, 2, 3]), 4, 0)).toThrow(expect.objectContaining({ code: 'invalid_input', details: { field: 'split.folds' } }));
  });
});
