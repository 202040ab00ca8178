import type { Algorithm, ColumnPlan, Proposal, SearchDistribution, TrainSpec } from '../../../../../shared/contract';
import { blankColumn, emptySearch, initialForm, type ColumnForm, type SearchForm, type SpaceRowForm, type TrainForm } from './form-state';

/** The reverse of `formToSpec`: a saved job's spec, or a proposal, shown in the form. */

const text = (value: number | undefined, fallback: string): string => (value === undefined ? fallback : String(value));

export function columnToForm(plan: ColumnPlan): ColumnForm {
  const form = blankColumn(plan.column, plan.role);
  for (const step of plan.steps) {
    if (step.op === 'impute') {
      form.impute = step.strategy;
      form.fill = step.fill === undefined ? '' : String(step.fill);
    } else if (step.op === 'standardize' || step.op === 'minmax') {
      form.scale = step.op;
    } else if (step.op === 'onehot') {
      form.onehot = true;
      form.maxCategories = String(step.maxCategories);
    } else {
      form.bucketize = true;
      form.bins = String(step.bins);
      form.binStrategy = step.strategy;
    }
  }
  return form;
}

function algorithmFields(algorithm: Algorithm): Pick<TrainForm, 'algorithm' | 'hiddenLayers' | 'activation' | 'dropout' | 'l2'> {
  if (algorithm.kind === 'linear') return { algorithm: 'linear', hiddenLayers: initialForm.hiddenLayers, activation: initialForm.activation, dropout: initialForm.dropout, l2: String(algorithm.l2) };
  return { algorithm: 'mlp', hiddenLayers: algorithm.hiddenLayers.join(', '), activation: algorithm.activation, dropout: String(algorithm.dropout), l2: String(algorithm.l2) };
}

function choiceText(values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' && !/[,[\]{}"]/.test(value) && Number.isNaN(Number(value)) ? value : JSON.stringify(value))).join(', ');
}

function spaceRow(path: string, distribution: SearchDistribution): SpaceRowForm {
  return distribution.type === 'choice'
    ? { path, type: 'choice', low: '', high: '', values: choiceText(distribution.values) }
    : { path, type: distribution.type, low: String(distribution.low), high: String(distribution.high), values: '' };
}

function searchFields(search: TrainSpec['search']): SearchForm {
  if (!search) return emptySearch;
  return {
    enabled: true,
    method: search.method,
    trials: String(search.trials),
    parallel: String(search.parallel),
    metric: search.metric,
    direction: search.direction,
    pruning: search.pruning,
    space: Object.entries(search.space).map(([path, distribution]) => spaceRow(path, distribution)),
  };
}

export function specToForm(spec: TrainSpec): TrainForm {
  const { settings, split } = spec;
  const weights = settings.classWeights;
  return {
    experiment: spec.experiment,
    runName: spec.runName ?? '',
    dataset: spec.dataset,
    target: spec.pipeline.target,
    task: spec.pipeline.task,
    columns: spec.pipeline.columns.map(columnToForm),
    ...algorithmFields(spec.algorithm),
    optimizer: settings.optimizer,
    learningRate: String(settings.learningRate),
    batchSize: String(settings.batchSize),
    epochs: String(settings.epochs),
    earlyStopping: settings.earlyStopping !== null,
    earlyStoppingMetric: settings.earlyStopping?.metric ?? initialForm.earlyStoppingMetric,
    patience: text(settings.earlyStopping?.patience, initialForm.patience),
    classWeights: typeof weights === 'string' ? weights : 'custom',
    customWeights: typeof weights === 'string' ? '' : Object.entries(weights).map(([label, weight]) => `${label}=${weight}`).join(', '),
    seed: String(settings.seed),
    backend: spec.backend,
    splitStrategy: split.strategy,
    trainFraction: String(split.train),
    validationFraction: String(split.validation),
    testFraction: String(split.test),
    timeColumn: split.timeColumn ?? '',
    folds: String(split.folds),
    splitSeed: String(split.seed),
    importance: spec.importance,
    search: searchFields(spec.search),
  };
}

/** A proposal replaces the pipeline and the algorithm; the settings, split and search the user chose stay. */
export function applyProposal(form: TrainForm, proposal: Proposal): TrainForm {
  return {
    ...form,
    target: proposal.pipeline.target,
    task: proposal.pipeline.task,
    columns: proposal.pipeline.columns.map(columnToForm),
    ...algorithmFields(proposal.algorithm),
  };
}

/** The validation metrics a run logs for a task, for early stopping and search. */
export function validationMetrics(task: TrainForm['task']): string[] {
  return task === 'regression'
    ? ['val_loss', 'val_rmse', 'val_mae', 'val_r2']
    : ['val_loss', 'val_accuracy', 'val_roc_auc', 'val_pr_auc', 'val_f1', 'val_log_loss'];
}
