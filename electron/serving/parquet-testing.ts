import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

/** For the tests of the Parquet encoder and the inference log: files written, then read back by DuckDB. */

/** A seeded generator (mulberry32): the large cases are the same on every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ParquetReader {
  /** The suite's folder for its files (removed after the suite). */
  readonly dir: string;
  query: (sql: string) => Promise<unknown[][]>;
  run: (sql: string) => Promise<void>;
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
  const query = async (sql: string): Promise<unknown[][]> => (await open().runAndReadAll(sql)).getRows();
  return {
    get dir() {
      return dir;
    },
    query,
    run: async (sql) => {
      await open().run(sql);
    },
    encodings: async (path) => new Map((await query(`SELECT path_in_schema, encodings FROM parquet_metadata('${path}')`)).map(([name, used]) => [String(name), String(used)])),
  };
}
