import bindings from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { quoteIdent, type Engine } from '../../data';
import type { ColumnKind } from './choose';

/**
 * The SQL behind the drift report. Every pass aggregates inside DuckDB: what
 * comes back to JS is a few numbers per column, counts per category or bin,
 * never the million values.
 */

export interface ColumnInput {
  name: string;
  kind: ColumnKind;
}

/** Runs statements on one connection, so that temp tables live across them. */
export interface Runner {
  /** `lists` bind $1, $2, ... as lists of numbers (no SQL text to parse for thousands of values). */
  rows(sql: string, lists?: readonly (readonly number[])[]): Promise<unknown[][]>;
  /** A query whose columns are all DOUBLE, read as typed arrays (NULL as NaN) straight from DuckDB's vectors. */
  doubles(sql: string): Promise<Float64Array[]>;
}

export async function withRunner<T>(engine: Engine, signal: AbortSignal | undefined, work: (run: Runner) => Promise<T>): Promise<T> {
  const { listValue, LIST, DOUBLE } = await import('@duckdb/node-api');
  return engine.connect(
    async (connection) =>
      work({
        rows: async (sql, lists = []) => (await connection.runAndReadAll(sql, lists.map((list) => listValue([...list])), lists.map(() => LIST(DOUBLE)))).getRowsJson(),
        doubles: async (sql) => {
          const result = await connection.run(sql);
          const columns = Array.from({ length: result.columnCount }, () => new Float64Array(result.rowCount));
          let at = 0;
          for (let index = 0; index < result.chunkCount; index++) {
            const chunk = result.getChunk(index);
            columns.forEach((column, c) => copyDoubles(chunk, c, column, at));
            at += chunk.rowCount;
          }
          return columns;
        },
      }),
    signal ? { signal } : {},
  );
}

/**
 * Copies a DOUBLE vector's values with one memcpy-like `set` (the C API's
 * data pointer; node-api's own accessors box every value), then marks NULLs.
 */
function copyDoubles(chunk: DuckDBDataChunk, column: number, target: Float64Array, at: number): void {
  const rows = chunk.rowCount;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  const bytes = bindings.vector_get_data(vector, rows * Float64Array.BYTES_PER_ELEMENT);
  target.set(new Float64Array(bytes.buffer, bytes.byteOffset, rows), at);
  const validity = bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8);
  if (!validity || validity.byteLength === 0) return;
  // A byte of 0xFF is eight valid rows: most bytes, even where the mask exists.
  for (let byte = 0; byte < validity.byteLength && byte * 8 < rows; byte++) {
    const bits = validity[byte] as number;
    if (bits === 0xff) continue;
    for (let i = byte * 8; i < Math.min(rows, byte * 8 + 8); i++) if ((bits & (1 << (i & 7))) === 0) target[at + i] = Number.NaN;
  }
}

/** The value as the statistics see it: numbers as DOUBLE (NaN as missing), everything else as text. */
export function valueExpression(column: ColumnInput, source = quoteIdent(column.name)): string {
  return column.kind === 'numeric' ? `CASE WHEN isnan(${source}::DOUBLE) THEN NULL ELSE ${source}::DOUBLE END` : `${source}::VARCHAR`;
}

const MATERIALIZED = 'drift_data';

/**
 * Where the columns are read from: `side` 0 for the reference, 1 for the
 * current window. Text files are parsed once into a temp table of the
 * compared columns, since every column is scanned a few times; tables and
 * Parquet are read in place.
 */
export class Sides {
  private constructor(
    private readonly from: (column: ColumnInput) => string,
    readonly materialized: boolean,
  ) {}

  static async open(run: Runner, reference: string, current: string, columns: ColumnInput[], materialize: boolean): Promise<Sides> {
    if (!materialize) {
      return new Sides((column) => `(SELECT ${valueExpression(column)} AS v, 0 AS side FROM ${reference} UNION ALL SELECT ${valueExpression(column)}, 1 FROM ${current})`, false);
    }
    const values = columns.map((column, i) => `${valueExpression(column)} AS c${i}`).join(', ');
    await run.rows(`CREATE OR REPLACE TEMP TABLE ${MATERIALIZED} AS SELECT 0::UTINYINT AS side, ${values} FROM ${reference} UNION ALL SELECT 1, ${values} FROM ${current}`);
    const index = new Map(columns.map((column, i) => [column, i]));
    return new Sides((column) => `(SELECT c${index.get(column) ?? -1} AS v, side FROM ${MATERIALIZED})`, true);
  }

  /** A relation of (v, side) for the column. */
  of(column: ColumnInput): string {
    return this.from(column);
  }

  async close(run: Runner): Promise<void> {
    if (this.materialized) await run.rows(`DROP TABLE IF EXISTS ${MATERIALIZED}`);
  }
}

export interface ColumnStats {
  refRows: number;
  curRows: number;
  refNonNull: number;
  curNonNull: number;
  /** Values of ±∞ among the non-missing ones (numbers only): no test can use them. */
  refInfinite: number;
  curInfinite: number;
  /** Over both sides, finite values only (numbers only). */
  min: number | null;
  max: number | null;
  /** The reference's population standard deviation (numbers only). */
  refStd: number | null;
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export interface TableStats {
  refRows: number;
  curRows: number;
  columns: ColumnStats[];
}

/** Row counts, and the counts, range and the reference's spread of the given columns, in one scan of each side. */
export async function columnStats(run: Runner, reference: string, current: string, columns: ColumnInput[]): Promise<TableStats> {
  const values = columns.map((column, i) => `${valueExpression(column)} AS c${i}`);
  const side = async (relation: string, spread: boolean): Promise<unknown[]> => {
    const finite = (i: number): string => `FILTER (WHERE NOT isinf(c${i}))`;
    const aggregates = columns.map((column, i) =>
      column.kind === 'numeric'
        ? `count(c${i}), min(c${i}) ${finite(i)}, max(c${i}) ${finite(i)}, ${spread ? `stddev_pop(c${i}) ${finite(i)}` : 'NULL'}, count(*) FILTER (WHERE isinf(c${i}))`
        : `count(c${i}), NULL, NULL, NULL, 0`,
    );
    const [row = []] = await run.rows(`SELECT ${['count(*)', ...aggregates].join(', ')} FROM (SELECT ${values.length > 0 ? values.join(', ') : 'NULL'} FROM ${relation})`);
    return row;
  };
  const ref = await side(reference, true);
  const cur = await side(current, false);
  const refRows = num(ref[0]);
  const curRows = num(cur[0]);
  return {
    refRows,
    curRows,
    columns: columns.map((_, i) => {
      const at = 1 + i * 5;
      const lows = [ref[at + 1], cur[at + 1]].map(numOrNull).filter((v) => v !== null);
      const highs = [ref[at + 2], cur[at + 2]].map(numOrNull).filter((v) => v !== null);
      return {
        refRows,
        curRows,
        refNonNull: num(ref[at]),
        curNonNull: num(cur[at]),
        refInfinite: num(ref[at + 4]),
        curInfinite: num(cur[at + 4]),
        min: lows.length > 0 ? Math.min(...lows) : null,
        max: highs.length > 0 ? Math.max(...highs) : null,
        refStd: numOrNull(ref[at + 3]),
      };
    }),
  };
}

export interface Counts {
  keys: string[];
  reference: number[];
  current: number[];
}

/** Counts per distinct non-missing value on each side, values in order. */
export async function valueCounts(run: Runner, source: string): Promise<Counts> {
  const rows = await run.rows(`SELECT v::VARCHAR, count(*) FILTER (WHERE side = 0), count(*) FILTER (WHERE side = 1) FROM ${source} WHERE v IS NOT NULL GROUP BY v ORDER BY v`);
  return { keys: rows.map((row) => String(row[0])), reference: rows.map((row) => num(row[1])), current: rows.map((row) => num(row[2])) };
}

export async function distinctCount(run: Runner, source: string): Promise<number> {
  const [row = []] = await run.rows(`SELECT count(DISTINCT v) FROM ${source}`);
  return num(row[0]);
}

/** A number as a DOUBLE literal: a bare 0.25 would be a DECIMAL, and DECIMAL arithmetic overflows. */
export function double(value: number): string {
  return Number.isFinite(value) ? `${value}::DOUBLE` : `'${value}'::DOUBLE`;
}

/** The bin of `v` among `bins` equal-width bins from `low` to `high` (numpy.histogram's bins: the last one closed). */
export function binExpression(low: number, high: number, bins: number): string {
  const span = high - low;
  return span > 0 ? `least(floor((v - ${double(low)}) * ${double(bins / span)})::INTEGER, ${bins - 1})` : '0';
}

