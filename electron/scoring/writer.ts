import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { WorkbenchError } from '../../shared/contract';
import { quoteIdent, quoteLiteral, type Engine } from '../data';
import type { OutputColumn, OutputValue } from './outputs';

/** The engine's schema for a batch's own tables (in memory; dropped when the batch ends). */
const SCHEMA = 'workbench_scoring';
/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_CAPACITY = 2048;

/**
 * A batch's tables in the workspace's engine: the predictions, appended in the
 * order the rows were read, and (when the input cannot be scanned twice in the
 * same order: text files, views) a copy of the input. The Parquet file is one
 * COPY of the input joined to the predictions by position, through DuckDB's
 * positional scan, which reads both sides in order on one thread; so each
 * prediction sits on the row it was made for, and the input's columns never
 * pass through JavaScript.
 */
export class ScoringTables {
  private appender: DuckDBAppender | null = null;
  private types: DuckDBType[] = [];

  private constructor(
    private readonly connection: DuckDBConnection,
    /** What the rows are read from: the input itself, or its copy. */
    readonly relation: string,
    private readonly predictions: string,
    private readonly owned: string[],
  ) {}

  /**
   * Creates the predictions table, and copies the input first when `copy` is
   * set or DuckDB would not plan a positional scan over it.
   */
  static async open(connection: DuckDBConnection, engine: Engine, input: { relation: string; copy: boolean }, outputs: readonly OutputColumn[], signal: AbortSignal, onCopy: (fraction: number) => void): Promise<ScoringTables> {
    const id = randomUUID().replaceAll('-', '').slice(0, 12);
    const predictions = `${SCHEMA}.${quoteIdent(`predictions_${id}`)}`;
    await connection.run(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await connection.run(`CREATE TABLE ${predictions} (${outputs.map((o) => `${quoteIdent(o.name)} ${o.type}`).join(', ')})`);
    const owned = [predictions];
    let relation = input.relation;
    const plan = input.copy ? '' : (await engine.query(`EXPLAIN SELECT * FROM ${relation} POSITIONAL JOIN ${predictions}`, { signal })).rows.map((row) => String(row[1])).join('\n');
    if (!plan.includes('POSITIONAL_SCAN')) {
      relation = `${SCHEMA}.${quoteIdent(`input_${id}`)}`;
      owned.push(relation);
      await engine.execute(`CREATE TABLE ${relation} AS SELECT * FROM ${input.relation}`, { signal, onProgress: onCopy });
    }
    const tables = new ScoringTables(connection, relation, predictions, owned);
    tables.appender = await connection.createAppender(`predictions_${id}`, SCHEMA);
    tables.types = outputs.map((_, index) => tables.appender?.columnType(index) as DuckDBType);
    return tables;
  }

  async appendPredictions(columns: OutputValue[][], rows: number): Promise<void> {
    const { DuckDBDataChunk } = await import('@duckdb/node-api');
    for (let start = 0; start < rows; start += CHUNK_CAPACITY) {
      const end = Math.min(rows, start + CHUNK_CAPACITY);
      const chunk = DuckDBDataChunk.create(this.types, end - start);
      columns.forEach((values, index) => chunk.setColumnValues(index, values.slice(start, end)));
      this.appender?.appendDataChunk(chunk);
    }
  }

  /**
   * Writes the input columns in their order, the predictions in place of any
   * input column of the same name, then the new ones; to a temporary file in
   * the target's folder, synced and renamed, so no reader ever sees half a file.
   */
  async write(target: string, inputColumns: readonly string[], outputs: readonly OutputColumn[], metadata: Record<string, string>): Promise<number> {
    this.appender?.closeSync();
    this.appender = null;
    const outputNames = new Set(outputs.map((o) => o.name));
    const selected = [
      ...inputColumns.map((name) => `${outputNames.has(name) ? 'p' : 'i'}.${quoteIdent(name)}`),
      ...outputs.filter((o) => !inputColumns.includes(o.name)).map((o) => `p.${quoteIdent(o.name)}`),
    ];
    const kv = Object.entries(metadata).map(([key, value]) => `${quoteIdent(key)}: ${quoteLiteral(value)}`).join(', ');
    mkdirSync(dirname(target), { recursive: true });
    const temporary = join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
    try {
      const reader = await this.connection.runAndReadAll(
        `COPY (SELECT ${selected.join(', ')} FROM ${this.relation} AS i POSITIONAL JOIN ${this.predictions} AS p) TO ${quoteLiteral(temporary)} (FORMAT parquet, KV_METADATA {${kv}})`,
      );
      const written = Number(reader.getRowsJson()[0]?.[0] ?? 0);
      syncFile(temporary);
      renameSync(temporary, target);
      return written;
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }

  /** Drops the batch's tables (on success, failure or cancel). */
  async drop(): Promise<void> {
    try {
      this.appender?.closeSync();
    } catch {
      // A failed append leaves the appender unusable; the table goes below anyway.
    }
    for (const table of this.owned) await this.connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function refuseOverwritingInput(target: string, files: readonly string[]): void {
  if (files.includes(target)) {
    throw new WorkbenchError('invalid_input', `The output ${target} is the input itself; write the scores to another file.`, { path: target });
  }
}
