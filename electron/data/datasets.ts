import { createHash, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { WorkbenchError, type ColumnInfo, type Dataset, type DataFormat } from '../../shared/contract';
import { checkCsv } from './csv-check';
import type { Engine } from './engine';
import { fileError, fingerprintFiles, resolveSource } from './files';
import { coercedSelect, inferCoercions, unparsedValues, type Coercion } from './inference';
import { publicDataset, type DatasetRegistry, type ReadSpec, type StoredDataset } from './registry';
import { quoteIdent, quoteLiteral, readExpression, scratchTable } from './sql';
import { CACHE_MAX_BYTES } from './table-cache';

export interface AddOptions {
  path: string;
  name?: string;
  format?: Exclude<DataFormat, 'sql'>;
  signal: AbortSignal;
  progress: (fraction: number | null, message: string) => void;
  /** Receives the parsed table of a text dataset, to keep for profiles and charts. */
  keepTable: (dataset: Dataset, table: string) => Promise<void>;
}

/** The SELECT a dataset's view stands for. */
export function datasetSelect(dataset: Pick<StoredDataset, 'format' | 'location' | 'readSpec'>): string {
  switch (dataset.readSpec.kind) {
    case 'files':
      return coercedSelect(readExpression(dataset.format, dataset.location), dataset.readSpec.coercions);
    case 'duckdb':
      return `SELECT * FROM ${attachedAlias(dataset.readSpec.path)}.${quoteIdent(dataset.readSpec.table)}`;
    case 'view':
      return dataset.readSpec.sql;
  }
}

/** Makes the dataset queryable by name in this engine (after attaching its database, if any). */
export async function defineView(engine: Engine, dataset: StoredDataset): Promise<void> {
  if (dataset.readSpec.kind === 'duckdb') await attach(engine, dataset.readSpec.path);
  await engine.execute(`CREATE OR REPLACE VIEW ${quoteIdent(dataset.name)} AS ${datasetSelect(dataset)}`);
}

export async function dropView(engine: Engine, name: string): Promise<void> {
  await engine.execute(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
}

export async function addDatasets(engine: Engine, registry: DatasetRegistry, options: AddOptions): Promise<Dataset[]> {
  options.progress(null, 'Looking at the files');
  const source = resolveSource(options.path, options.format);
  const [firstFile] = source.files;
  if (source.format === 'duckdb' && firstFile) return addDatabaseTables(engine, registry, firstFile, options);

  if (source.format === 'csv' || source.format === 'tsv') {
    for (const file of source.files) await checkCsv(engine, file, source.format === 'tsv' ? '\t' : undefined);
  }
  const from = readExpression(source.format, source.location);
  const described = await describe(engine, `SELECT * FROM ${from}`, options.path);
  const name = options.name ?? uniqueName(registry, nameFromPath(options.path));
  if (registry.nameTaken(name)) throw new WorkbenchError('dataset_exists', `A dataset named "${name}" exists already; choose another name.`, { name });

  // Text is parsed once, here, into a table that later profiles and charts reuse.
  const parsed = isText(source.format) && totalBytes(source.files) <= CACHE_MAX_BYTES ? await scratchTable(engine, 'parsed') : null;
  if (parsed) {
    const reading = (fraction: number): void => options.progress(0.05 + 0.6 * fraction, 'Reading the data');
    reading(0);
    await engine.execute(`CREATE TABLE ${parsed} AS SELECT * FROM ${from}`, { signal: options.signal, onProgress: reading }).catch((error: unknown) => {
      throw fileError(options.path, error);
    });
  }
  options.progress(0.7, 'Checking text columns for numbers and dates');
  const { coercions, unparsed } = await inferCoercions(engine, source.format, parsed ?? from, described, options.signal);
  const columns = described.map((column) => withCoercion(column, coercions, unparsed));
  let table = parsed;
  if (parsed && coercions.length > 0) {
    table = await scratchTable(engine, 'typed');
    await engine.execute(`CREATE TABLE ${table} AS ${coercedSelect(parsed, coercions)}`, { signal: options.signal });
    await engine.execute(`DROP TABLE ${parsed}`);
  }
  options.progress(0.85, 'Counting rows');
  const rowCount = table ? Number((await engine.query(`SELECT count(*) FROM ${table}`)).rows[0]?.[0] ?? 0) : undefined;
  const dataset = await register(engine, registry, {
    name,
    format: source.format,
    location: source.location,
    readSpec: { kind: 'files', coercions },
    fingerprint: fingerprintFiles(source.files),
    columns,
  }, options.signal, rowCount);
  if (table) await options.keepTable(dataset, table);
  return [dataset];
}

/** The files behind a dataset, as they are now. */
function filesOf(dataset: StoredDataset): string[] {
  if (dataset.readSpec.kind === 'duckdb') return [dataset.readSpec.path];
  if (dataset.readSpec.kind === 'view') return [];
  return resolveSource(dataset.location, dataset.format === 'sql' ? undefined : dataset.format, { check: false }).files;
}

export function datasetBytes(dataset: StoredDataset): number {
  return totalBytes(filesOf(dataset));
}

/** The dataset with its fingerprint taken again: a file changed since it was added gets a new one (and new caches). */
export function freshFingerprint(registry: DatasetRegistry, dataset: StoredDataset): StoredDataset {
  if (dataset.readSpec.kind === 'view') return dataset;
  const fingerprint = fingerprintFiles(filesOf(dataset));
  return fingerprint === dataset.fingerprint ? dataset : registry.setFingerprint(dataset.id, fingerprint);
}

export const isText = (format: DataFormat): boolean => format === 'csv' || format === 'tsv' || format === 'json' || format === 'ndjson';

function totalBytes(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

async function addDatabaseTables(engine: Engine, registry: DatasetRegistry, path: string, options: AddOptions): Promise<Dataset[]> {
  const alias = await attach(engine, path);
  const { rows } = await engine.query(
    `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ${quoteLiteral(alias)} ORDER BY 1, 2`,
  );
  if (rows.length === 0) throw new WorkbenchError('invalid_input', `${path} holds no tables.`, { path });
  const added: Dataset[] = [];
  for (const [schema, table] of rows as [string, string][]) {
    const qualified = schema === 'main' ? table : `${schema}.${table}`;
    const readSpec: ReadSpec = { kind: 'duckdb', path, table: qualified };
    const columns = await describe(engine, `SELECT * FROM ${alias}.${quoteIdent(schema)}.${quoteIdent(table)}`, path);
    added.push(
      await register(engine, registry, {
        name: rows.length === 1 && options.name ? options.name : uniqueName(registry, sanitizeName(table)),
        format: 'duckdb',
        location: `${path}::${qualified}`,
        readSpec,
        fingerprint: fingerprintFiles([path]),
        columns,
      }, options.signal),
    );
  }
  return added;
}

interface NewDataset {
  name: string;
  format: DataFormat;
  location: string;
  readSpec: ReadSpec;
  fingerprint: string;
  columns: ColumnInfo[];
}

export async function register(engine: Engine, registry: DatasetRegistry, fresh: NewDataset, signal?: AbortSignal, knownRows?: number): Promise<Dataset> {
  const now = new Date().toISOString();
  const rowCount = knownRows ?? Number((await engine.query(`SELECT count(*) FROM (${datasetSelect(fresh)})`, { signal })).rows[0]?.[0] ?? 0);
  const dataset: StoredDataset = { ...fresh, id: randomUUID(), description: '', rowCount, createdAt: now, updatedAt: now };
  registry.insert(dataset);
  try {
    await defineView(engine, dataset);
  } catch (error) {
    registry.remove(dataset.id);
    throw error;
  }
  return publicDataset(dataset);
}

export async function unparsed(engine: Engine, dataset: StoredDataset, column: string, limit: number) {
  const info = dataset.columns.find((c) => c.name === column);
  if (!info) throw new WorkbenchError('not_found', `Dataset "${dataset.name}" has no column "${column}".`, { dataset: dataset.name, column });
  const coercion = dataset.readSpec.kind === 'files' ? dataset.readSpec.coercions.find((c) => c.column === column) : undefined;
  if (!coercion) return { column, type: info.type, count: 0, values: [] };
  const values = await unparsedValues(engine, readExpression(dataset.format, dataset.location), coercion, limit);
  return { column, type: info.type, count: info.unparsed, values };
}

async function describe(engine: Engine, select: string, path: string): Promise<ColumnInfo[]> {
  try {
    const { rows } = await engine.query(`DESCRIBE ${select}`);
    return rows.map(([name, type]) => ({ name: String(name), type: String(type), unparsed: 0 }));
  } catch (error) {
    throw fileError(path, error);
  }
}

const attachedAlias = (path: string): string => `db_${createHash('sha256').update(path).digest('hex').slice(0, 12)}`;

export async function attach(engine: Engine, path: string): Promise<string> {
  const alias = attachedAlias(path);
  await engine.execute(`ATTACH IF NOT EXISTS ${quoteLiteral(path)} AS ${alias} (READ_ONLY)`);
  return alias;
}

function withCoercion(column: ColumnInfo, coercions: readonly Coercion[], unparsedCounts: Map<string, number>): ColumnInfo {
  const coercion = coercions.find((c) => c.column === column.name);
  if (!coercion) return column;
  return { name: column.name, type: coercion.type, coercedFrom: column.type, unparsed: unparsedCounts.get(column.name) ?? 0 };
}

export function sanitizeName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 56) || 'dataset';
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `d_${cleaned}`;
}

function nameFromPath(path: string): string {
  const base = basename(path.replace(/[*?[].*$/, '').replace(/\/+$/, '')) || 'dataset';
  return sanitizeName(base.slice(0, base.length - extname(base).length) || base);
}

function uniqueName(registry: DatasetRegistry, wanted: string): string {
  let name = wanted;
  for (let n = 2; registry.nameTaken(name); n++) name = `${wanted}_${n}`;
  return name;
}
