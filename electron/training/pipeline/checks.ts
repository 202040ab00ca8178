import type { ColumnPlan, PipelineSpec } from '../../../shared/contract';
import { frameColumn, type Frame, type FrameColumn } from './frame';
import { targetClasses } from './target';

export interface Problem {
  field: string;
  message: string;
}

/** More classes than this is almost surely a regression target or an ID. */
const MAX_CLASSES = 1000;

interface Scan {
  missing: number;
  firstMissing: number;
  infinite: number;
  firstInfinite: number;
}

/** Missing (null, NaN) and infinite values among `rows`, with 1-based row numbers of the first of each. */
function scan(column: FrameColumn, rows: Int32Array): Scan {
  const result: Scan = { missing: 0, firstMissing: 0, infinite: 0, firstInfinite: 0 };
  for (const row of rows) {
    const value = column.values[row];
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
      if (result.missing++ === 0) result.firstMissing = row + 1;
    } else if (value === Infinity || value === -Infinity) {
      if (result.infinite++ === 0) result.firstInfinite = row + 1;
    }
  }
  return result;
}

function values(count: number): string {
  return count === 1 ? '1 value' : `${count} values`;
}

function checkTarget(spec: PipelineSpec, frame: Frame, rows: Int32Array): Problem[] {
  const field = 'pipeline.target';
  const name = spec.target;
  const column = frameColumn(frame, name);
  if (!column) return [{ field, message: `there is no column "${name}" in the dataset` }];
  if (rows.length === 0) return [];
  const found = scan(column, rows);
  if (found.missing === rows.length) return [{ field, message: `the target "${name}" is empty: every value is missing` }];
  const problems: Problem[] = [];
  if (found.missing > 0) {
    problems.push({ field, message: `the target "${name}" has ${values(found.missing)} missing (null or NaN; first at row ${found.firstMissing}); filter those rows out` });
  }
  if (found.infinite > 0) problems.push({ field, message: `the target "${name}" has ${values(found.infinite)} infinite (first at row ${found.firstInfinite})` });
  if (spec.task === 'regression') {
    if (column.kind !== 'number') problems.push({ field, message: `the target "${name}" holds text; a regression target must be numeric (or choose a classification task)` });
    return problems;
  }
  const subset: FrameColumn =
    column.kind === 'number' ? { ...column, values: Float64Array.from(rows, (r) => column.values[r] ?? NaN) } : { ...column, values: Array.from(rows, (r) => column.values[r] ?? null) };
  const classes = targetClasses(subset);
  if (classes.length === 1) problems.push({ field, message: `the target "${name}" has only one class ("${classes[0]}"); classification needs at least two` });
  else if (spec.task === 'binary' && classes.length > 2) problems.push({ field, message: `the target "${name}" has ${classes.length} classes; a binary task needs exactly 2 (choose multiclass)` });
  else if (classes.length > MAX_CLASSES) problems.push({ field, message: `the target "${name}" has ${classes.length} classes, more than ${MAX_CLASSES}; is it a regression target?` });
  return problems;
}

const numericOnly = new Set(['standardize', 'minmax', 'bucketize']);

/** What the steps of one plan cannot do, whatever the data. */
function checkSteps(plan: ColumnPlan, column: FrameColumn, field: string): Problem[] {
  const problems: Problem[] = [];
  const name = plan.column;
  if (plan.role === 'numeric' && column.kind === 'string') return [{ field, message: `"${name}" holds text; give it the role categorical` }];
  plan.steps.forEach((step, j) => {
    const stepField = `${field}.steps[${j}]`;
    const previous = plan.steps[j - 1];
    if (previous && (previous.op === 'onehot' || previous.op === 'bucketize')) {
      problems.push({ field: stepField, message: `"${name}": ${previous.op} must be the last step, since it turns the column into several` });
    }
    if (plan.role === 'categorical') {
      if (numericOnly.has(step.op)) problems.push({ field: stepField, message: `"${name}" is categorical; ${step.op} needs numbers (give it the role numeric)` });
      if (step.op === 'impute' && (step.strategy === 'mean' || step.strategy === 'median')) {
        problems.push({ field: stepField, message: `"${name}" is categorical; ${step.strategy} imputation needs numbers (use most_frequent or constant)` });
      }
    } else if (step.op === 'impute' && step.strategy === 'constant' && typeof step.fill === 'string') {
      problems.push({ field: stepField, message: `"${name}" is numeric; its constant fill "${step.fill}" must be a number` });
    }
  });
  if (plan.role === 'categorical' && !plan.steps.some((step) => step.op === 'onehot')) {
    problems.push({ field, message: `"${name}" is categorical and needs a onehot step` });
  }
  return problems;
}

function checkValues(plan: ColumnPlan, column: FrameColumn, rows: Int32Array, field: string): Problem[] {
  if (rows.length === 0) return [];
  const name = plan.column;
  const found = scan(column, rows);
  if (found.missing === rows.length) return [{ field, message: `"${name}" is empty: every value is missing (drop it)` }];
  const problems: Problem[] = [];
  if (plan.role === 'numeric' && found.infinite > 0) {
    problems.push({ field, message: `"${name}" has ${values(found.infinite)} infinite (first at row ${found.firstInfinite})` });
  }
  if (found.missing > 0 && !plan.steps.some((step) => step.op === 'impute')) {
    problems.push({ field, message: `"${name}" has ${values(found.missing)} missing (null or NaN; first at row ${found.firstMissing}) and no impute step` });
  }
  return problems;
}

/** The encoding a plan ends with: two plans of one column with the same one would repeat its features. */
function encodingOf(plan: ColumnPlan): string {
  const last = plan.steps.at(-1)?.op;
  return `${plan.column}\u0000${last === 'onehot' || last === 'bucketize' ? last : 'value'}`;
}

/**
 * Every problem of a pipeline with its data, before any fitting, each naming
 * the field and the column; `rows` limits the data checks (all rows by default).
 * Row numbers are 1-based positions in the frame. NaN counts as missing (as in
 * pandas), so an impute step fills it. Onehot on a numeric column is allowed
 * (each distinct value is a category, as with codes); standardize, minmax,
 * bucketize and mean or median imputation on a categorical one are not.
 */
export function checkSpec(spec: PipelineSpec, frame: Frame, rows?: Int32Array): Problem[] {
  const checked = rows ?? Int32Array.from({ length: frame.rows }, (_, i) => i);
  const problems: Problem[] = [];
  if (checked.length === 0) problems.push({ field: 'dataset', message: 'the dataset has no rows' });
  problems.push(...checkTarget(spec, frame, checked));
  const kept = spec.columns.filter((plan) => plan.role !== 'drop' && plan.column !== spec.target);
  if (kept.length === 0) problems.push({ field: 'pipeline.columns', message: 'every column is dropped: the pipeline keeps no feature' });
  const encodings = new Set<string>();
  spec.columns.forEach((plan, i) => {
    const field = `pipeline.columns[${i}]`;
    if (plan.role === 'drop') return;
    if (plan.column === spec.target) {
      problems.push({ field, message: `"${plan.column}" is the target; it cannot also be a feature (drop it)` });
      return;
    }
    const encoding = encodingOf(plan);
    if (encodings.has(encoding)) problems.push({ field, message: `"${plan.column}" is listed twice with the same encoding; its features would repeat` });
    encodings.add(encoding);
    const column = frameColumn(frame, plan.column);
    if (!column) {
      problems.push({ field, message: `there is no column "${plan.column}" in the dataset` });
      return;
    }
    problems.push(...checkSteps(plan, column, field));
    if (plan.role === 'categorical' || column.kind === 'number') problems.push(...checkValues(plan, column, checked, field));
  });
  return problems;
}
