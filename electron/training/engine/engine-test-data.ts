import { trainSettingsSchema, type TrainSettings } from '../../../shared/contract';
import { createRng } from './rng';
import type { TrainData } from './types';

/** Small synthetic data sets for the engine's tests: made here, seeded, nothing downloaded. */

export function settings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  return trainSettingsSchema.parse({ epochs: 20, batchSize: 32, learningRate: 0.05, ...overrides });
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Two features; class 1 when x0 + x1 > 0 (with `flip` of the labels swapped). */
export function separable(rows: number, seed: number, flip = 0): TrainData {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = gaussian(rng.next);
    const b = gaussian(rng.next);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    const label = a + b > 0 ? 1 : 0;
    y[i] = rng.next() < flip ? 1 - label : label;
  }
  return { x, y, rows, width: 2 };
}

/** Three Gaussian blobs in two dimensions, one per class. */
export function blobs(rows: number, seed: number): TrainData {
  const centres: [number, number][] = [
    [0, 3],
    [3, -2],
    [-3, -2],
  ];
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    const [cx, cy] = centres[c] ?? [0, 0];
    x[2 * i] = cx + gaussian(rng.next);
    x[2 * i + 1] = cy + gaussian(rng.next);
    y[i] = c;
  }
  return { x, y, rows, width: 2 };
}

/** y = 3·x0 - 2·x1 + 0.5 + noise · N(0, 1), times `scale` for the features. */
export function linearTarget(rows: number, seed: number, noise = 0.1, scale = 1): TrainData {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 2);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = gaussian(rng.next);
    const b = gaussian(rng.next);
    x[2 * i] = a * scale;
    x[2 * i + 1] = b * scale;
    y[i] = 3 * a - 2 * b + 0.5 + noise * gaussian(rng.next);
  }
  return { x, y, rows, width: 2 };
}

/** Overlapping classes, 1 in 10 rows of class 1: class 1 sits at x0 ≈ +1, class 0 at x0 ≈ -0.5. */
export function imbalanced(rows: number, seed: number): TrainData {
  const rng = createRng(seed);
  const x = new Float32Array(rows);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = i % 10 === 0 ? 1 : 0;
    x[i] = (label ? 1 : -0.5) + gaussian(rng.next);
    y[i] = label;
  }
  return { x, y, rows, width: 1 };
}

/** The probability of class 1 of each row, from binary `predict` output. */
export function positive(proba: Float32Array): number[] {
  return Array.from({ length: proba.length / 2 }, (_, i) => proba[2 * i + 1] ?? NaN);
}

export function argmaxRows(proba: Float32Array, classes: number): number[] {
  return Array.from({ length: proba.length / classes }, (_, i) => {
    const row = Array.from(proba.subarray(i * classes, (i + 1) * classes));
    return row.indexOf(Math.max(...row));
  });
}

export function accuracy(predicted: number[], y: Float32Array): number {
  return predicted.filter((label, i) => label === y[i]).length / predicted.length;
}
