import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { WorkbenchError, type DataFormat } from '../../shared/contract';
import type { Engine } from './engine';

/** Every identifier from the UI goes through here: double quotes, doubled inside. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Every string value the workbench puts into SQL goes through here. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const formatsByExtension: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.txt': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.duckdb': 'duckdb',
  '.db': 'duckdb',
};

export function formatOf(path: string): DataFormat {
  const format = formatsByExtension[extname(path.replace(/\.gz$|\.zst$/, '')).toLowerCase()];
  if (!format) {
    throw new WorkbenchError('invalid_input', `${path}: unknown file type; use .csv, .tsv, .parquet, .json, .ndjson or .duckdb, or name the format.`, { path });
  }
  return format;
}

/**
 * The table function that reads a file, folder glob or list of files, with the
 * options the workbench always wants. CSV types are sniffed without BOOLEAN so
 * that Yes/No stays as written.
 */
export function readExpression(format: DataFormat, location: string, extra: Record<string, string> = {}): string {
  const target = quoteLiteral(location);
  const options = Object.entries(extra).map(([key, value]) => `, ${key} = ${value}`).join('');
  switch (format) {
    case 'csv':
    case 'tsv':
      return `read_csv(${target}${format === 'tsv' ? ", delim = '\\t'" : ''}, auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR'], sample_size = 20480${options})`;
    case 'parquet':
      return `read_parquet(${target}${options})`;
    case 'json':
      return `read_json(${target}${options})`;
    case 'ndjson':
      return `read_json(${target}, format = 'newline_delimited'${options})`;
    case 'duckdb':
    case 'sql':
      throw new Error(`${format} is not read through a table function`);
  }
}

/** Where the workbench keeps its own tables; temp tables would vanish with their connection. */
export const SCRATCH_SCHEMA = 'workbench_scratch';

/** A fresh, unused table name in the scratch schema (the schema is made if need be). */
export async function scratchTable(engine: Engine, prefix: string): Promise<string> {
  await engine.execute(`CREATE SCHEMA IF NOT EXISTS ${SCRATCH_SCHEMA}`);
  return `${SCRATCH_SCHEMA}.${quoteIdent(`${prefix}_${randomUUID().replaceAll('-', '')}`)}`;
}
