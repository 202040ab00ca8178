import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../../../../shared/contract';
import { applyProposal, specToForm } from './form-load';
import { placeProblems } from './problems';
import { rerunSpec } from './rerun';
import { blankColumn, initialForm, type TrainForm } from './form-state';
import { formToSpec, parseChoiceValues } from './spec-form';

const churnForm: TrainForm = {
  ...initialForm,
  dataset: 'churn',
  target: 'Churn',
  columns: [
    { ...blankColumn('customerID', 'drop'), impute: 'mean' },
    { ...blankColumn('tenure', 'numeric'), impute: 'median', scale: 'standardize' },
    { ...blankColumn('TotalCharges', 'numeric'), impute: 'constant', fill: '0', bucketize: true, bins: '10', binStrategy: 'uniform', scale: 'minmax' },
    { ...blankColumn('Contract', 'categorical'), impute: 'constant', fill: 'missing', onehot: true, maxCategories: '3' },
  ],
};

function specOf(form: TrainForm) {
  const result = formToSpec(form);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.spec;
}

describe('the Train form as a TrainSpec', () => {
  it('writes each column’s steps in the order they apply, with the defaults filled in', () => {
    const spec = specOf(churnForm);
    expect(spec.pipeline.columns).toEqual([
      // A dropped column's steps are left out, whatever the row still shows.
      { column: 'customerID', role: 'drop', steps: [] },
      { column: 'tenure', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardize' }] },
      {
        column: 'TotalCharges',
        role: 'numeric',
        steps: [{ op: 'impute', strategy: 'constant', fill: 0 }, { op: 'bucketize', bins: 10, strategy: 'uniform' }, { op: 'minmax' }],
      },
      { column: 'Contract', role: 'categorical', steps: [{ op: 'impute', strategy: 'constant', fill: 'missing' }, { op: 'onehot', maxCategories: 3 }] },
    ]);
    expect(spec.algorithm).toEqual({ kind: 'linear', l2: 0 });
    expect(spec.settings).toEqual({ optimizer: 'adam', learningRate: 0.01, batchSize: 256, epochs: 30, earlyStopping: null, classWeights: 'none', seed: 42 });
    expect(spec.split).toEqual({ strategy: 'stratified', train: 0.6, validation: 0.2, test: 0.2, folds: 0, seed: 42 });
    expect(spec).toMatchObject({ experiment: 'Default', dataset: 'churn', backend: 'auto', importance: true });
    expect(spec.runName).toBeUndefined();
    expect(spec.search).toBeUndefined();
  });

  it('reads an MLP, early stopping, custom class weights and a search', () => {
    const spec = specOf({
      ...churnForm,
      runName: '  wide net ',
      algorithm: 'mlp',
      hiddenLayers: '128, 64 32',
      activation: 'tanh',
      dropout: '0.2',
      l2: '0.001',
      earlyStopping: true,
      earlyStoppingMetric: 'val_roc_auc',
      patience: '3',
      classWeights: 'custom',
      customWeights: 'Yes=2.5, No = 1',
      backend: 'wasm',
      search: {
        enabled: true,
        method: 'random',
        trials: '8',
        parallel: '2',
        metric: 'val_roc_auc',
        direction: 'maximize',
        pruning: false,
        space: [
          { path: 'settings.learningRate', type: 'loguniform', low: '0.0001', high: '0.1', values: '' },
          { path: 'algorithm.hiddenLayers', type: 'choice', low: '', high: '', values: '[64, 64], [128]' },
          { path: 'settings.optimizer', type: 'choice', low: '', high: '', values: 'adam, sgd' },
        ],
      },
    });
    expect(spec.runName).toBe('wide net');
    expect(spec.algorithm).toEqual({ kind: 'mlp', hiddenLayers: [128, 64, 32], activation: 'tanh', dropout: 0.2, l2: 0.001 });
    expect(spec.settings.earlyStopping).toEqual({ metric: 'val_roc_auc', patience: 3 });
    expect(spec.settings.classWeights).toEqual({ Yes: 2.5, No: 1 });
    expect(spec.backend).toBe('wasm');
    expect(spec.search).toEqual({
      method: 'random',
      trials: 8,
      parallel: 2,
      metric: 'val_roc_auc',
      direction: 'maximize',
      pruning: false,
      space: {
        'settings.learningRate': { type: 'loguniform', low: 0.0001, high: 0.1 },
        'algorithm.hiddenLayers': { type: 'choice', values: [[64, 64], [128]] },
        'settings.optimizer': { type: 'choice', values: ['adam', 'sgd'] },
      },
    });
  });

  it('leaves class weights out of a regression, and an empty number field to its default', () => {
    const spec = specOf({ ...churnForm, target: 'MonthlyCharges', task: 'regression', classWeights: 'balanced', epochs: ' ', seed: '' });
    expect(spec.settings.classWeights).toBe('none');
    expect(spec.settings.epochs).toBe(30);
    expect(spec.settings.seed).toBe(42);
  });

  it('names the field of every problem it can find without the data', () => {
    const result = formToSpec({
      ...churnForm,
      dataset: '',
      epochs: 'ten',
      learningRate: '-1',
      validationFraction: '0.3',
      splitStrategy: 'time',
      columns: [churnForm.columns[0]!, { ...blankColumn('tenure', 'numeric'), impute: 'constant', fill: 'zero' }],
      search: { ...initialForm.search, enabled: true, metric: '', space: [] },
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['dataset', 'settings.epochs', 'settings.learningRate', 'split.train', 'split.timeColumn', 'pipeline.columns.1.steps.0.fill', 'search.metric', 'search.space']),
    );
    const byField = new Map(result.ok ? [] : result.problems.map((p) => [p.field, p.message]));
    expect(byField.get('settings.epochs')).toBe('"ten" is not a number');
    expect(byField.get('split.train')).toBe('the fractions add up to 1.1, not 1');
  });

  it('parses choice values as JSON where it can and as text where it cannot', () => {
    expect(parseChoiceValues('1, 2.5, true')).toEqual([1, 2.5, true]);
    expect(parseChoiceValues('relu, "tanh", 3')).toEqual(['relu', 'tanh', 3]);
    expect(parseChoiceValues('  ')).toEqual([]);
  });
});

describe('loading a spec or a proposal into the form', () => {
  it('gives back the same spec after a round trip through the form', () => {
    const spec = specOf({
      ...churnForm,
      algorithm: 'mlp',
      hiddenLayers: '32',
      earlyStopping: true,
      patience: '2',
      classWeights: 'custom',
      customWeights: 'Yes=3',
      search: { ...initialForm.search, enabled: true, metric: 'val_loss', direction: 'minimize', space: [{ path: 'algorithm.activation', type: 'choice', low: '', high: '', values: 'relu, tanh' }] },
    });
    expect(specOf(specToForm(spec))).toEqual(spec);
    const linear = specOf({ ...churnForm, runName: 'base', splitStrategy: 'time', timeColumn: 'tenure', folds: '5' });
    expect(specOf(specToForm(linear))).toEqual(linear);
  });

  it('takes the pipeline and algorithm of a proposal and keeps the settings', () => {
    const proposal: Proposal = {
      pipeline: { target: 'Churn', task: 'binary', columns: [{ column: 'tenure', role: 'numeric', steps: [{ op: 'impute', strategy: 'mean' }, { op: 'standardize' }] }] },
      algorithm: { kind: 'mlp', hiddenLayers: [64, 64], activation: 'relu', dropout: 0.1, l2: 0 },
      reasons: { tenure: 'numbers get scaled' },
    };
    const form = applyProposal({ ...initialForm, dataset: 'churn', epochs: '3' }, proposal);
    expect(form.epochs).toBe('3');
    expect(form.columns).toEqual([{ ...blankColumn('tenure', 'numeric'), impute: 'mean', scale: 'standardize' }]);
    expect(specOf(form).algorithm).toEqual(proposal.algorithm);
  });
});

describe('training a run again', () => {
  it('keeps the spec but not the run name, and drops the search that drew a trial', () => {
    const spec = specOf({ ...churnForm, runName: 'first', search: { ...initialForm.search, enabled: true, metric: 'val_loss', direction: 'minimize', space: [{ path: 'algorithm.l2', type: 'uniform', low: '0', high: '1', values: '' }] } });
    expect(rerunSpec(spec, false)).toEqual({ ...spec, runName: undefined });
    const trial = rerunSpec(spec, true);
    expect(trial.search).toBeUndefined();
    expect(trial.runName).toBeUndefined();
    expect(trial.pipeline).toEqual(spec.pipeline);
  });
});

describe('placing problems next to their fields', () => {
  it('puts a problem under its column, its section or the general list', () => {
    const placed = placeProblems(
      [
        { field: 'pipeline.columns.2.steps.0.fill', message: 'not a number' },
        { field: 'pipeline.columns[0].steps[1]', message: 'onehot must be the last step' },
        { field: 'split', message: 'too few rows' },
        { field: 'TotalCharges', message: 'every value is null' },
        { field: 'Churn', message: 'only one class' },
        { field: 'settings.earlyStopping.patience', message: 'too small' },
        { field: 'settings.epochs', message: 'too many' },
        { field: 'somewhere.else', message: 'odd' },
      ],
      ['customerID', 'TotalCharges', 'tenure'],
      'Churn',
    );
    expect(placed.get('column:2')).toEqual(['steps.0.fill: not a number']);
    // The backend's checks write indexes in brackets.
    expect(placed.get('column:0')).toEqual(['steps.1: onehot must be the last step']);
    expect(placed.get('split')).toEqual(['too few rows']);
    expect(placed.get('column:1')).toEqual(['every value is null']);
    expect(placed.get('pipeline.target')).toEqual(['only one class']);
    expect(placed.get('settings.earlyStopping')).toEqual(['patience: too small']);
    expect(placed.get('settings.epochs')).toEqual(['too many']);
    expect(placed.get('other')).toEqual(['somewhere.else: odd']);
  });
});
