import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isWorkbenchError, WorkbenchError, type DataSource } from '../../shared/contract';
import { parseModelUri } from '../registry';
import { quoteIdent, quoteLiteral, readExpression, resolveSource, type DataService, type Engine } from '../data';

/** A source turned into SQL the workspace's engine can read. */
export interface ResolvedRelation {
  /** A parenthesised SELECT or a table function: usable after FROM. */
  sql: string;
  /** For messages and the report: the dataset, the file or the log window. */
  label: string;
  /** What was compared, to tell later whether it changed. */
  fingerprint: string;
  columns: { name: string; type: string }[];
  rows: number;
  /** Columns the source adds by itself (the log's timestamp), never compared. */
  bookkeeping: string[];
  /** Slow to scan again (a text file): the drift tests parse it once into a temp table. */
  materialize: boolean;
}

export const INFERENCE_DATASET_PREFIX = 'inference_';
export const INFERENCE_TIME_COLUMN = 'ts';
/** What the log adds to every row besides the model's inputs and outputs (electron/serving/inference-log-buffer.ts): never features. */
export const INFERENCE_LOG_COLUMNS = [INFERENCE_TIME_COLUMN, 'request_id', 'model_version'];
/** The widest epoch-ms window bound a JavaScript Date (and a DuckDB TIMESTAMP) holds. */
const MAX_EPOCH_MS = 8.64e15;

export async function resolveRelation(data: DataService, source: DataSource, role: 'reference' | 'current' | 'labels', signal?: AbortSignal): Promise<{ engine: Engine; relation: ResolvedRelation }> {
  let sql: string;
  let label: string;
  let fingerprint: string;
  let bookkeeping: string[] = [];
  let materialize = false;
  let db: Engine;
  switch (source.kind) {
    case 'dataset': {
      const found = await data.relation({ dataset: source.dataset });
      db = found.engine;
      sql = found.relation.relation;
      materialize = found.relation.materialize;
      label = `dataset ${source.dataset}`;
      fingerprint = `dataset:${found.relation.source}:${found.relation.fingerprint}`;
      break;
    }
    case 'file': {
      const path = resolve(source.path);
      const resolved = resolveSource(path, undefined);
      if (resolved.format === 'duckdb' || resolved.format === 'sql') throw new WorkbenchError('invalid_input', `${path}: give a CSV, Parquet or JSON file as the ${role} data.`, { path });
      const stats = resolved.files.map((file) => statSync(file));
      db = await data.engine();
      sql = readExpression(resolved.format, resolved.location);
      materialize = resolved.format !== 'parquet';
      label = `file ${path}`;
      fingerprint = `file:${path}:${stats.reduce((size, s) => size + s.size, 0)}:${Math.max(...stats.map((s) => s.mtimeMs))}`;
      break;
    }
    case 'inferenceLog': {
      const { name } = parseModelUri(source.model);
      const dataset = `${INFERENCE_DATASET_PREFIX}${name}`;
      const found = await data.relation({ dataset }).catch((error: unknown) => {
        // Only a missing dataset means "never logged": a log that exists but cannot be read says why.
        if (!isWorkbenchError(error) || error.code !== 'not_found') throw error;
        if (data.list().some((d) => d.name === dataset)) {
          // Registered, but no segment is left: the log's retention and size cap delete the oldest.
          throw new WorkbenchError('invalid_input', `The inference log of ${name} (dataset ${dataset}) holds no requests: its retention or size cap has removed every segment. Serve the model with logging on to fill it again.`, { field: role, dataset });
        }
        throw new WorkbenchError('not_found', `Model ${name} has no inference log yet (dataset ${dataset}): serve it locally with logging on first.`, { dataset, cause: String(error) });
      });
      db = found.engine;
      const ts = quoteIdent(INFERENCE_TIME_COLUMN);
      // The log's times are TIMESTAMPs to the millisecond: the bounds become TIMESTAMPs too (a bare number does not compare),
      // `to` counting its whole millisecond, so Parquet's row-group statistics can still skip what lies outside.
      const from = source.from === null ? null : Math.ceil(clampMs(source.from));
      const to = source.to === null ? null : Math.floor(clampMs(source.to));
      const bounds = [from === null ? null : `${ts} >= epoch_ms(${from})`, to === null ? null : `${ts} < epoch_ms(${to + 1})`].filter((b) => b !== null);
      sql = `(SELECT * FROM ${found.relation.relation}${bounds.length > 0 ? ` WHERE ${bounds.join(' AND ')}` : ''})`;
      label = `the inference log of ${name}${windowText(from, to)}`;
      fingerprint = `log:${name}:${from ?? ''}:${to ?? ''}:${found.relation.fingerprint}`;
      bookkeeping = [...INFERENCE_LOG_COLUMNS];
      break;
    }
  }
  const described = await db.query(`DESCRIBE SELECT * FROM ${sql}`, signal ? { signal } : {}).catch((error: unknown) => {
    throw new WorkbenchError('data_unreadable', `The ${role} data (${label}) cannot be read: ${error instanceof Error ? error.message : String(error)}`, { source: label });
  });
  const columns = described.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
  const rows = Number((await db.query(`SELECT count(*) FROM ${sql}`, signal ? { signal } : {})).rows[0]?.[0] ?? 0);
  if (rows === 0) {
    throw new WorkbenchError('invalid_input', `The ${role} data (${label}) has no rows: the window is empty, so nothing can be compared.`, { field: role, source: label });
  }
  return { engine: db, relation: { sql, label, fingerprint, columns, rows, bookkeeping, materialize } };
}

function clampMs(ms: number): number {
  return Math.min(MAX_EPOCH_MS, Math.max(-MAX_EPOCH_MS, ms));
}

function windowText(from: number | null, to: number | null): string {
  const at = (ms: number): string => new Date(ms).toISOString();
  if (from === null && to === null) return '';
  if (from === null) return ` up to ${at(to ?? 0)}`;
  if (to === null) return ` from ${at(from)}`;
  return ` from ${at(from)} to ${at(to)}`;
}

export type ColumnKind = 'numeric' | 'categorical';

/** How a DuckDB type is compared: numbers by their values, text and booleans by their categories; other types are not compared. */
export function kindOf(type: string): ColumnKind | null {
  const base = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(base)) return 'numeric';
  if (/^(VARCHAR|BOOLEAN|ENUM)/.test(base)) return 'categorical';
  return null;
}

export function literalList(values: string[]): string {
  return `[${values.map(quoteLiteral).join(', ')}]`;
}
