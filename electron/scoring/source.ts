import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { WorkbenchError } from '../../shared/contract';
import { attachDatabase, checkCsv, fileError, quoteIdent, quoteLiteral, readExpression, resolveSource, type DataService, type Engine } from '../data';

/** What a batch reads: a relation in the workspace's engine, and its columns. */
export interface ScoringSource {
  engine: Engine;
  /** SQL that can follow FROM: a view, a table, or a table function over the files. */
  relation: string;
  /** The dataset's name or the file, as messages name it. */
  label: string;
  /** The files read (none for a dataset defined by SQL); the output must not be one of them. */
  files: string[];
  columns: { name: string; type: string }[];
  /** Read once into a table of the engine first: text (parsed once, not twice) and views. */
  copy: boolean;
}

/**
 * A dataset of the workspace (by name or id), a CSV / TSV / Parquet / JSON file
 * (or glob), or `file.duckdb::table`, read the way datasets are read: the same
 * engine, the same readers, databases attached read-only.
 */
export async function openSource(data: DataService, input: string, baseDir: string, signal: AbortSignal): Promise<ScoringSource> {
  const dataset = data.list().find((d) => d.id === input || d.name.toLowerCase() === input.toLowerCase());
  if (dataset) {
    const { engine, relation } = await data.relation({ dataset: dataset.id });
    const files = dataset.format === 'sql' ? [] : [dataset.location.split('::')[0] ?? dataset.location];
    return { engine, relation: relation.relation, label: dataset.name, files, columns: relation.columns, copy: relation.materialize };
  }
  const engine = await data.engine();
  const separator = input.lastIndexOf('::');
  if (separator > 0) return openTable(engine, absolute(input.slice(0, separator), baseDir), input.slice(separator + 2), signal);

  const path = absolute(input, baseDir);
  const source = resolveSource(path, undefined);
  if (source.format === 'duckdb') {
    throw new WorkbenchError('invalid_input', `${path} is a DuckDB database: name the table as ${path}::TABLE.`, { path });
  }
  if (source.format === 'csv' || source.format === 'tsv') {
    for (const file of source.files) await checkCsv(engine, file, source.format === 'tsv' ? '\t' : undefined).catch(rethrowFor(file));
  }
  const relation = readExpression(source.format, source.location);
  const copy = ['csv', 'tsv', 'json', 'ndjson'].includes(source.format);
  return { engine, relation, label: path, files: source.files, columns: await describe(engine, relation, path, signal), copy };
}

async function openTable(engine: Engine, path: string, table: string, signal: AbortSignal): Promise<ScoringSource> {
  if (!existsSync(path)) throw new WorkbenchError('not_found', `${path} does not exist.`, { path });
  const alias = await attachDatabase(engine, path).catch(rethrowFor(path));
  const [schema, name] = table.includes('.') ? [table.slice(0, table.indexOf('.')), table.slice(table.indexOf('.') + 1)] : ['main', table];
  const { rows } = await engine.query(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = ${quoteLiteral(alias)} AND schema_name = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(name)}
     UNION ALL SELECT 1 FROM duckdb_views() WHERE database_name = ${quoteLiteral(alias)} AND schema_name = ${quoteLiteral(schema)} AND view_name = ${quoteLiteral(name)}`,
  );
  if (rows.length === 0) throw new WorkbenchError('not_found', `${path} has no table "${table}".`, { path, table });
  const relation = `${alias}.${quoteIdent(schema)}.${quoteIdent(name)}`;
  return { engine, relation, label: `${path}::${table}`, files: [path], columns: await describe(engine, relation, path, signal), copy: false };
}

async function describe(engine: Engine, relation: string, path: string, signal: AbortSignal): Promise<{ name: string; type: string }[]> {
  const described = await engine.query(`DESCRIBE SELECT * FROM ${relation}`, { signal }).catch(rethrowFor(path));
  return described.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) }));
}

/** DuckDB's failure, led by the file's name (data_unreadable for what it cannot parse). */
export function rethrowFor(path: string): (error: unknown) => never {
  return (error: unknown) => {
    throw fileError(path, error);
  };
}

function absolute(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
