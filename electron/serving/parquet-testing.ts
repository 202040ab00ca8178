import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { encodeParquet, type EncodeOptions, type ParquetColumn } from './parquet-encoder';

/** For the tests of the Parquet encoder and the inference log: files written, then read back by DuckDB. */


export interface ParquetReader {
  /** The suite's folder for its files (removed after the suite). */
  readonly dir: string;
  query: (sql: string) => Promise<unknown[][]>;
  run: (sql: string) => Promise<void>;
  /** Encodes the columns into a new file of the suite's folder; answers its path. */
  write: (columns: ParquetColumn[], rows: number, options?: EncodeOptions) => string;
  /** Each column's encodings, as DuckDB's parquet_metadata lists them. */
  encodings: (path: string) => Promise<Map<string, string>>;
}

/** Call inside a describe block: a folder and an in-memory DuckDB, opened before its tests and closed after them. */
export function parquetReader(prefix: string): ParquetReader {
  let dir = '';
  let instance: DuckDBInstance | null = null;
  let connection: DuckDBConnection | null = null;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = (): DuckDBConnection => {
    if (!connection) throw new Error('parquetReader: used outside the describe block that made it');
    return connection;
  };
  let files = 0;
  const query = async (sql: string): Promise<unknown[][]> => (await open().runAndReadAll(sql)).getRows();
  return {
    get dir() {
      return dir;
    },
    query,
    write: (columns, rows, options) => {
      const path = join(dir, `f${++files}.parquet`);
      writeFileSync(path, Buffer.concat(encodeParquet(columns, rows, options)));
      return path;
    },
    run: async (sql) => {
      await open().run(sql);
    },
    encodings: async (path) => new Map((await query(`SELECT path_in_schema, encodings FROM parquet_metadata('${path}')`)).map(([name, used]) => [String(name), String(used)])),
  };
}
