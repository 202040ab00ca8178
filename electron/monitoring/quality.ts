import { WorkbenchError, type MonitoringReport, type ReportSpec } from '../../shared/contract';
import { quoteIdent, type Engine } from '../data';
import { classMetrics, classOrder, confusion, dummyClassMetrics, dummyRegressionMetrics, regressionFigures } from './quality-metrics';
import { kindOf, type ResolvedRelation } from './sources';

type QualitySpec = NonNullable<ReportSpec['quality']>;
export type QualityResult = NonNullable<MonitoringReport['quality']>;

/** The start of each row's window, in epoch ms: epoch-ms numbers (the inference log's `ts`), dates and timestamps alike. */
export function windowStart(column: string, type: string, window: QualitySpec['window']): string {
  const value = kindOf(type) === 'numeric' ? `epoch_ms(CAST(${quoteIdent(column)} AS BIGINT))` : `CAST(${quoteIdent(column)} AS TIMESTAMP)`;
  return `epoch_ms(date_trunc('${window}', ${value}))`;
}

/**
 * Late labels: the current rows that have a label, by `idColumn`. Labels that
 * match no prediction are counted; when none match, the report would be
 * empty, so that is an error.
 */
export async function joinLabels(engine: Engine, current: ResolvedRelation, labels: ResolvedRelation, quality: QualitySpec, signal?: AbortSignal): Promise<{ sql: string; unmatched: number }> {
  const id = quality.labels?.idColumn ?? '';
  for (const [relation, role] of [[current, 'current data'], [labels, 'labels']] as const) {
    if (!relation.columns.some((c) => c.name === id)) throw new WorkbenchError('invalid_input', `The ${role} (${relation.label}) has no ID column "${id}" to join labels by.`, { field: 'quality.labels.idColumn', column: id });
  }
  if (!labels.columns.some((c) => c.name === quality.label)) throw new WorkbenchError('invalid_input', `The labels (${labels.label}) have no column "${quality.label}".`, { field: 'quality.label', column: quality.label });
  const key = (alias: string): string => `CAST(${alias}.${quoteIdent(id)} AS VARCHAR)`;
  const options = signal ? { signal } : {};
  const counts = await engine.query(
    `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ${current.sql} c WHERE ${key('c')} = ${key('l')})), count(*) FROM ${labels.sql} l`,
    options,
  );
  const unmatched = Number(counts.rows[0]?.[0] ?? 0);
  const total = Number(counts.rows[0]?.[1] ?? 0);
  if (total > 0 && unmatched === total) {
    throw new WorkbenchError('invalid_input', `None of the ${total} labels (${labels.label}) matches a prediction in ${current.label} by "${id}": check the ID column and the window.`, { field: 'quality.labels', unmatched });
  }
  const exclude = current.columns.some((c) => c.name === quality.label) ? ` EXCLUDE (${quoteIdent(quality.label)})` : '';
  return { sql: `(SELECT c.*${exclude}, l.${quoteIdent(quality.label)} FROM ${current.sql} c JOIN ${labels.sql} l ON ${key('c')} = ${key('l')})`, unmatched };
}

interface LabelledRows {
  windows: number[];
  labels: string[];
  predictions: string[];
  probabilities: number[] | null;
}

async function readRows(engine: Engine, relation: string, columns: { name: string; type: string }[], quality: QualitySpec, withTime: boolean, signal?: AbortSignal): Promise<LabelledRows | null> {
  const has = (name: string): boolean => columns.some((c) => c.name === name);
  if (!has(quality.label) || !has(quality.prediction)) return null;
  const time = columns.find((c) => c.name === quality.timeColumn);
  if (withTime && !time) throw new WorkbenchError('invalid_input', `The current data has no time column "${quality.timeColumn}".`, { field: 'quality.timeColumn', column: quality.timeColumn });
  const probability = quality.probability !== undefined && has(quality.probability) ? quality.probability : null;
  const regression = quality.task === 'regression';
  const cast = (column: string): string => `CAST(${quoteIdent(column)} AS ${regression ? 'DOUBLE' : 'VARCHAR'})`;
  const sql = `SELECT ${withTime && time ? windowStart(time.name, time.type, quality.window) : '0'} AS w, ${cast(quality.label)}, ${cast(quality.prediction)}, ${probability ? `CAST(${quoteIdent(probability)} AS DOUBLE)` : 'NULL'}
    FROM ${relation} WHERE ${quoteIdent(quality.label)} IS NOT NULL AND ${quoteIdent(quality.prediction)} IS NOT NULL ORDER BY w`;
  const result = await engine.query(sql, signal ? { signal } : {}).catch((error: unknown) => {
    throw new WorkbenchError('invalid_input', `The quality columns cannot be read: ${error instanceof Error ? error.message : String(error)}`, { field: 'quality' });
  });
  return {
    windows: result.rows.map((row) => Number(row[0])),
    labels: result.rows.map((row) => String(row[1])),
    predictions: result.rows.map((row) => String(row[2])),
    probabilities: probability ? result.rows.map((row) => Number(row[3])) : null,
  };
}

function slice(rows: LabelledRows, from: number, to: number): LabelledRows {
  return { windows: rows.windows.slice(from, to), labels: rows.labels.slice(from, to), predictions: rows.predictions.slice(from, to), probabilities: rows.probabilities?.slice(from, to) ?? null };
}

export interface QualityInput {
  engine: Engine;
  reference: ResolvedRelation;
  /** The current data, labels joined in. */
  current: { sql: string; columns: { name: string; type: string }[] };
  quality: QualitySpec;
  unmatchedLabels: number;
  signal?: AbortSignal;
}

export async function qualityOverTime(input: QualityInput): Promise<{ quality: QualityResult; alerts: string[]; warnings: string[] }> {
  const { quality } = input;
  const warnings: string[] = [];
  const current = await readRows(input.engine, input.current.sql, input.current.columns, quality, true, input.signal);
  if (!current) throw new WorkbenchError('invalid_input', `The current data needs the label "${quality.label}" and the prediction "${quality.prediction}" for quality over time.`, { field: 'quality' });
  if (current.labels.length === 0) throw new WorkbenchError('invalid_input', 'No current row has both a label and a prediction: there is no model quality to report.', { field: 'quality' });
  const reference = await readRows(input.engine, input.reference.sql, input.reference.columns, quality, false, input.signal);
  if (!reference || reference.labels.length === 0) warnings.push(`The reference data has no "${quality.label}" and "${quality.prediction}" to measure: no reference level.`);
  if (quality.probability !== undefined && !current.probabilities) warnings.push(`The current data has no probability column "${quality.probability}": no ROC AUC or log loss.`);

  const regression = quality.task === 'regression';
  const classes = quality.task === 'regression' ? [] : classOrder([...current.labels, ...current.predictions, ...(reference?.labels ?? []), ...(reference?.predictions ?? [])], quality.task, quality.positiveClass);
  if (!regression && quality.task === 'binary' && new Set([...current.labels, ...current.predictions, ...(reference?.labels ?? [])]).size > 2) {
    throw new WorkbenchError('invalid_input', `The task is binary, but the labels and predictions hold more than 2 classes (${classes.join(', ')}...).`, { field: 'quality.task' });
  }
  const figures = (rows: LabelledRows): Record<string, number> => (regression ? regressionFigures(rows.labels.map(Number), rows.predictions.map(Number)) : classMetrics(rows, classes));

  const windows: QualityResult['windows'] = [];
  for (let from = 0; from < current.windows.length; ) {
    let to = from;
    while (to < current.windows.length && current.windows[to] === current.windows[from]) to++;
    const rows = slice(current, from, to);
    windows.push({ start: current.windows[from] ?? 0, rows: to - from, metrics: figures(rows) });
    from = to;
  }
  const trainLabels = reference && reference.labels.length > 0 ? reference.labels : current.labels;
  const result: QualityResult = {
    reference: reference && reference.labels.length > 0 ? figures(reference) : {},
    dummy: regression ? dummyRegressionMetrics(trainLabels.map(Number), current.labels.map(Number)) : dummyClassMetrics(trainLabels, current, classes),
    windows,
    confusion: regression ? null : confusion(current, classes),
    unmatchedLabels: input.unmatchedLabels,
  };
  if (input.unmatchedLabels > 0) warnings.push(`${input.unmatchedLabels} labels match no prediction in the current data; they are left out.`);
  const alerts: string[] = [];
  if (quality.alert) {
    const latest = windows.at(-1);
    const value = latest?.metrics[quality.alert.metric];
    if (value === undefined) warnings.push(`The alert metric "${quality.alert.metric}" is not computed for this task (have: ${Object.keys(latest?.metrics ?? {}).join(', ')}).`);
    else if (value < quality.alert.below) alerts.push(`${quality.alert.metric} of the latest window (${new Date(latest?.start ?? 0).toISOString().slice(0, 10)}) is ${value.toFixed(4)}, below ${quality.alert.below}.`);
  }
  return { quality: result, alerts, warnings };
}
