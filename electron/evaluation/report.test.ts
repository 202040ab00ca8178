import { describe, expect, it } from 'vitest';
import { evaluationReportSchema } from '../../shared/contract';
import { CURVE_POINTS, evaluationReport, primaryMetric, RESIDUAL_ROWS, seededRandom } from './index';

const rows = { train: 6000, validation: 2000, test: 5000 };

/** 5,000 rows with distinct scores, so the full curves have thousands of points. */
function bigBinary(): { yTrue: Int32Array; proba: Float32Array } {
  const random = seededRandom(17);
  const yTrue = Int32Array.from({ length: 5000 }, () => (random() < 0.4 ? 1 : 0));
  const proba = new Float32Array(10_000);
  yTrue.forEach((label, i) => {
    const p = Math.min(0.999, Math.max(0.001, 0.35 + 0.2 * label + (random() - 0.5) * 0.6));
    proba[2 * i] = 1 - p;
    proba[2 * i + 1] = p;
  });
  return { yTrue, proba };
}

describe('evaluationReport', () => {
  it('thins curves to the point limit, keeping both ends', () => {
    const { yTrue, proba } = bigBinary();
    const report = evaluationReport({ task: 'binary', classes: ['no', 'yes'], yTrue, output: proba, rows });
    evaluationReportSchema.parse(report);
    const [roc] = report.roc!;
    const [pr] = report.pr!;
    expect(roc!.label).toBe('yes');
    for (const curve of [roc!, pr!]) {
      expect(curve.x.length).toBeLessThanOrEqual(CURVE_POINTS);
      expect(curve.x.length).toBeGreaterThan(CURVE_POINTS / 2);
      expect(curve.y.length).toBe(curve.x.length);
    }
    expect([roc!.x[0], roc!.y[0], roc!.x.at(-1), roc!.y.at(-1)]).toEqual([0, 0, 1, 1]);
    expect([pr!.x.at(-1), pr!.y.at(-1), pr!.x[0]]).toEqual([0, 1, 1]);
    // Thinning keeps the curves' shape: monotone, and the AUC is that of the full curve.
    expect(roc!.x.every((x, i) => i === 0 || roc!.x[i - 1]! <= x)).toBe(true);
    expect(roc!.auc).toBeCloseTo(report.metrics.roc_auc!, 12);
    expect(pr!.averagePrecision).toBeCloseTo(report.metrics.pr_auc!, 12);
    expect(report.calibration!.counts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('samples at most 2,000 residuals, the same ones each time', () => {
    const random = seededRandom(3);
    const yTrue = Float64Array.from({ length: 5000 }, () => random() * 100);
    const output = Float32Array.from(yTrue, (y) => y + (random() - 0.5) * 4);
    const report = evaluationReport({ task: 'regression', classes: null, yTrue, output, rows });
    evaluationReportSchema.parse(report);
    const { predicted, residual } = report.residuals!;
    expect(predicted).toHaveLength(RESIDUAL_ROWS);
    expect(residual).toHaveLength(RESIDUAL_ROWS);
    // Each sampled point is a real row: its prediction and residual add up to the row's actual value.
    const actualByPrediction = new Map(Array.from(output, (p, i) => [p, yTrue[i]!]));
    predicted.forEach((p, i) => expect(p + residual[i]!).toBeCloseTo(actualByPrediction.get(p)!, 9));
    expect(new Set(predicted).size).toBe(RESIDUAL_ROWS);
    expect(evaluationReport({ task: 'regression', classes: null, yTrue, output, rows }).residuals).toEqual(report.residuals);
  });

  it('refuses class labels that do not fit the task', () => {
    const output = Float32Array.from([0.2, 0.8]);
    expect(() => evaluationReport({ task: 'binary', classes: null, yTrue: [1], output, rows })).toThrow(expect.objectContaining({ code: 'invalid_input', details: { field: 'classes' } }));
    expect(() => evaluationReport({ task: 'multiclass', classes: ['a', 'b'], yTrue: [1], output, rows })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('primaryMetric', () => {
  it('judges binary by ROC AUC, multiclass by accuracy and regression by RMSE', () => {
    expect(primaryMetric('binary')).toEqual({ name: 'roc_auc', higherIsBetter: true });
    expect(primaryMetric('multiclass')).toEqual({ name: 'accuracy', higherIsBetter: true });
    expect(primaryMetric('regression')).toEqual({ name: 'rmse', higherIsBetter: false });
  });
});
