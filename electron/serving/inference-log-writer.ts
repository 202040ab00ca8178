import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import bindings from '@duckdb/node-bindings';
import type { DuckDBDataChunk, DuckDBInstance, DuckDBType, DuckDBVector } from '@duckdb/node-api';
import type { SegmentBuffer, Staged } from './inference-log-buffer';

const CHUNK = 2048;
const ENUM_MAX_VALUES = 1024;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const stageType = (column: Staged): string => (column.kind === 'double' ? 'DOUBLE' : column.kind === 'code' ? 'INTEGER' : column.kind === 'text' ? 'VARCHAR' : 'BOOLEAN');

/** The value as written: codes looked up in their dictionary (a list literal), NaN as NULL, whole numbers as BIGINT. */
function finalExpression(name: string, column: Staged, final: string): string {
  const ref = quote(name);
  if (column.kind === 'code') {
    const dictionary = column.dictionary.map(literal).join(', ');
    // Parquet writes an ENUM's dictionary as it is, where text is hashed value by value: a third cheaper.
    const asEnum = column.dictionary.length > 0 && column.dictionary.length <= ENUM_MAX_VALUES;
    return `${asEnum ? `CAST([${dictionary}][${ref}] AS ENUM(${dictionary}))` : `[${dictionary}][${ref}]`} AS ${ref}`;
  }
  if (column.kind !== 'double') return ref;
  const value = `CASE WHEN isnan(${ref}) THEN NULL ELSE ${ref} END`;
  return `${final === 'BIGINT' ? `CAST(${value} AS BIGINT)` : value} AS ${ref}`;
}

/**
 * Fills a chunk's column. Numbers and dictionary codes are copied in one
 * memcpy through the C API (NaN becomes NULL in the COPY, code 0 looks up
 * nothing in the dictionary): setting them value by value would cost most of
 * a flush, on the event loop the server answers from.
 */
function fillVector(chunk: DuckDBDataChunk, index: number, column: Staged, start: number, end: number): void {
  if (column.kind === 'double' || column.kind === 'code') {
    const values = column.kind === 'double' ? column.values : column.codes;
    const part = values.subarray(start, end);
    bindings.copy_data_to_vector(bindings.data_chunk_get_vector(chunk.chunk, index), 0, part.buffer as ArrayBuffer, part.byteOffset, part.byteLength);
    return;
  }
  const vector = chunk.getColumnVector(index) as DuckDBVector<string | boolean>;
  for (let i = start; i < end; i++) vector.setItem(i - start, column.values[i] ?? null);
  vector.flush();
}

/**
 * Writes segments with a DuckDB of its own (one thread, a small memory limit):
 * the rows are appended to a staging table in chunks, yielding to the event
 * loop between them, and COPY writes the Parquet file to a temporary name in
 * the target's folder, synced and then renamed into place.
 */
export class SegmentWriter {
  private instance: Promise<DuckDBInstance> | null = null;

  private open(): Promise<DuckDBInstance> {
    this.instance ??= import('@duckdb/node-api').then(({ DuckDBInstance }) =>
      DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        threads: '1',
        memory_limit: '256MB',
      }),
    );
    return this.instance;
  }

  /** Writes the buffer's rows to `target`; answers the rows and bytes written. */
  async write(target: string, buffer: SegmentBuffer): Promise<{ rows: number; bytes: number }> {
    const { DuckDBDataChunk } = await import('@duckdb/node-api');
    const { rows, schema } = buffer;
    const connection = await (await this.open()).connect();
    const table = `stage_${randomBytes(6).toString('hex')}`;
    const names = ['ts', 'request_id', 'model_version', ...schema.columns.map((column) => column.name)];
    const finals = ['TIMESTAMP', 'VARCHAR', 'BIGINT', ...schema.columns.map((column) => column.final)];
    const temporary = join(dirname(target), `.${basename(target)}.tmp`);
    try {
      await mkdir(dirname(target), { recursive: true });
      const staged = buffer.staged();
      await connection.run(`CREATE TABLE ${table} (${names.map((name, i) => `${quote(name)} ${stageType(staged[i] as Staged)}`).join(', ')})`);
      const appender = await connection.createAppender(table);
      const types: DuckDBType[] = names.map((_, index) => appender.columnType(index));
      for (let start = 0; start < rows; start += CHUNK) {
        const end = Math.min(rows, start + CHUNK);
        const chunk = DuckDBDataChunk.create(types, end - start);
        staged.forEach((column, index) => fillVector(chunk, index, column, start, end));
        appender.appendDataChunk(chunk);
        // A large flush must not hold the requests waiting behind it.
        await nextTick();
      }
      appender.closeSync();
      const selected = names.map((name, i) => (i === 0 ? 'epoch_ms(CAST(ts AS BIGINT)) AS ts' : finalExpression(name, staged[i] as Staged, finals[i] as string)));
      await connection.run(`COPY (SELECT ${selected.join(', ')} FROM ${table}) TO ${literal(temporary)} (FORMAT parquet, COMPRESSION zstd)`);
      // Synced and renamed off the event loop: a slow disk must not stall the requests.
      await syncFile(temporary);
      await rename(temporary, target);
      return { rows, bytes: (await stat(target)).size };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    } finally {
      await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
      connection.closeSync();
    }
  }

  async close(): Promise<void> {
    const instance = this.instance;
    this.instance = null;
    if (instance) (await instance.catch(() => null))?.closeSync();
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
