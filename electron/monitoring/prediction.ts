import { randomUUID } from 'node:crypto';
import type { ColumnDrift, ReportSpec } from '../../shared/contract';
import { quoteIdent, quoteLiteral, type Engine } from '../data';
import { openScorer, type ColumnarInput, type Scorer } from '../packaging';
import { driftColumns } from './drift';
import { kindOf, type ResolvedRelation } from './sources';

/** Rows scored per side at most: a uniform sample says as much about the output's distribution. */
export const PREDICTION_SAMPLE_ROWS = 100_000;
const CHUNK_ROWS = 10_000;
const SCHEMA = 'workbench_monitoring';

export interface PredictionDriftInput {
  engine: Engine;
  reference: ResolvedRelation;
  current: ResolvedRelation;
  /** The column holding the model's output in the data, when both sides have it. */
  predictionColumn: string;
  /** The model's package, to score both sides when the data has no predictions. */
  packageDir: string | null;
  spec: ReportSpec;
  signal?: AbortSignal;
}

/**
 * The distribution of the model's outputs, reference against current: the
 * data's own prediction column when both sides have one (the inference log
 * does), else both sides scored by the model (a sample of each).
 */
export async function predictionDrift(input: PredictionDriftInput): Promise<{ drift: ColumnDrift | null; warnings: string[] }> {
  const { engine, reference, current, predictionColumn } = input;
  const override = input.spec.overrides[predictionColumn] ?? input.spec.overrides.prediction;
  const overrides: ReportSpec['overrides'] = override ? { prediction: override } : {};
  const inData = (relation: ResolvedRelation): { name: string; type: string } | undefined => relation.columns.find((c) => c.name === predictionColumn);
  const refColumn = inData(reference);
  const curColumn = inData(current);
  if (refColumn && curColumn) {
    const kind = kindOf(refColumn.type) ?? 'categorical';
    const select = (relation: ResolvedRelation): string => `(SELECT ${quoteIdent(predictionColumn)} AS prediction FROM ${relation.sql})`;
    const [drift] = await driftColumns({ engine, reference: select(reference), current: select(current), columns: [{ name: 'prediction', kind }], overrides, byType: input.spec.byType, ...(input.signal ? { signal: input.signal } : {}) });
    return { drift: drift ? { ...drift, column: predictionColumn } : null, warnings: [] };
  }
  if (!input.packageDir) return { drift: null, warnings: [] };
  const warnings: string[] = [];
  const scorer = await openScorer(input.packageDir);
  const tables: string[] = [];
  try {
    await engine.execute(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    let kind: 'numeric' | 'categorical' = 'numeric';
    const counts: number[] = [];
    for (const relation of [reference, current]) {
      const scored = await scoreSample(engine, relation, scorer, input.signal);
      counts.push(scored.values.length);
      if (scored.sampled) warnings.push(`Prediction drift: ${relation.label} has ${relation.rows} rows; a uniform sample of ${PREDICTION_SAMPLE_ROWS} was scored.`);
      kind = scored.values.some((v) => typeof v === 'string') ? 'categorical' : 'numeric';
      const table = `${SCHEMA}.${quoteIdent(`prediction_${randomUUID().replaceAll('-', '')}`)}`;
      tables.push(table);
      await engine.execute(`CREATE TABLE ${table} (prediction ${kind === 'numeric' ? 'DOUBLE' : 'VARCHAR'})`);
      for (let from = 0; from < scored.values.length; from += CHUNK_ROWS) {
        const chunk = scored.values.slice(from, from + CHUNK_ROWS).map((v) => (typeof v === 'string' ? quoteLiteral(v) : Number.isFinite(v) ? String(v) : 'NULL'));
        await engine.execute(`INSERT INTO ${table} SELECT unnest([${chunk.join(', ')}])`);
      }
    }
    const [drift] = await driftColumns({ engine, reference: tables[0] ?? '', current: tables[1] ?? '', columns: [{ name: 'prediction', kind }], overrides, byType: input.spec.byType, ...(input.signal ? { signal: input.signal } : {}) });
    // The report's one place to say where the outputs came from: scored here, not read from the data.
    const lacking = [reference, current].filter((relation) => !inData(relation)).map((relation) => relation.label);
    warnings.unshift(`Prediction drift: ${lacking.join(' and ')} ${lacking.length > 1 ? 'have' : 'has'} no "${predictionColumn}" column, so both sides were scored with the model (${counts.join(' and ')} rows).`);
    return { drift: drift ?? null, warnings };
  } finally {
    await scorer.release();
    for (const table of tables) await engine.execute(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

async function scoreSample(engine: Engine, relation: ResolvedRelation, scorer: Scorer, signal?: AbortSignal): Promise<{ values: (number | string)[]; sampled: boolean }> {
  const inputs = scorer.signature.inputs.map((field) => field.name);
  const sampled = relation.rows > PREDICTION_SAMPLE_ROWS;
  const options = signal ? { signal } : {};
  // Read once into a table: paging a file or a sample twice could give other rows.
  const table = `${SCHEMA}.${quoteIdent(`inputs_${randomUUID().replaceAll('-', '')}`)}`;
  await engine.execute(`CREATE TABLE ${table} AS SELECT ${inputs.map(quoteIdent).join(', ')} FROM ${relation.sql}${sampled ? ` USING SAMPLE ${PREDICTION_SAMPLE_ROWS} ROWS (reservoir, 42)` : ''}`, options);
  try {
    const values: (number | string)[] = [];
    for (let offset = 0; ; offset += CHUNK_ROWS) {
      const chunk = await engine.query(`SELECT * FROM ${table} ORDER BY rowid LIMIT ${CHUNK_ROWS} OFFSET ${offset}`, options);
      if (chunk.rows.length === 0) break;
      const columns: ColumnarInput['columns'] = {};
      inputs.forEach((name, c) => {
        columns[name] = chunk.rows.map((row) => row[c]) as ArrayLike<number | null> | ArrayLike<string | null> | ArrayLike<boolean | null>;
      });
      const result = await scorer.score({ rows: chunk.rows.length, columns }, options);
      const output = result.outputs.find((o) => o.name === 'prediction') ?? result.outputs[0];
      if (!output) break;
      const stride = Math.max(1, output.values.length / result.rows);
      for (let i = 0; i < result.rows; i++) values.push(output.values[i * stride] ?? Number.NaN);
      if (chunk.rows.length < CHUNK_ROWS) break;
    }
    return { values, sampled };
  } finally {
    await engine.execute(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
