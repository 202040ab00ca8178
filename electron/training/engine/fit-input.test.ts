import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EarlyStopping, metricDirection } from './early-stopping';
import { checkFitInput, rowWeights } from './fit-input';
import { settings } from './engine-test-data';
import type { FitInput, TrainData } from './types';

/** scikit-learn's compute_class_weight('balanced'), from fixtures/class_weights.py. */
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/class-weights.json', import.meta.url), 'utf8')) as { classes: number; y: number[]; weights: number[] }[];

const data = (y: number[], extra: Partial<TrainData> = {}): TrainData => ({ x: new Float32Array(y.length), y: Float32Array.from(y), rows: y.length, width: 1, ...extra });
const input = (train: TrainData, overrides: Partial<FitInput> = {}): FitInput => ({
  task: 'binary',
  classes: 2,
  algorithm: { kind: 'linear', l2: 0 },
  settings: settings(),
  train,
  validation: null,
  ...overrides,
});

describe('row weights', () => {
  it.each(fixtures)('balanced class weights match scikit-learn ($classes classes)', ({ classes, y, weights }) => {
    const rows = rowWeights(data(y), classes, 'balanced')!;
    y.forEach((label, i) => expect(rows[i]).toBeCloseTo(weights[label]!, 6));
  });

  it('multiplies explicit class weights (by class index) into the sample weights; none and no weights is null', () => {
    const train = data([0, 1, 1], { weights: Float32Array.from([2, 3, 0.5]) });
    expect(Array.from(rowWeights(train, 2, { '1': 4 })!)).toEqual([2, 12, 2]);
    expect(Array.from(rowWeights(train, 2, 'none')!)).toEqual([2, 3, 0.5]);
    expect(rowWeights(data([0, 1]), 2, 'none')).toBeNull();
    expect(() => rowWeights(data([0, 1]), 2, { yes: 2 })).toThrow(/Class weight "yes" names no class/);
  });
});

describe('fit input checks', () => {
  it('names the row and split of a bad value before training', () => {
    const x = Float32Array.from([1, 2, NaN, 4]);
    expect(() => checkFitInput(input({ x, y: Float32Array.from([0, 1]), rows: 2, width: 2 }))).toThrow(/Feature 0 of train row 1 is NaN/);
    expect(() => checkFitInput(input(data([0, 2])))).toThrow(/The target of train row 1 is 2; it must be a class index from 0 to 1/);
    expect(() => checkFitInput(input(data([0, 1]), { validation: data([0, 0.5]) }))).toThrow(/validation row 1 is 0.5/);
    expect(() => checkFitInput(input(data([])))).toThrow(/The train split has no rows/);
    expect(() => checkFitInput(input(data([0, 1], { weights: Float32Array.from([1, -1]) })))).toThrow(/weight of train row 1 is -1/);
    expect(() => checkFitInput(input(data([0, 1]), { classes: 3 }))).toThrow(/A binary model takes 2 classes, not 3/);
    expect(() => checkFitInput(input(data([1.5, 2]), { task: 'regression', classes: 0, settings: settings({ classWeights: 'balanced' }) }))).toThrow(/Class weights apply to classification/);
  });
});

describe('early stopping', () => {
  it('knows which way each metric improves', () => {
    expect(['val_loss', 'val_log_loss'].map((m) => metricDirection(m, 'binary'))).toEqual(['minimize', 'minimize']);
    expect(['val_roc_auc', 'val_accuracy', 'val_f1', 'val_pr_auc'].map((m) => metricDirection(m, 'multiclass'))).toEqual(Array(4).fill('maximize'));
    expect(['val_rmse', 'val_mae', 'val_r2'].map((m) => metricDirection(m, 'regression'))).toEqual(['minimize', 'minimize', 'maximize']);
    expect(() => metricDirection('val_roc_auc', 'regression')).toThrow(/choose one of val_loss, val_rmse, val_mae, val_r2/);
  });

  it('waits `patience` epochs after the best, and a NaN never counts as better', () => {
    const stopping = new EarlyStopping('val_r2', 'maximize', 2);
    const steps = [0.5, 0.7, NaN, 0.6, 0.8].map((value, i) => stopping.observe(i + 1, { val_r2: value }));
    expect(steps).toEqual([
      { improved: true, stop: false },
      { improved: true, stop: false },
      { improved: false, stop: false },
      { improved: false, stop: true },
      { improved: true, stop: false },
    ]);
    expect(stopping.bestEpoch).toBe(5);
  });
});
