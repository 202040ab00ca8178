import { WorkbenchError, type MonitoringReport, type ReportSpec } from '../../shared/contract';
import { quoteIdent, type Engine } from '../data';
import { errorPlots } from './quality-errors';
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
  classProbabilities: Map<string, number[]> | null;
  /** Rows that lack a probability they were asked for: ROC AUC and log loss are left out of their windows. */
  unscored: number;
  /** Rows with a label and a prediction but no time, left out of the windows. */
  untimed: number;
}

/** A regression's rows as numbers (they are read as text, as classes are). */
const numbers = (rows: LabelledRows): { labels: number[]; predictions: number[] } => ({ labels: rows.labels.map(Number), predictions: rows.predictions.map(Number) });

const asProbability = (value: unknown): number => (value === null || value === undefined ? Number.NaN : Number(value));

/** A class as text: whole floats as integers, so a prediction 1.0 is the class of the label 1. */
function classText(column: string, type: string): string {
  const value = quoteIdent(column);
  if (!/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(type.toUpperCase())) return `CAST(${value} AS VARCHAR)`;
  const number = `CAST(${value} AS DOUBLE)`;
  return `CASE WHEN isfinite(${number}) AND ${number} = trunc(${number}) AND abs(${number}) < 9e15 THEN CAST(CAST(${number} AS BIGINT) AS VARCHAR) ELSE CAST(${value} AS VARCHAR) END`;
}

async function readRows(engine: Engine, relation: string, columns: { name: string; type: string }[], quality: QualitySpec, side: 'current' | 'reference', signal?: AbortSignal): Promise<LabelledRows | null> {
  const find = (name: string): { name: string; type: string } | undefined => columns.find((c) => c.name === name);
  const label = find(quality.label);
  const prediction = find(quality.prediction);
  if (!label || !prediction) return null;
  const withTime = side === 'current';
  const time = find(quality.timeColumn);
  if (withTime && !time) throw new WorkbenchError('invalid_input', `The current data has no time column "${quality.timeColumn}".`, { field: 'quality.timeColumn', column: quality.timeColumn });
  const probability = quality.probability === undefined ? undefined : find(quality.probability);
  const regression = quality.task === 'regression';
  const prefix = regression ? undefined : quality.probabilityPrefix;
  const perClass = prefix === undefined ? [] : columns.filter((c) => c.name.startsWith(prefix) && c.name.length > prefix.length && c !== label && c !== prediction);
  const numeric: (readonly [{ name: string; type: string } | undefined, string, string])[] = [
    [probability, 'probability', 'quality.probability'],
    ...perClass.map((column) => [column, 'probability', 'quality.probabilityPrefix'] as const),
    ...(regression ? ([[label, 'label', 'quality.label'], [prediction, 'prediction', 'quality.prediction']] as const) : []),
  ];
  for (const [column, role, field] of numeric) {
    if (column && kindOf(column.type) !== 'numeric') {
      throw new WorkbenchError('invalid_input', `The ${role} column "${column.name}" of the ${side} data is ${column.type}: ${role === 'probability' ? 'a probability' : 'a regression'} needs numbers.`, { field, column: column.name });
    }
  }
  const value = (column: { name: string; type: string }): string => (regression ? `CAST(${quoteIdent(column.name)} AS DOUBLE)` : classText(column.name, column.type));
  const present = (column: { name: string; type: string }): string => (regression ? `isfinite(${value(column)})` : `${quoteIdent(column.name)} IS NOT NULL`);
  const sql = `SELECT ${withTime && time ? windowStart(time.name, time.type, quality.window) : '0'} AS w, ${value(label)}, ${value(prediction)}, ${probability ? `CAST(${quoteIdent(probability.name)} AS DOUBLE)` : 'NULL'}${perClass.map((c) => `, CAST(${quoteIdent(c.name)} AS DOUBLE)`).join('')}
    FROM ${relation} WHERE ${present(label)} AND ${present(prediction)} ORDER BY w`;
  const result = await engine.query(sql, signal ? { signal } : {}).catch((error: unknown) => {
    const named = [`label "${label.name}"`, `prediction "${prediction.name}"`, ...(withTime ? [`time "${quality.timeColumn}"`] : []), ...(probability ? [`probability "${probability.name}"`] : []), ...(prefix !== undefined ? [`probabilities "${prefix}*"`] : [])].join(', ');
    throw new WorkbenchError('invalid_input', `The quality columns of the ${side} data (${named}) cannot be read: ${error instanceof Error ? error.message : String(error)}`, { field: 'quality' });
  });
  const timed = result.rows.filter((row) => row[0] !== null);
  const probabilities = probability ? timed.map((row) => asProbability(row[3])) : null;
  const classProbabilities = perClass.length > 0 ? new Map(perClass.map((c, j) => [c.name.slice(prefix?.length), timed.map((row) => asProbability(row[4 + j]))])) : null;
  const asked = [...(probabilities ? [probabilities] : []), ...(classProbabilities?.values() ?? [])];
  const scored = (i: number): boolean => asked.every((values) => !Number.isNaN(values[i] ?? 0));
  return {
    windows: timed.map((row) => Number(row[0])),
    labels: timed.map((row) => String(row[1])),
    predictions: timed.map((row) => String(row[2])),
    probabilities,
    classProbabilities,
    unscored: timed.filter((_, i) => !scored(i)).length,
    untimed: result.rows.length - timed.length,
  };
}

function slice(rows: LabelledRows, from: number, to: number): LabelledRows {
  const classProbabilities = rows.classProbabilities ? new Map([...rows.classProbabilities].map(([name, values]) => [name, values.slice(from, to)])) : null;
  return { windows: rows.windows.slice(from, to), labels: rows.labels.slice(from, to), predictions: rows.predictions.slice(from, to), probabilities: rows.probabilities?.slice(from, to) ?? null, classProbabilities, unscored: 0, untimed: 0 };
}

/** A binary task's labels and predictions, on both sides, hold 2 classes at most: any other would be miscounted as the negative class. */
function binaryClasses(current: LabelledRows, reference: LabelledRows | null, quality: QualitySpec): void {
  const listed = (values: Set<string>): string => `${[...values].sort().slice(0, 5).join(', ')}${values.size > 5 ? '...' : ''}`;
  for (const [values, role, field] of [[current.labels, 'label', 'quality.label'], [current.predictions, 'prediction', 'quality.prediction']] as const) {
    const distinct = new Set(values);
    if (distinct.size > 2) {
      const name = role === 'label' ? quality.label : quality.prediction;
      throw new WorkbenchError('invalid_input', `The task is binary, but the ${role} column "${name}" holds ${distinct.size} values (${listed(distinct)}).`, { field, column: name });
    }
  }
  const all = new Set([...current.labels, ...current.predictions, ...(reference?.labels ?? []), ...(reference?.predictions ?? [])]);
  if (all.size > 2) {
    throw new WorkbenchError('invalid_input', `The task is binary, but "${quality.label}" and "${quality.prediction}" together hold ${all.size} classes (${listed(all)}).`, { field: 'quality.task' });
  }
}

/**
 * Per-class probabilities count only when every class has its column (and a
 * binary task names no third class): else ROC AUC and log loss would be over
 * made-up or renormalised numbers, so they are left out, and the report says why.
 */
function checkClassColumns(rows: LabelledRows | null, classes: string[], quality: QualitySpec, side: string): string[] {
  if (!rows?.classProbabilities) return [];
  const prefix = quality.probabilityPrefix ?? '';
  const missing = classes.filter((name) => !rows.classProbabilities?.has(name));
  const extra = quality.task === 'binary' ? [...rows.classProbabilities.keys()].filter((name) => !classes.includes(name)) : [];
  if (missing.length === 0 && extra.length === 0) return [];
  rows.classProbabilities = null;
  const why = missing.length > 0 ? `has no probability column for the class${missing.length === 1 ? '' : 'es'} ${missing.map((name) => `"${name}" ("${prefix}${name}")`).join(', ')}` : `has probability columns for classes beyond the binary task's two (${extra.map((name) => `"${prefix}${name}"`).join(', ')})`;
  return [`The ${side} data ${why}: no ROC AUC or log loss${side === 'reference' ? ' at the reference level' : ''}.`];
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
  if (quality.probability !== undefined && quality.probabilityPrefix !== undefined) {
    throw new WorkbenchError('invalid_input', 'Give either the probability column (binary) or the prefix of one probability column per class, not both.', { field: 'quality.probabilityPrefix' });
  }
  const warnings: string[] = [];
  const current = await readRows(input.engine, input.current.sql, input.current.columns, quality, 'current', input.signal);
  if (!current) throw new WorkbenchError('invalid_input', `The current data needs the label "${quality.label}" and the prediction "${quality.prediction}" for quality over time.`, { field: 'quality' });
  if (current.labels.length === 0 && current.untimed > 0) throw new WorkbenchError('invalid_input', `No current row with a label and a prediction has a time in "${quality.timeColumn}": there are no windows to report.`, { field: 'quality.timeColumn', column: quality.timeColumn });
  if (current.labels.length === 0) throw new WorkbenchError('invalid_input', 'No current row has both a label and a prediction: there is no model quality to report.', { field: 'quality' });
  if (current.untimed > 0) warnings.push(`${current.untimed} current rows have no time in "${quality.timeColumn}": they are left out of the windows.`);
  const reference = await readRows(input.engine, input.reference.sql, input.reference.columns, quality, 'reference', input.signal);
  if (!reference || reference.labels.length === 0) warnings.push(`The reference data has no "${quality.label}" and "${quality.prediction}" to measure: no reference level.`);
  if (quality.probability !== undefined && !current.probabilities) warnings.push(`The current data has no probability column "${quality.probability}": no ROC AUC or log loss.`);
  const prefix = quality.task === 'regression' ? undefined : quality.probabilityPrefix;
  if (prefix !== undefined && !current.classProbabilities) warnings.push(`The current data has no column named "${prefix}" and a class: no ROC AUC or log loss.`);
  if (current.unscored > 0) warnings.push(`${current.unscored} current rows have no probability: ROC AUC and log loss are left out of the windows that hold them.`);
  if (reference && reference.unscored > 0) warnings.push(`${reference.unscored} reference rows have no probability: no ROC AUC or log loss at the reference level.`);

  const regression = quality.task === 'regression';
  const modelClasses = [...(current.classProbabilities?.keys() ?? []), ...(reference?.classProbabilities?.keys() ?? [])];
  const classes = quality.task === 'regression' ? [] : classOrder([...current.labels, ...current.predictions, ...(reference?.labels ?? []), ...(reference?.predictions ?? []), ...modelClasses], quality.task, quality.positiveClass);
  if (quality.task === 'binary') binaryClasses(current, reference, quality);
  warnings.push(...checkClassColumns(current, classes, quality, 'current'), ...checkClassColumns(reference, classes, quality, 'reference'));
  if (quality.task === 'multiclass' && current.probabilities && classes.length > 2) {
    warnings.push(`The probability column "${quality.probability ?? ''}" is one class's probability: with ${classes.length} classes there is no ROC AUC or log loss from it.`);
  }
  const figures = (rows: LabelledRows): Record<string, number> => {
    if (!regression) return classMetrics(rows, classes);
    const { labels, predictions } = numbers(rows);
    return regressionFigures(labels, predictions);
  };

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
    errors: regression ? errorPlots(numbers(current), reference && reference.labels.length > 0 ? numbers(reference) : null) : null,
    unmatchedLabels: input.unmatchedLabels,
  };
  if (input.unmatchedLabels > 0) warnings.push(`${input.unmatchedLabels} labels match no prediction in the current data; they are left out.`);
  const alerts: string[] = [];
  if (quality.alert) {
    const latest = windows.at(-1);
    const value = latest?.metrics[quality.alert.metric];
    if (value === undefined) {
      const known = regression ? ['rmse', 'mae', 'r2', 'mape'] : ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'log_loss'];
      const why = known.includes(quality.alert.metric)
        ? `has no value for the latest window (${new Date(latest?.start ?? 0).toISOString().slice(0, 10)}, ${latest?.rows ?? 0} row${latest?.rows === 1 ? '' : 's'})`
        : `is not computed for this task (${known.join(', ')})`;
      warnings.push(`The alert metric "${quality.alert.metric}" ${why}: no alert is checked.`);
    }
    else {
      const { below, above } = quality.alert;
      const day = new Date(latest?.start ?? 0).toISOString().slice(0, 10);
      if (below !== undefined && value < below) alerts.push(`${quality.alert.metric} of the latest window (${day}) is ${value.toFixed(4)}, below ${below}.`);
      if (above !== undefined && value > above) alerts.push(`${quality.alert.metric} of the latest window (${day}) is ${value.toFixed(4)}, above ${above}.`);
    }
  }
  return { quality: result, alerts, warnings };
}
