import { WorkbenchError, type Dataset, type TrainSpec } from '../../shared/contract';
import type { DataService } from '../data';
import { splitRows } from '../evaluation';
import { checkSpec, encodeTarget, fitPipeline, loadFrame, transformFrame, type FittedPipeline, type Frame } from './pipeline';
import { checkSplit } from './checks';

export interface Matrix {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  width: number;
}

/** Everything a training needs from its data, computed once (a search shares it between trials). */
export interface PreparedData {
  dataset: Dataset;
  frame: Frame;
  fitted: FittedPipeline;
  rows: { train: Int32Array; validation: Int32Array; test: Int32Array };
  train: Matrix;
  validation: Matrix | null;
  test: Matrix;
  /** Class count for the engine: 0 for regression. */
  classes: number;
}

export function findDataset(data: DataService, nameOrId: string): Dataset {
  const datasets = data.list();
  const found = datasets.find((d) => d.id === nameOrId) ?? datasets.find((d) => d.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found) {
    throw new WorkbenchError('not_found', `dataset: there is no dataset "${nameOrId}" in this workspace (${datasets.map((d) => d.name).join(', ') || 'none yet'}).`, {
      field: 'dataset',
    });
  }
  return found;
}

/** The columns a spec reads: the target, every kept feature, and the time column of a time split. */
export function columnsRead(spec: TrainSpec): string[] {
  const names = new Set<string>([spec.pipeline.target]);
  for (const plan of spec.pipeline.columns) if (plan.role !== 'drop') names.add(plan.column);
  if (spec.split.strategy === 'time' && spec.split.timeColumn) names.add(spec.split.timeColumn);
  return [...names];
}

export async function loadData(data: DataService, spec: TrainSpec, signal: AbortSignal): Promise<{ dataset: Dataset; frame: Frame }> {
  const dataset = findDataset(data, spec.dataset);
  const { engine, relation } = await data.relation({ dataset: dataset.id });
  const available = new Set(relation.columns.map((column) => column.name));
  const missing = columnsRead(spec).filter((name) => !available.has(name));
  if (missing.length > 0) {
    throw new WorkbenchError('training_bad_data', `The dataset "${dataset.name}" has no column ${missing.map((m) => `"${m}"`).join(', ')}.`, {
      problems: missing.map((column) => ({ field: 'pipeline.columns', message: `no column "${column}" in ${dataset.name}` })),
    });
  }
  const frame = await loadFrame(engine, relation.relation, columnsRead(spec), signal);
  return { dataset, frame };
}

/** Every problem with the spec and its data, before any training. */
export function problemsOf(spec: TrainSpec, frame: Frame): { field: string; message: string }[] {
  return [...checkSpec(spec.pipeline, frame), ...checkSplit(spec, frame)];
}

export function throwProblems(problems: { field: string; message: string }[], datasetName: string): void {
  if (problems.length === 0) return;
  const list = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  throw new WorkbenchError('training_bad_data', `Cannot train on "${datasetName}": ${list}.`, { problems });
}

/** Class index of every row (for stratified splits), before any fitting: sorted distinct target values. */
export function targetLabels(frame: Frame, target: string): Int32Array {
  const column = frame.columns.find((c) => c.name === target);
  const labels = new Int32Array(frame.rows);
  if (!column) return labels;
  const values: (string | number | null)[] = column.kind === 'number' ? Array.from(column.values, (v) => (Number.isNaN(v) ? null : v)) : column.values;
  const distinct = [...new Set(values.filter((v): v is string | number => v !== null))].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const index = new Map(distinct.map((value, i) => [value, i]));
  values.forEach((value, row) => (labels[row] = value === null ? -1 : (index.get(value) ?? -1)));
  return labels;
}

export function timeValues(frame: Frame, column: string | undefined): Float64Array | undefined {
  const found = column ? frame.columns.find((c) => c.name === column) : undefined;
  return found?.kind === 'number' ? found.values : undefined;
}

export function matrix(fitted: FittedPipeline, frame: Frame, rows: Int32Array): Matrix {
  const { x, width } = transformFrame(fitted, frame, rows);
  return { x, y: encodeTarget(fitted, frame, rows), rows: rows.length, width };
}

/** Split, fit the pipeline on the training rows only, and transform every split. */
export function prepare(spec: TrainSpec, dataset: Dataset, frame: Frame): PreparedData {
  const classification = spec.pipeline.task !== 'regression';
  const labels = classification ? targetLabels(frame, spec.pipeline.target) : undefined;
  const strategy = spec.split.strategy === 'stratified' && !classification ? 'random' : spec.split.strategy;
  const rows = splitRows({ ...spec.split, strategy }, frame.rows, { labels, time: timeValues(frame, spec.split.timeColumn) });
  const fitted = fitPipeline(spec.pipeline, frame, rows.train);
  return {
    dataset,
    frame,
    fitted,
    rows,
    train: matrix(fitted, frame, rows.train),
    validation: rows.validation.length > 0 ? matrix(fitted, frame, rows.validation) : null,
    test: matrix(fitted, frame, rows.test),
    classes: classification ? (fitted.classes?.length ?? 0) : 0,
  };
}
