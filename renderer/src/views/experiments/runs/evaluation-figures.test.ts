import { describe, expect, it } from 'vitest';
import { evaluationReportSchema, type EvaluationReport } from '../../../../../shared/contract';
import { confusionFigure, crossValidationRows, evaluationFigures, importanceFigure, rocFigure } from './evaluation-figures';

const binary: EvaluationReport = evaluationReportSchema.parse({
  task: 'binary',
  classes: ['No', 'Yes'],
  rows: { train: 60, validation: 20, test: 20 },
  metrics: { roc_auc: 0.85 },
  confusion: [
    [12, 2],
    [3, 3],
  ],
  roc: [{ label: 'Yes', x: [0, 0.2, 1], y: [0, 0.7, 1], auc: 0.8512 }],
  pr: [{ label: 'Yes', x: [0, 0.5, 1], y: [1, 0.6, 0.3], averagePrecision: 0.61 }],
  calibration: { predicted: [0.1, 0.5, 0.9], observed: [0.05, 0.55, 0.8], counts: [8, 6, 6] },
  residuals: null,
  importance: {
    metric: 'roc_auc',
    columns: [
      { column: 'tenure', mean: 0.12, std: 0.01 },
      { column: 'Contract', mean: 0.2, std: 0.02 },
      { column: 'gender', mean: 0.001, std: 0.002 },
    ],
  },
  crossValidation: { folds: 5, metrics: { roc_auc: { mean: 0.84, std: 0.012 }, accuracy: { mean: 0.8, std: 0.01 } } },
});

const regression: EvaluationReport = {
  ...binary,
  task: 'regression',
  classes: null,
  confusion: null,
  roc: null,
  pr: null,
  calibration: null,
  residuals: { predicted: [1, 2, 3], residual: [0.1, -0.2, 0.05] },
  importance: null,
  crossValidation: null,
};

describe('evaluation figures', () => {
  it('draws the figures a binary report has data for, and only those', () => {
    expect(evaluationFigures(binary).map((figure) => figure.id)).toEqual(['confusion', 'roc', 'pr', 'calibration', 'importance']);
    expect(evaluationFigures(regression).map((figure) => figure.id)).toEqual(['residuals']);
  });
  it('labels the confusion matrix with the classes, true classes down the side', () => {
    const figure = confusionFigure(binary);
    const trace = figure?.data[0];
    expect(trace?.x).toEqual(['No', 'Yes']);
    expect(trace?.text).toEqual([
      ['12', '2'],
      ['3', '3'],
    ]);
    expect((figure?.layout.yaxis as { autorange: string }).autorange).toBe('reversed');
  });
  it('names each ROC curve with its AUC and adds the chance line', () => {
    const figure = rocFigure(binary);
    expect(figure?.data.map((trace) => trace.name)).toEqual(['Yes (AUC 0.8512)', 'chance']);
  });
  it('puts the most important column at the top of the bars', () => {
    const bars = importanceFigure(binary)?.data[0];
    expect(bars?.y).toEqual(['gender', 'tenure', 'Contract']);
    expect((bars?.error_x as { array: number[] }).array).toEqual([0.002, 0.01, 0.02]);
    expect(importanceFigure(binary, 1)?.data[0]?.y).toEqual(['Contract']);
  });
  it('lists cross-validation figures by metric', () => {
    expect(crossValidationRows(binary)).toEqual([
      { metric: 'accuracy', mean: '0.8', std: '0.01' },
      { metric: 'roc_auc', mean: '0.84', std: '0.012' },
    ]);
    expect(crossValidationRows(regression)).toEqual([]);
  });
});
