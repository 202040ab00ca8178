import { WorkbenchError, type ColumnPlan, type ColumnStep, type PipelineSpec } from '../../../shared/contract';
import { frameColumn, type Frame, type FrameColumn } from './frame';
import { OTHER, type FittedColumn, type FittedPipeline, type FittedStep } from './fitted';
import { applyStep, columnValues, type Working } from './steps';
import { compareStrings, linspace, mean, median, mostFrequent, quantileSorted, sorted, variance } from './stats';
import { targetClasses } from './target';

function badData(column: string, message: string): WorkbenchError {
  return new WorkbenchError('training_bad_data', `Column "${column}": ${message}`, { column });
}

function present(working: Working & { kind: 'number' }): Float64Array {
  const { values } = working;
  const kept = new Float64Array(values.length);
  let count = 0;
  for (const v of values) if (v === v) kept[count++] = v; // v === v: not NaN, without a call per value
  return kept.subarray(0, count);
}

/** scikit-learn's `_handle_zeros_in_scale` for a variance: a constant column keeps scale 1. */
function standardScale(values: Float64Array, center: number): number {
  const v = variance(values, center);
  const n = values.length;
  const eps = Number.EPSILON;
  const constant = v <= n * eps * v + (n * center * eps) ** 2;
  return constant || v === 0 ? 1 : Math.sqrt(v);
}

function fitImpute(step: ColumnStep & { op: 'impute' }, working: Working, column: string): FittedStep {
  if (step.strategy === 'constant') {
    if (working.kind === 'string') return { op: 'impute', fill: step.fill === undefined ? 'missing' : String(step.fill) };
    if (typeof step.fill === 'string') throw badData(column, `the constant fill "${step.fill}" is not a number.`);
    return { op: 'impute', fill: step.fill ?? 0 };
  }
  if (working.kind === 'string') {
    if (step.strategy !== 'most_frequent') throw badData(column, `${step.strategy} imputation needs numbers; use most_frequent or constant.`);
    const fill = mostFrequent(working.values.filter((v): v is string => v !== null));
    if (fill === undefined) throw badData(column, 'every training value is missing: there is nothing to impute from.');
    return { op: 'impute', fill };
  }
  const values = present(working);
  if (values.length === 0) throw badData(column, 'every training value is missing: there is nothing to impute from.');
  const fill = step.strategy === 'mean' ? mean(values) : step.strategy === 'median' ? median(values) : (mostFrequent(values) ?? 0);
  return { op: 'impute', fill };
}

/** Most frequent categories kept, as OneHotEncoder(max_categories) does: the "other" column counts toward the maximum. */
function fitOnehot(maxCategories: number, keys: (string | null)[], numeric: boolean): FittedStep {
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  const categories = [...counts.keys()].sort(numeric ? (a, b) => Number(a) - Number(b) : compareStrings);
  if (categories.length <= maxCategories) return { op: 'onehot', categories, infrequent: [] };
  const keep = maxCategories - 1;
  // Stable ascending sort by count: among equal counts the later category is kept, as scikit-learn does.
  const byCount = categories.map((category, order) => ({ category, order, count: counts.get(category) ?? 0 }));
  byCount.sort((a, b) => a.count - b.count || a.order - b.order);
  const frequent = new Set(byCount.slice(byCount.length - keep).map((entry) => entry.category));
  return {
    op: 'onehot',
    categories: categories.filter((category) => frequent.has(category)),
    infrequent: categories.filter((category) => !frequent.has(category)),
  };
}

/** KBinsDiscretizer's edges: uniform or quantile (numpy's linear percentiles), narrow quantile bins merged. */
function fitBucketize(step: ColumnStep & { op: 'bucketize' }, values: Float64Array, column: string): FittedStep {
  if (values.length === 0) throw badData(column, 'every training value is missing: there is nothing to bin.');
  const ascending = sorted(values);
  const low = ascending[0] ?? 0;
  const high = ascending[ascending.length - 1] ?? 0;
  // A constant column is one bin (scikit-learn's edges are ±inf; these stay JSON).
  if (low === high) return { op: 'bucketize', edges: [low, high] };
  if (step.strategy === 'uniform') return { op: 'bucketize', edges: linspace(low, high, step.bins + 1) };
  // Percents divided by 100, as numpy.percentile does: a value on an edge falls in the same bin as in scikit-learn.
  const edges = linspace(0, 100, step.bins + 1).map((percent) => quantileSorted(ascending, percent / 100));
  return { op: 'bucketize', edges: edges.filter((edge, i) => i === 0 || edge - (edges[i - 1] ?? -Infinity) > 1e-8) };
}

function fitStep(step: ColumnStep, working: Working, column: string): FittedStep {
  if (step.op === 'impute') return fitImpute(step, working, column);
  if (step.op === 'onehot') {
    const keys = working.kind === 'string' ? working.values : Array.from(working.values, (v) => (Number.isNaN(v) ? null : String(v)));
    return fitOnehot(step.maxCategories, keys, working.kind === 'number');
  }
  if (working.kind === 'string') throw badData(column, `${step.op} needs numbers, and the column is categorical.`);
  const values = present(working);
  if (step.op === 'bucketize') return fitBucketize(step, values, column);
  if (values.length === 0) throw badData(column, 'every training value is missing.');
  if (step.op === 'standardize') {
    const center = mean(values);
    return { op: 'standardize', mean: center, scale: standardScale(values, center) };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return { op: 'minmax', min, range: range < 10 * Number.EPSILON ? 1 : range };
}

function outputsOf(column: string, steps: FittedStep[]): string[] {
  const last = steps.at(-1);
  if (last?.op === 'onehot') {
    const names = last.categories.map((category) => `${column}=${category}`);
    return last.infrequent.length > 0 ? [...names, `${column}=${OTHER}`] : names;
  }
  if (last?.op === 'bucketize') return Array.from({ length: last.edges.length - 1 }, (_, i) => `${column}_bin_${i}`);
  return [column];
}

function sourceOf(column: FrameColumn): FittedColumn['source'] {
  if (column.kind === 'string') return 'string';
  return column.date ? 'date' : 'number';
}

function fitColumn(plan: ColumnPlan & { role: 'numeric' | 'categorical' }, column: FrameColumn, trainRows: Int32Array): FittedColumn {
  if (plan.role === 'numeric' && column.kind === 'string') throw badData(plan.column, 'it holds text; give it the role categorical.');
  const working = columnValues(column, plan.role, trainRows);
  const steps: FittedStep[] = [];
  plan.steps.forEach((step, i) => {
    if (i > 0 && (plan.steps[i - 1]?.op === 'onehot' || plan.steps[i - 1]?.op === 'bucketize')) {
      throw badData(plan.column, `${plan.steps[i - 1]?.op} must be the last step: it turns the column into several.`);
    }
    const fitted = fitStep(step, working, plan.column);
    applyStep(fitted, working);
    steps.push(fitted);
  });
  if (plan.role === 'categorical' && steps.at(-1)?.op !== 'onehot') throw badData(plan.column, 'a categorical column needs a onehot step.');
  return { column: plan.column, role: plan.role, source: sourceOf(column), steps, outputs: outputsOf(plan.column, steps) };
}

/** Fits every column's steps, in order, on the training rows only. */
export function fitPipeline(spec: PipelineSpec, frame: Frame, trainRows: Int32Array): FittedPipeline {
  if (trainRows.length === 0) throw new WorkbenchError('training_bad_data', 'There are no training rows to fit the pipeline on.');
  const columns: FittedColumn[] = [];
  for (const plan of spec.columns) {
    if (plan.role === 'drop') continue;
    if (plan.column === spec.target) throw badData(plan.column, 'it is the target, so it cannot also be a feature.');
    const column = frameColumn(frame, plan.column);
    if (!column) throw badData(plan.column, 'it is not in the dataset.');
    columns.push(fitColumn({ ...plan, role: plan.role }, column, trainRows));
  }
  if (columns.length === 0) throw new WorkbenchError('training_bad_data', 'The pipeline keeps no feature column.');
  const target = frameColumn(frame, spec.target);
  if (!target) throw badData(spec.target, 'the target is not in the dataset.');
  return {
    format: 1,
    target: spec.target,
    task: spec.task,
    classes: spec.task === 'regression' ? null : targetClasses(target),
    inputColumns: [...new Set(columns.map((c) => c.column))],
    columns,
    width: columns.reduce((sum, c) => sum + c.outputs.length, 0),
  };
}
