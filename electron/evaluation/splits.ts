import { WorkbenchError, type SplitSpec } from '../../shared/contract';
import { apportion, stratifiedCounts } from './apportion';
import { randomPermutation, seededRandom, shuffleInPlace } from './random';

export interface Split {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

const splitNames = ['train', 'validation', 'test'] as const;

function splitSizes(spec: SplitSpec, rows: number): number[] {
  const fractions = [spec.train, spec.validation, spec.test];
  const total = fractions.reduce((sum, fraction) => sum + fraction, 0);
  if (!fractions.every((fraction) => Number.isFinite(fraction) && fraction >= 0) || Math.abs(total - 1) > 1e-9) {
    throw new WorkbenchError(
      'invalid_input',
      `The split fractions must add up to 1: train ${spec.train} + validation ${spec.validation} + test ${spec.test} = ${total}.`,
      { field: 'split' },
    );
  }
  if (!Number.isInteger(rows) || rows < 0) throw new WorkbenchError('invalid_input', `A dataset cannot have ${rows} rows.`, { field: 'rows' });
  const sizes = apportion(rows, fractions);
  splitNames.forEach((name, k) => {
    const fraction = fractions[k] ?? 0;
    if (fraction > 0 && (sizes[k] ?? 0) < 1) {
      throw new WorkbenchError(
        'training_bad_data',
        `The ${name} split (${Number((fraction * 100).toPrecision(3))}% of ${rows} rows) would have no rows; use more rows or a larger ${name} fraction.`,
        { field: `split.${name}`, rows },
      );
    }
  });
  return sizes;
}

const ascending = (rows: number[]): Int32Array => Int32Array.from(rows).sort();

/** The class of each row, by value; classes in ascending order so the result does not depend on row order. */
function rowsByClass(labels: ArrayLike<number>, rows: Iterable<number>, field: string): Int32Array[] {
  const groups = new Map<number, number[]>();
  for (const row of rows) {
    const label = labels[row];
    if (label === undefined || Number.isNaN(label)) {
      throw new WorkbenchError('invalid_input', `Row ${row} has no class to stratify by.`, { field, row });
    }
    const group = groups.get(label);
    if (group) group.push(row);
    else groups.set(label, [row]);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => Int32Array.from(group));
}

function randomSplit(sizes: number[], rows: number, random: () => number): Split {
  const order = randomPermutation(rows, random);
  const [train, validation] = sizes as [number, number, number];
  return {
    train: order.slice(0, train).sort(),
    validation: order.slice(train, train + validation).sort(),
    test: order.slice(train + validation).sort(),
  };
}

function stratifiedSplit(sizes: number[], rows: number, labels: ArrayLike<number>, random: () => number): Split {
  if (labels.length !== rows) throw new WorkbenchError('invalid_input', `There are ${labels.length} labels for ${rows} rows.`, { field: 'labels' });
  const groups = rowsByClass(labels, Array.from({ length: rows }, (_, row) => row), 'split.strategy');
  const counts = stratifiedCounts(
    groups.map((group) => group.length),
    sizes,
    rows,
  );
  const parts: [number[], number[], number[]] = [[], [], []];
  groups.forEach((group, c) => {
    shuffleInPlace(group, random);
    let at = 0;
    parts.forEach((part, s) => {
      const count = counts[c]?.[s] ?? 0;
      for (const row of group.subarray(at, at + count)) part.push(row);
      at += count;
    });
  });
  return { train: ascending(parts[0]), validation: ascending(parts[1]), test: ascending(parts[2]) };
}

function timeSplit(sizes: number[], rows: number, time: Float64Array | undefined, spec: SplitSpec): Split {
  const column = spec.timeColumn ?? 'the time column';
  if (!time) throw new WorkbenchError('invalid_input', 'A time split needs a time column.', { field: 'split.timeColumn' });
  if (time.length !== rows) throw new WorkbenchError('invalid_input', `There are ${time.length} times for ${rows} rows.`, { field: 'split.timeColumn' });
  const missing = time.findIndex((value) => Number.isNaN(value));
  if (missing >= 0) {
    throw new WorkbenchError('training_bad_data', `${column} has no value on row ${missing}; a time split needs a time on every row.`, {
      field: 'split.timeColumn',
      column,
      row: missing,
    });
  }
  const order = new Int32Array(rows);
  for (let row = 0; row < rows; row++) order[row] = row;
  order.sort((a, b) => (time[a] ?? 0) - (time[b] ?? 0) || a - b);
  const [train, validation] = sizes as [number, number, number];
  return { train: order.slice(0, train), validation: order.slice(train, train + validation), test: order.slice(train + validation) };
}

/**
 * Train, validation and test rows for a split spec. Sizes are the fractions of
 * `rows` rounded by largest remainder, so they add up to `rows`.
 * - random: a seeded shuffle;
 * - stratified: each class (`by.labels`, a class per row) shared out in
 *   proportion, within one row; without labels (regression) it is random;
 * - time: ascending `by.time` (ties by row): the oldest train, the newest test.
 * Rows come back ascending, except for time, where they are in time order.
 */
export function splitRows(spec: SplitSpec, rows: number, by: { labels?: ArrayLike<number>; time?: Float64Array }): Split {
  const sizes = splitSizes(spec, rows);
  const random = seededRandom(spec.seed);
  switch (spec.strategy) {
    case 'time':
      return timeSplit(sizes, rows, by.time, spec);
    case 'stratified':
      return by.labels ? stratifiedSplit(sizes, rows, by.labels, random) : randomSplit(sizes, rows, random);
    case 'random':
      return randomSplit(sizes, rows, random);
  }
}

/**
 * k folds of `indices` (row numbers): each row is in exactly one validation
 * fold, and fold sizes differ by at most one. With `labels` (a class per row
 * number, as `splitRows` takes them) each class is dealt across the folds in
 * turn, as scikit-learn's StratifiedKFold keeps each fold's class mix.
 */
export function kFolds(indices: Int32Array, folds: number, seed: number, labels?: ArrayLike<number>): { train: Int32Array; validation: Int32Array }[] {
  if (!Number.isInteger(folds) || folds < 2 || folds > indices.length) {
    throw new WorkbenchError('invalid_input', `Cross-validation needs between 2 and ${indices.length} folds, not ${folds}.`, { field: 'split.folds' });
  }
  const random = seededRandom(seed);
  const dealt = labels
    ? rowsByClass(labels, indices, 'split.folds').flatMap((group) => Array.from(shuffleInPlace(group, random)))
    : Array.from(shuffleInPlace(indices.slice(), random));
  const members: number[][] = Array.from({ length: folds }, () => []);
  dealt.forEach((row, position) => members[position % folds]?.push(row));
  return members.map((validation, fold) => ({
    train: ascending(members.flatMap((rows, other) => (other === fold ? [] : rows))),
    validation: ascending(validation),
  }));
}
