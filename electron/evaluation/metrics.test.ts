import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationReportSchema } from '../../shared/contract';
import { repoRoot } from '../../test/helpers';
import { classificationMetrics, evaluationReport, regressionMetrics } from './index';

interface CurveFixture {
  x: number[];
  y: number[];
}
interface ClassificationCase {
  name: string;
  task: 'binary' | 'multiclass';
  classes: number;
  yTrue: number[];
  proba: number[];
  metrics: Record<string, number>;
  confusion: number[][];
  curves: { class: number; roc: (CurveFixture & { auc: number }) | null; pr: (CurveFixture & { averagePrecision: number }) | null }[];
  calibration: { predicted: number[]; observed: number[]; counts: number[] } | null;
}
interface RegressionCase {
  name: string;
  yTrue: number[];
  yPred: number[];
  metrics: Record<string, number>;
}
interface Fixture {
  classification: ClassificationCase[];
  regression: RegressionCase[];
  r2ConstantTarget: { exact: number; inexact: number };
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/evaluation/metrics.expected.json'), 'utf8')) as Fixture;
const TOLERANCE = 1e-6;

function expectClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!), `${what}[${i}]: ${value} vs ${expected[i]}`).toBeLessThan(TOLERANCE));
}

function expectMetrics(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) expect(Math.abs(actual[key]! - value), `${key}: ${actual[key]} vs ${value}`).toBeLessThan(TOLERANCE);
}

const classLabels = (count: number): string[] => Array.from({ length: count }, (_, c) => `class ${c}`);

describe.each(fixture.classification)('classification against scikit-learn: $name', (testCase) => {
  const proba = Float32Array.from(testCase.proba);
  // The fixture's probabilities are float32 values written exactly.
  it('feeds the same float32 probabilities', () => expect(Array.from(proba)).toEqual(testCase.proba));

  it('computes every metric', () => {
    expectMetrics(classificationMetrics(testCase.yTrue, proba, testCase.classes), testCase.metrics);
  });

  it('accepts labels as a typed array too', () => {
    expectMetrics(classificationMetrics(Int32Array.from(testCase.yTrue), proba, testCase.classes), testCase.metrics);
  });

  const report = evaluationReport({
    task: testCase.task,
    classes: classLabels(testCase.classes),
    yTrue: testCase.yTrue,
    output: proba,
    rows: { train: 10, validation: 5, test: testCase.yTrue.length },
  });

  it('makes a report that fits the contract, with the same metrics', () => {
    expect(evaluationReportSchema.parse(report)).toEqual(report);
    expectMetrics(report.metrics, testCase.metrics);
    expect(report.residuals).toBeNull();
    expect(report.importance).toBeNull();
    expect(report.crossValidation).toBeNull();
  });

  it('counts the confusion matrix', () => expect(report.confusion).toEqual(testCase.confusion));

  it('draws ROC curves as roc_curve(drop_intermediate=True), with their AUC', () => {
    const expected = testCase.curves.filter((curve) => curve.roc);
    expect(report.roc!.map((curve) => curve.label)).toEqual(expected.map((curve) => `class ${curve.class}`));
    expected.forEach((curve, i) => {
      const drawn = report.roc![i]!;
      expectClose(drawn.x, curve.roc!.x, `${drawn.label} fpr`);
      expectClose(drawn.y, curve.roc!.y, `${drawn.label} tpr`);
      expect(Math.abs(drawn.auc - curve.roc!.auc)).toBeLessThan(TOLERANCE);
    });
  });

  it('draws precision-recall curves as precision_recall_curve, with their average precision', () => {
    const expected = testCase.curves.filter((curve) => curve.pr);
    expect(report.pr!.map((curve) => curve.label)).toEqual(expected.map((curve) => `class ${curve.class}`));
    expected.forEach((curve, i) => {
      const drawn = report.pr![i]!;
      expectClose(drawn.x, curve.pr!.x, `${drawn.label} recall`);
      expectClose(drawn.y, curve.pr!.y, `${drawn.label} precision`);
      expect(Math.abs(drawn.averagePrecision - curve.pr!.averagePrecision)).toBeLessThan(TOLERANCE);
    });
  });

  it('bins the calibration curve as calibration_curve(n_bins=10), binary only', () => {
    if (!testCase.calibration) {
      expect(report.calibration).toBeNull();
      return;
    }
    expectClose(report.calibration!.predicted, testCase.calibration.predicted, 'mean predicted');
    expectClose(report.calibration!.observed, testCase.calibration.observed, 'observed rate');
    expect(report.calibration!.counts).toEqual(testCase.calibration.counts);
    expect(report.calibration!.counts.reduce((a, b) => a + b, 0)).toBe(testCase.yTrue.length);
  });
});

describe.each(fixture.regression)('regression against scikit-learn: $name', (testCase) => {
  it('computes rmse, mae and r2', () => {
    expectMetrics(regressionMetrics(testCase.yTrue, Float32Array.from(testCase.yPred)), testCase.metrics);
    expectMetrics(regressionMetrics(Float64Array.from(testCase.yTrue), testCase.yPred), testCase.metrics);
  });

  it('reports every residual when there are few rows', () => {
    const output = Float32Array.from(testCase.yPred);
    const report = evaluationReport({ task: 'regression', classes: null, yTrue: testCase.yTrue, output, rows: { train: 1, validation: 0, test: testCase.yTrue.length } });
    expect(evaluationReportSchema.parse(report)).toEqual(report);
    expectMetrics(report.metrics, testCase.metrics);
    expect(report.residuals!.predicted).toEqual(Array.from(output));
    expectClose(
      report.residuals!.residual,
      testCase.yTrue.map((actual, i) => actual - testCase.yPred[i]!),
      'residual',
    );
    expect([report.classes, report.confusion, report.roc, report.pr, report.calibration]).toEqual([null, null, null, null, null]);
  });
});

describe('edge cases of the metrics', () => {
  it('gives r2 for a constant target as r2_score(force_finite=True) does', () => {
    expect(regressionMetrics([2, 2, 2], [2, 2, 2]).r2).toBe(fixture.r2ConstantTarget.exact);
    expect(regressionMetrics([2, 2, 2], [2, 2.5, 2]).r2).toBe(fixture.r2ConstantTarget.inexact);
  });

  it('leaves out r2 for a single row, and roc_auc and pr_auc when the rows hold one class', () => {
    expect(Object.keys(regressionMetrics([3], [2.5])).sort()).toEqual(['mae', 'rmse']);
    const negatives = classificationMetrics([0, 0, 0], Float32Array.from([0.9, 0.1, 0.6, 0.4, 0.2, 0.8]), 2);
    expect(Object.keys(negatives).sort()).toEqual(['accuracy', 'f1', 'log_loss', 'precision', 'recall']);
    expect(negatives.accuracy).toBeCloseTo(2 / 3, 12);
  });

  it('refuses outputs that do not match the rows, labels out of range and NaN outputs', () => {
    expect(() => classificationMetrics([0, 1], Float32Array.from([0.5, 0.5]), 2)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => classificationMetrics([0, 2], Float32Array.from([0.5, 0.5, 0.5, 0.5]), 2)).toThrow(expect.objectContaining({ code: 'invalid_input', details: { row: 1 } }));
    expect(() => classificationMetrics([0, 1], Float32Array.from([0.5, 0.5, NaN, 0.5]), 2)).toThrow(expect.objectContaining({ code: 'training_diverged', details: { row: 1 } }));
    expect(() => classificationMetrics([], new Float32Array(0), 2)).toThrow(expect.objectContaining({ code: 'training_bad_data' }));
    expect(() => regressionMetrics([1, 2], [1])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => regressionMetrics([1, 2], [1, Infinity])).toThrow(expect.objectContaining({ code: 'training_diverged', details: { row: 1 } }));
  });
});
