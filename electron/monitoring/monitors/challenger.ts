import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkbenchError, WorkbenchError, type Comparison, type ReportSpec } from '../../../shared/contract';
import type { DataService } from '../../data';
import { quoteIdent } from '../../data';
import { classificationMetrics, primaryMetric, regressionMetrics } from '../../evaluation';
import { openScorer, type ColumnarInput, type Scorer } from '../../packaging';
import { parseModelUri, type RegistryService } from '../../registry';
import type { TrackingService } from '../../tracking';

/** Enough rows to rank two models; more only slows the comparison. */
const MAX_ROWS = 100_000;
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL|INTEGER|BIGINT|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/i;

export interface CompareInput {
  data: DataService;
  registry: Pick<RegistryService, 'resolve'>;
  tracking: Pick<TrackingService, 'artifactDirectory'>;
  spec: ReportSpec;
  /** The retraining run: its `model/` artifact is the challenger. */
  runId: string;
}

interface Labelled {
  input: ColumnarInput;
  labels: unknown[];
}

const skipped = (metric: string, higherIsBetter: boolean, reason: string): Comparison => ({ metric, higherIsBetter, rows: 0, champion: null, challenger: null, winner: null, skipped: reason });

/**
 * Scores the report's current data with the champion (`models:/NAME@champion`)
 * and with the retraining run's model, and ranks them on the task's primary
 * metric. It only reads: the alias stays where it is.
 */
export async function compareChallenger(input: CompareInput): Promise<Comparison> {
  const { spec } = input;
  const task = spec.quality?.task ?? 'binary';
  const { name: metric, higherIsBetter } = primaryMetric(task);
  if (!spec.quality) return skipped(metric, higherIsBetter, 'The report has no quality section, so the current data has no labels to compare on.');
  if (spec.quality.labels) return skipped(metric, higherIsBetter, 'Labels joined from another source are not used for the comparison yet; put the label in the current data.');
  if (!spec.model) return skipped(metric, higherIsBetter, 'The monitor names no model, so there is no champion.');
  if (spec.current.kind !== 'dataset') return skipped(metric, higherIsBetter, `The comparison reads a dataset; the current data is a ${spec.current.kind}.`);
  const challengerDir = join(input.tracking.artifactDirectory(input.runId), 'model');
  if (!existsSync(join(challengerDir, 'MLmodel'))) return skipped(metric, higherIsBetter, `The run ${input.runId} exported no model package (model/MLmodel).`);
  const modelName = parseModelUri(spec.model).name;
  let champion: { name: string; version: number; packageDir: string };
  try {
    champion = input.registry.resolve(`models:/${modelName}@champion`);
  } catch (error) {
    if (!isWorkbenchError(error)) throw error;
    return skipped(metric, higherIsBetter, `There is no champion to compare with: ${error.message}`);
  }

  const scorers: Scorer[] = [];
  try {
    scorers.push(await openScorer(champion.packageDir), await openScorer(challengerDir));
    const columns = [...new Set(scorers.flatMap((scorer) => scorer.signature.inputs.map((field) => field.name)))];
    const rows = await readLabelled(input.data, spec.current.dataset, columns, spec.quality.label);
    if (rows.labels.length === 0) return skipped(metric, higherIsBetter, `The current data has no rows with a label in "${spec.quality.label}".`);
    const [championMetrics, challengerMetrics] = await Promise.all(scorers.map((scorer) => metricsOf(scorer, rows, task)));
    const a = championMetrics?.[metric];
    const b = challengerMetrics?.[metric];
    const winner = a === undefined || b === undefined ? null : a === b ? 'tie' : (b > a) === higherIsBetter ? 'challenger' : 'champion';
    return {
      metric,
      higherIsBetter,
      rows: rows.labels.length,
      champion: { name: champion.name, version: champion.version, metrics: championMetrics ?? {} },
      challenger: { runId: input.runId, metrics: challengerMetrics ?? {} },
      winner,
      skipped: null,
    };
  } catch (error) {
    if (!isWorkbenchError(error)) throw error;
    return skipped(metric, higherIsBetter, `Scoring failed: ${error.message}`);
  } finally {
    await Promise.all(scorers.map((scorer) => scorer.release()));
  }
}

async function readLabelled(data: DataService, datasetName: string, columns: string[], label: string): Promise<Labelled> {
  const dataset = data.list().find((d) => d.id === datasetName) ?? data.list().find((d) => d.name.toLowerCase() === datasetName.toLowerCase());
  if (!dataset) throw new WorkbenchError('not_found', `current: there is no dataset "${datasetName}".`, { field: 'current' });
  const { engine, relation } = await data.relation({ dataset: dataset.id });
  const present = columns.filter((name) => relation.columns.some((column) => column.name === name));
  const select = [...present, label].map(quoteIdent).join(', ');
  const result = await engine.query(`SELECT ${select} FROM ${relation.relation} WHERE ${quoteIdent(label)} IS NOT NULL LIMIT ${MAX_ROWS}`);
  const count = result.rows.length;
  const out: ColumnarInput['columns'] = {};
  present.forEach((name, index) => {
    const type = relation.columns.find((column) => column.name === name)?.type ?? '';
    if (NUMERIC.test(type)) out[name] = Float64Array.from(result.rows, (row) => (row[index] === null ? Number.NaN : Number(row[index])));
    else if (/^BOOL/i.test(type)) out[name] = result.rows.map((row) => (row[index] === null ? null : Boolean(row[index])));
    else out[name] = result.rows.map((row) => textOf(row[index]));
  });
  return { input: { rows: count, columns: out }, labels: result.rows.map((row) => row[present.length]) };
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

async function metricsOf(scorer: Scorer, rows: Labelled, task: 'binary' | 'multiclass' | 'regression'): Promise<Record<string, number> | null> {
  const result = await scorer.score(rows.input);
  const n = rows.labels.length;
  const prediction = (result.outputs.find((output) => output.name === 'prediction') ?? result.outputs[0])?.values;
  if (task === 'regression') {
    if (!prediction) return null;
    return regressionMetrics(Float64Array.from(rows.labels, Number), Float64Array.from(prediction as ArrayLike<number | string>, Number));
  }
  const probabilities = result.outputs.filter((output) => output.name.startsWith('probability_'));
  const classes = probabilities.length > 0 ? probabilities.map((output) => output.name.slice('probability_'.length)) : [...new Set([...rows.labels.map(String), ...(prediction ?? []).map(String)])].sort();
  const index = new Map(classes.map((name, i) => [name, i]));
  const yTrue = Int32Array.from(rows.labels, (value) => index.get(String(value)) ?? -1);
  if (yTrue.some((value) => value < 0) || classes.length < 2) return null;
  const proba = new Float32Array(n * classes.length);
  if (probabilities.length > 0) {
    probabilities.forEach((output, c) => {
      for (let row = 0; row < n; row++) proba[row * classes.length + c] = Number(output.values[row]);
    });
  } else {
    // A model that gives only labels: its probabilities are one-hot.
    for (let row = 0; row < n; row++) proba[row * classes.length + (index.get(String(prediction?.[row])) ?? 0)] = 1;
  }
  return classificationMetrics(yTrue, proba, classes.length);
}
