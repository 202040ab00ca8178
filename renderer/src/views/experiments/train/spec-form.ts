import { trainSpecSchema, type ColumnStep, type TrainSpec, type TrainSpecInput } from '../../../../../shared/contract';
import type { ColumnForm, Problem, SpaceRowForm, TrainForm } from './form-state';

/*
 * The Train form as a `TrainSpec`: every number field read (empty means the
 * contract's default), every problem named at the spec's path of its field.
 */

/** Turns number fields into numbers, recording a problem (at the spec's path) for text that is not one. */
class Reader {
  readonly problems: Problem[] = [];

  number(text: string, field: string): number | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    const value = Number(trimmed);
    if (!Number.isFinite(value)) {
      this.problems.push({ field, message: `"${trimmed}" is not a number` });
      return undefined;
    }
    return value;
  }
}

/** Comma-separated values, each JSON where it parses (numbers, booleans, lists), otherwise the text itself. */
export function parseChoiceValues(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole: unknown = JSON.parse(`[${trimmed}]`);
    if (Array.isArray(whole)) return whole;
  } catch {
    // Not JSON as a whole ("adam, sgd"): read each value on its own below.
  }
  return trimmed
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return JSON.parse(part) as unknown;
      } catch {
        return part;
      }
    });
}

function columnSteps(column: ColumnForm, index: number, read: Reader): ColumnStep[] {
  const at = `pipeline.columns.${index}.steps`;
  const steps: ColumnStep[] = [];
  if (column.impute !== 'none') {
    const fillText = column.fill.trim();
    const fill = column.impute !== 'constant' ? undefined : column.role === 'numeric' ? read.number(fillText, `${at}.0.fill`) : fillText === '' ? undefined : fillText;
    steps.push(fill === undefined ? { op: 'impute', strategy: column.impute } : { op: 'impute', strategy: column.impute, fill });
  }
  if (column.bucketize) {
    steps.push({ op: 'bucketize', bins: read.number(column.bins, `${at}.${steps.length}.bins`) ?? 5, strategy: column.binStrategy });
  }
  if (column.scale !== 'none') steps.push({ op: column.scale });
  if (column.onehot) steps.push({ op: 'onehot', maxCategories: read.number(column.maxCategories, `${at}.${steps.length}.maxCategories`) ?? 50 });
  return steps;
}

function hiddenLayers(text: string, read: Reader): number[] {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  return parts.map((part) => read.number(part, 'algorithm.hiddenLayers') ?? 0);
}

function customWeights(text: string, read: Reader): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) {
      read.problems.push({ field: 'settings.classWeights', message: `"${pair}" is not class=weight` });
      continue;
    }
    weights[pair.slice(0, at).trim()] = read.number(pair.slice(at + 1), 'settings.classWeights') ?? 1;
  }
  return weights;
}

function searchSpace(rows: SpaceRowForm[], read: Reader): Record<string, unknown> {
  const space: Record<string, unknown> = {};
  rows.forEach((row, index) => {
    const at = `search.space.${row.path || index}`;
    if (row.path.trim() === '') read.problems.push({ field: at, message: 'give the parameter a path, such as settings.learningRate' });
    space[row.path.trim()] =
      row.type === 'choice' ? { type: 'choice', values: parseChoiceValues(row.values) } : { type: row.type, low: read.number(row.low, `${at}.low`), high: read.number(row.high, `${at}.high`) };
  });
  return space;
}

/** The spec as the contract reads it, before its defaults and checks. */
export function formToInput(form: TrainForm, read = new Reader()): TrainSpecInput {
  const algorithm: TrainSpecInput['algorithm'] =
    form.algorithm === 'linear'
      ? { kind: 'linear', l2: read.number(form.l2, 'algorithm.l2') }
      : {
          kind: 'mlp',
          hiddenLayers: hiddenLayers(form.hiddenLayers, read),
          activation: form.activation,
          dropout: read.number(form.dropout, 'algorithm.dropout'),
          l2: read.number(form.l2, 'algorithm.l2'),
        };
  const classWeights = form.task === 'regression' ? 'none' : form.classWeights === 'custom' ? customWeights(form.customWeights, read) : form.classWeights;
  const { search } = form;
  return {
    experiment: form.experiment.trim() || undefined,
    runName: form.runName.trim() || undefined,
    dataset: form.dataset,
    pipeline: {
      target: form.target,
      task: form.task,
      columns: form.columns.map((column, index) => ({ column: column.column, role: column.role, steps: column.role === 'drop' ? [] : columnSteps(column, index, read) })),
    },
    algorithm,
    settings: {
      optimizer: form.optimizer,
      learningRate: read.number(form.learningRate, 'settings.learningRate'),
      batchSize: read.number(form.batchSize, 'settings.batchSize'),
      epochs: read.number(form.epochs, 'settings.epochs'),
      earlyStopping: form.earlyStopping ? { metric: form.earlyStoppingMetric.trim() || undefined, patience: read.number(form.patience, 'settings.earlyStopping.patience') } : null,
      classWeights,
      seed: read.number(form.seed, 'settings.seed'),
    },
    split: {
      strategy: form.splitStrategy,
      train: read.number(form.trainFraction, 'split.train'),
      validation: read.number(form.validationFraction, 'split.validation'),
      test: read.number(form.testFraction, 'split.test'),
      timeColumn: form.splitStrategy === 'time' ? form.timeColumn || undefined : undefined,
      folds: read.number(form.folds, 'split.folds'),
      seed: read.number(form.splitSeed, 'split.seed'),
    },
    importance: form.importance,
    backend: form.backend,
    search: search.enabled
      ? ({
          method: search.method,
          trials: read.number(search.trials, 'search.trials'),
          parallel: read.number(search.parallel, 'search.parallel'),
          metric: search.metric.trim(),
          direction: search.direction,
          pruning: search.pruning,
          space: searchSpace(search.space, read),
        } as TrainSpecInput['search'])
      : undefined,
  };
}

/** Checks the form as far as it can without the data: numbers, ranges, fractions adding to 1. */
function localChecks(form: TrainForm): Problem[] {
  const problems: Problem[] = [];
  if (form.dataset === '') problems.push({ field: 'dataset', message: 'choose a dataset' });
  if (form.target === '') problems.push({ field: 'pipeline.target', message: 'choose the target column' });
  else if (form.columns.length === 0) problems.push({ field: 'pipeline.columns', message: 'propose a pipeline or add the columns' });
  const fractions = [form.trainFraction, form.validationFraction, form.testFraction].map((text) => Number(text.trim()));
  const total = fractions.reduce((sum, value) => sum + value, 0);
  if (fractions.every(Number.isFinite) && Math.abs(total - 1) > 1e-6) problems.push({ field: 'split.train', message: `the fractions add up to ${Number(total.toFixed(4))}, not 1` });
  if (form.splitStrategy === 'time' && form.timeColumn === '') problems.push({ field: 'split.timeColumn', message: 'choose the time column' });
  return problems;
}

export type FormResult = { ok: true; spec: TrainSpec } | { ok: false; problems: Problem[] };

/** The form as a `TrainSpec`, or every problem found, each at the field it concerns. */
export function formToSpec(form: TrainForm): FormResult {
  const read = new Reader();
  const input = formToInput(form, read);
  const problems = [...localChecks(form), ...read.problems];
  const parsed = trainSpecSchema.safeParse(input);
  if (!parsed.success) {
    const seen = new Set(problems.map((p) => p.field));
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      // A field already named (an unreadable number, a missing dataset) needs no second, vaguer message.
      if (!seen.has(field)) problems.push({ field, message: issue.message });
      seen.add(field);
    }
  }
  return problems.length === 0 && parsed.success ? { ok: true, spec: parsed.data } : { ok: false, problems };
}
